package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.golden.GoldenCases;
import dev.cnnc.spec.model.TrainSpec;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Softmax cross-entropy, softmax and log-softmax against the PyTorch golden cases. */
class LossGoldenTest {
    static Stream<GoldenCase> crossEntropyCases() {
        return GoldenCases.load().byOp("cross_entropy").stream();
    }

    static Stream<GoldenCase> softmaxCases() {
        return Stream.concat(GoldenCases.load().byOp("softmax").stream(),
                GoldenCases.load().byOp("log_softmax").stream());
    }

    @Test
    void allCrossEntropyCasesPresent() {
        assertEquals(4, crossEntropyCases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossEntropyCases")
    void crossEntropyLossAndGradient(GoldenCase c) {
        int[] shape = c.tensor("logits").shape();
        int n = shape[0];
        int classes = shape[1];
        assertEquals(c.params().integer("num_classes"), classes);
        assertEquals(1f, c.tensor("grad_output").scalar());
        float[] logits = c.tensor("logits").copy();
        int[] labels = c.tensor("labels").labels();
        float[] grad = new float[n * classes];
        LossFunction ce = LossFunction.of(TrainSpec.Loss.CROSS_ENTROPY);
        double loss = ce.lossAndGradient(logits, labels, n, classes, grad);
        c.tolerance().assertClose(c.name() + " loss", c.tensor("loss").data(), new float[] {(float) loss});
        c.tolerance().assertClose(c.tensor("grad_logits"), grad);
        assertEquals(loss, ce.loss(logits, labels, n, classes), 0.0, "loss without gradient agrees");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("softmaxCases")
    void softmaxForward(GoldenCase c) {
        assertEquals(1, c.params().integer("dim"));
        int[] shape = c.tensor("input").shape();
        int inner = 1;
        for (int i = 2; i < shape.length; i++) {
            inner *= shape[i];
        }
        float[] x = c.tensor("input").copy();
        float[] out = new float[x.length];
        if (c.op().equals("softmax")) {
            Softmax.softmax(x, shape[0], shape[1], inner, out);
        } else {
            Softmax.logSoftmax(x, shape[0], shape[1], inner, out);
        }
        c.tolerance().assertClose(c.tensor("output"), out);
    }

    @Test
    void hugeLogitsStayFinite() {
        float[] logits = {1e30f, -1e30f, 0f, 3e38f, 3e38f, -3e38f};
        float[] grad = new float[6];
        double loss = new SoftmaxCrossEntropy().lossAndGradient(logits, new int[] {0, 2}, 2, 3, grad);
        assertTrue(Double.isFinite(loss));
        for (float g : grad) {
            assertTrue(Float.isFinite(g));
        }
    }

    @Test
    void rejectsLabelOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().loss(new float[] {0, 0, 0}, new int[] {3}, 1, 3));
    }

    @Test
    void crossEntropyGradientMatchesFiniteDifferences() {
        GoldenCase c = GoldenCases.load().get("cross_entropy_4x10");
        float[] logits = c.tensor("logits").copy();
        int[] labels = c.tensor("labels").labels();
        float[] grad = new float[logits.length];
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        ce.lossAndGradient(logits, labels, 4, 10, grad);
        double h = 1e-2;
        for (int i = 0; i < logits.length; i += 7) {
            float[] plus = logits.clone();
            float[] minus = logits.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double fd = (ce.loss(plus, labels, 4, 10) - ce.loss(minus, labels, 4, 10)) / ((plus[i] - minus[i]));
            assertEquals(fd, grad[i], 1e-4, "d loss / d logits[" + i + "]");
        }
    }
}
