/**
 * Shape inference and checking: {@link dev.cnnc.compiler.shape.ShapeChecker} turns a
 * {@link dev.cnnc.spec.model.NetworkSpec} into a {@link dev.cnnc.compiler.shape.TypedNetwork}
 * where every tensor's shape, every layer's parameter count, cost and receptive field are
 * known, or reports diagnostics.
 *
 * <p>The passes: {@code GraphChecker} (names, inputs, cycles, unused layers, topological
 * order), then one {@code ShapeRules} visitor per layer (with {@code WindowRules} for
 * convolution and pooling windows, {@code MergeRules} for add/concat, {@code ReshapeRule}),
 * then {@code NetworkRules} (parameter ceiling, {@code classes} length). Formulas live in
 * {@link dev.cnnc.compiler.shape.WindowMath}; message text in {@code ShapeMessages} and
 * {@code KernelHints}.
 *
 * <p>Conventions: parameters as PyTorch counts them (batchnorm running statistics are not
 * parameters); MACs count convolutions and dense layers only; the receptive field is per
 * spatial axis of the network input, grown by rf += (span-1)*jump, jump *= stride, the
 * maximum over the inputs of add/concat, and the whole input after flatten, reshape, dense
 * and global pooling. Ceilings ({@link dev.cnnc.compiler.shape.Limits}): 2^28 elements per
 * activation tensor and 2^28 parameters per network (TOO_LARGE); above 2^31-1 elements a
 * tensor is an OVERFLOW.
 */
package dev.cnnc.compiler.shape;
