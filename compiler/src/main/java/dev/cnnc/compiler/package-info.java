/**
 * The cnnc compiler: shape checking ({@code shape}), lowering to a model IR, and Java code
 * generation.
 */
package dev.cnnc.compiler;
