/**
 * The {@code cnnc train} and {@code cnnc evaluate} runs: finding and checking the data, wiring the
 * trainer to the run folder, and evaluating a model with weights on the test split.
 */
package dev.cnnc.runtime.run;
