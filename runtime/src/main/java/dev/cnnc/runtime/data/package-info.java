/**
 * Data sets for training and evaluation (contract §3): IDX (MNIST) files and folders, CSV files,
 * and the {@link dev.cnnc.runtime.data.Dataset} value they produce (pixels scaled to [0, 1],
 * channels first, integer labels).
 *
 * <p>Readers check every size announced by a file before allocating, and report problems as a
 * {@link dev.cnnc.runtime.data.DataException} with {@code FILE: reason} lines
 * (CSV problems name their line and column), which the command line prints before exiting with
 * code 1.
 */
package dev.cnnc.runtime.data;
