/**
 * Test-side access to the PyTorch golden fixtures in {@code testdata/golden} (see its README).
 *
 * <p>{@link dev.cnnc.runtime.golden.GoldenCases#load()} finds the folder from the module's
 * directory ({@code ../testdata/golden}), reads {@code cases.json} with SnakeYAML and exposes
 * each {@link dev.cnnc.runtime.golden.GoldenCase}: its op, typed
 * {@link dev.cnnc.runtime.golden.GoldenParams}, its tensors by name
 * ({@link dev.cnnc.runtime.golden.GoldenTensor}: shape, role, float data, loaded on first use)
 * and its {@link dev.cnnc.runtime.golden.Tolerance} (the case's own, else the global one), whose
 * {@code assertClose} is the elementwise check {@code |a − e| ≤ abs + rel·|e|}.
 */
package dev.cnnc.runtime.golden;
