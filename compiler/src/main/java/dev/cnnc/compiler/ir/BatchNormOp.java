package dev.cnnc.compiler.ir;

import dev.cnnc.spec.model.Activation;
import java.util.List;

/**
 * Batch normalisation at inference (PyTorch eval mode):
 * {@code out[c, s] = act((in[c, s] - runningMean[c]) / sqrt(runningVar[c] + eps) · weight[c] + bias[c])}.
 * {@code momentum} is kept for training.
 */
public record BatchNormOp(String layer, Buffer in, Buffer out, int channels, int spatial, ParamTensor weight,
                          ParamTensor bias, ParamTensor runningMean, ParamTensor runningVar, double eps,
                          double momentum, Activation activation) implements Op {
    public BatchNormOp {
        if (activation.kind() == Activation.Kind.SOFTMAX) {
            throw new IllegalArgumentException("softmax is not fused into batchnorm");
        }
    }

    public BatchNormOp withActivation(Activation act) {
        return new BatchNormOp(layer, in, out, channels, spatial, weight, bias, runningMean, runningVar, eps,
                momentum, act);
    }

    @Override
    public List<Buffer> inputs() {
        return List.of(in);
    }

    @Override
    public Buffer output() {
        return out;
    }

    @Override
    public List<ParamTensor> params() {
        return List.of(weight, bias, runningMean, runningVar);
    }

    @Override
    public <R> R accept(OpVisitor<R> visitor) {
        return visitor.visitBatchNorm(this);
    }
}
