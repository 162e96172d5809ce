/**
 * Tests of the example specs in {@code examples/*.yaml}: they parse and shape-check
 * cleanly, their shapes and parameter counts equal PyTorch's (committed reference numbers),
 * and their {@code cnnc summary} output equals the committed golden files.
 */
package dev.cnnc.examples;
