package dev.cnnc.compiler.ir;

import java.util.List;

/**
 * One step of the forward pass: reads {@link #inputs()}, writes all of {@link #output()} and
 * nothing else. The forward semantics of each kind is documented on its record, once; code
 * generators derive loops from these fields.
 */
public sealed interface Op
        permits NormalizeOp, PadOp, ConvOp, PoolOp, GlobalPoolOp, DenseOp, ActivationOp, BatchNormOp,
        AddOp, ConcatOp, DropoutOp {

    /** The spec layer this op implements (user text: escape before use in code). */
    String layer();

    List<Buffer> inputs();

    Buffer output();

    /** Parameter tensors read by this op, in state_dict order. */
    List<ParamTensor> params();

    <R> R accept(OpVisitor<R> visitor);
}
