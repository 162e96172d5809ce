/**
 * The cnnc model spec: YAML in, immutable self-validating records out.
 *
 * <p>Sub-packages: {@code diag} (positions and diagnostics), {@code model} (the typed
 * records of format 1), {@code def} (the one table of layer and section definitions that
 * both the reader and the JSON Schema are derived from), {@code yaml} (the reader).
 */
package dev.cnnc.spec;
