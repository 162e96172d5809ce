/**
 * Diagnostics as data: a position, a stable code, a message, hints and notes.
 *
 * <p>Every stage of cnnc reports problems into a {@link dev.cnnc.spec.diag.Diagnostics}
 * collector instead of throwing, so that all problems of a file are reported at once.
 */
package dev.cnnc.spec.diag;
