package dev.cnnc.runtime.run;

import dev.cnnc.runtime.compile.CompiledModel;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.report.ConfusionMatrix;
import dev.cnnc.runtime.report.EvaluationReport;
import dev.cnnc.runtime.train.LossFunction;
import dev.cnnc.spec.model.TrainSpec;
import java.util.Arrays;
import java.util.List;

/**
 * {@code cnnc evaluate}: runs a compiled model (inference only) over a data set in batches and
 * collects the mean loss and the confusion matrix.
 *
 * <p>The loss is the spec's {@code train.loss}. For a network that ends in softmax the compiled
 * model outputs probabilities p; cross-entropy is then taken on log p, which equals the
 * cross-entropy of the logits before the softmax (softmax(log p) = p), as in training.
 */
public final class Evaluation {
    private static final float TINY = Float.MIN_NORMAL;

    private Evaluation() {
    }

    /**
     * Evaluates every sample of {@code data}.
     *
     * @param endsInSoftmax whether the model's outputs are probabilities
     * @param classNames the spec's class names, possibly empty
     */
    public static EvaluationReport evaluate(CompiledModel model, Dataset data, TrainSpec.Loss loss,
            boolean endsInSoftmax, List<String> classNames, int batch) {
        // a batch larger than the data is the whole data (as PyTorch's DataLoader): never allocate more
        batch = Math.max(1, Math.min(batch, data.size()));
        int in = model.inputSize();
        int classes = model.outputSize();
        float[] x = new float[batch * in];
        float[] y = new float[batch * classes];
        int[] labels = new int[batch];
        LossFunction f = LossFunction.of(loss);
        ConfusionMatrix matrix = new ConfusionMatrix(classes);
        double sum = 0;
        for (int start = 0; start < data.size(); start += batch) {
            int b = Math.min(batch, data.size() - start);
            for (int i = 0; i < b; i++) {
                data.copyImage(start + i, x, i * in);
                labels[i] = data.label(start + i);
            }
            model.forward(x, y, b);
            matrix.addBatch(y, labels, b);
            if (endsInSoftmax && loss == TrainSpec.Loss.CROSS_ENTROPY) {
                for (int i = 0; i < b * classes; i++) {
                    y[i] = (float) Math.log(Math.max(y[i], TINY));
                }
            }
            sum += f.loss(Arrays.copyOf(y, b * classes), Arrays.copyOf(labels, b), b, classes) * b;
        }
        return new EvaluationReport(data.size() == 0 ? Double.NaN : sum / data.size(), matrix, classNames);
    }
}
