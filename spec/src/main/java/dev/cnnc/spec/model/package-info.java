/**
 * The typed model spec of format 1: immutable records that validate themselves.
 *
 * <p>Values reach these records only through the reader, which reports user mistakes as
 * diagnostics; a record constructor that throws therefore means a bug in cnnc, not in
 * the user's file. Layers form a sealed family visited with {@link LayerVisitor}, so that
 * adding a layer kind makes javac list every pass that still has to handle it.
 */
package dev.cnnc.spec.model;
