/**
 * The {@code cnnc} command line (picocli): one small {@code Callable<Integer>} per command,
 * exit codes as in the contract (§2); {@code System.exit} only in {@link dev.cnnc.cli.Main}.
 */
package dev.cnnc.cli;
