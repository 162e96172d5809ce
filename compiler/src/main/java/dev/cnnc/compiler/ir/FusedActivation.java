package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.PoolKind;

/**
 * Which ops absorb a following element-wise activation: conv, dense and batchnorm without an
 * activation of their own absorb any but softmax; max pooling absorbs ReLU (max and ReLU commute).
 */
final class FusedActivation {
    private FusedActivation() {
    }

    /** The op with {@code act} applied to its output, or null when it cannot absorb it. */
    static Op fuse(Op op, Activation act) {
        if (op instanceof ConvOp c && c.activation().isIdentity()) {
            return c.withActivation(act);
        }
        if (op instanceof DenseOp d && d.activation().isIdentity()) {
            return d.withActivation(act);
        }
        if (op instanceof BatchNormOp b && b.activation().isIdentity()) {
            return b.withActivation(act);
        }
        if (op instanceof PoolOp p && p.kind() == PoolKind.MAX && p.activation().isIdentity()
                && act.kind() == Activation.Kind.RELU) {
            return p.withActivation(act);
        }
        return null;
    }
}
