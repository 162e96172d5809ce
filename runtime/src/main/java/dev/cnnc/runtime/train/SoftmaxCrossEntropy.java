package dev.cnnc.runtime.train;

/**
 * Softmax cross-entropy on logits with mean reduction (PyTorch's {@code F.cross_entropy}).
 *
 * <pre>
 * loss        = −(1/N) Σ_n log_softmax(logits)[n, label_n]
 * dL/dlogits  = (softmax(logits) − onehot(label)) / N
 * </pre>
 * The log-softmax uses the log-sum-exp trick ({@link Softmax#logSumExp}), so logits of any
 * magnitude give a finite loss. No class weights, ignore_index or label smoothing.
 */
public final class SoftmaxCrossEntropy implements LossFunction {
    @Override
    public double lossAndGradient(float[] logits, int[] labels, int batch, int classes, float[] grad) {
        LossFunction.checkBatch(logits, labels, batch, classes);
        double total = 0;
        for (int n = 0; n < batch; n++) {
            int base = n * classes;
            double lse = Softmax.logSumExp(logits, base, classes, 1);
            total += lse - logits[base + labels[n]];
            for (int c = 0; c < classes; c++) {
                double p = Math.exp(logits[base + c] - lse);
                grad[base + c] = (float) ((p - (c == labels[n] ? 1 : 0)) / batch);
            }
        }
        return total / batch;
    }

    @Override
    public double loss(float[] logits, int[] labels, int batch, int classes) {
        LossFunction.checkBatch(logits, labels, batch, classes);
        double total = 0;
        for (int n = 0; n < batch; n++) {
            int base = n * classes;
            total += Softmax.logSumExp(logits, base, classes, 1) - logits[base + labels[n]];
        }
        return total / batch;
    }
}
