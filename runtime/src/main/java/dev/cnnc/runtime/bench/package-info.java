/**
 * Benchmarks of compiled models ({@code cnnc bench}): warm latency and throughput medians,
 * allocation per call, load times and per-layer GFLOP/s. Timing never goes into unit tests.
 */
package dev.cnnc.runtime.bench;
