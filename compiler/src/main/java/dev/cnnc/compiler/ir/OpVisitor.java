package dev.cnnc.compiler.ir;

/** One method per op kind. */
public interface OpVisitor<R> {
    R visitNormalize(NormalizeOp op);

    R visitPad(PadOp op);

    R visitConv(ConvOp op);

    R visitPool(PoolOp op);

    R visitGlobalPool(GlobalPoolOp op);

    R visitDense(DenseOp op);

    R visitActivation(ActivationOp op);

    R visitBatchNorm(BatchNormOp op);

    R visitAdd(AddOp op);

    R visitConcat(ConcatOp op);

    R visitDropout(DropoutOp op);
}
