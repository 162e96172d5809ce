/**
 * Shape inference and checking: {@link dev.cnnc.compiler.shape.ShapeChecker} turns a
 * {@link dev.cnnc.spec.model.NetworkSpec} into a {@link dev.cnnc.compiler.shape.TypedNetwork}
 * where every tensor's shape, every layer's parameter count, cost and receptive field are
 * known, or reports diagnostics.
 */
package dev.cnnc.compiler.shape;
