package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.runtime.golden.GoldenCases;
import dev.cnnc.runtime.golden.Tolerance;
import dev.cnnc.spec.model.LrSchedule;
import dev.cnnc.spec.model.TrainSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cases beyond testdata/golden, computed by PyTorch (tools/make_trainer_fixtures.py): nesterov and
 * dampened SGD, MSE, and PyTorch's own StepLR / CosineAnnealingLR sequences.
 */
class TorchReferenceTest {
    /** The optimizer tolerance of testdata/golden. */
    private static final Tolerance OPT = GoldenCases.load().get("sgd_momentum").tolerance();

    @Test
    void sgdNesterov() {
        replaySgd("sgd_nesterov", new int[] {3, 4}, 0.05, 0.9, 0.0, 1e-3, true);
    }

    @Test
    void sgdDampening() {
        replaySgd("sgd_dampening", new int[] {5}, 0.1, 0.8, 0.3, 0.0, false);
    }

    private static void replaySgd(String name, int[] shape, double lr, double momentum, double dampening,
            double wd, boolean nesterov) {
        ParamLayout layout = ParamLayout.packed(List.of(new ParamLayout.Entry("w", shape, ParamTensor.Kind.WEIGHT)));
        Sgd sgd = new Sgd(layout, momentum, dampening, wd, nesterov);
        float[] p = TorchReference.floats(name + ".param");
        for (int k = 1; k <= 3; k++) {
            sgd.step(p, TorchReference.floats(name + ".grad_step" + k), lr);
            OPT.assertClose(name + " param_step" + k, TorchReference.floats(name + ".param_step" + k), p);
            OPT.assertClose(name + " momentum_buffer_step" + k,
                    TorchReference.floats(name + ".momentum_buffer_step" + k),
                    sgd.exportState().buffer(Sgd.MOMENTUM_BUFFER));
        }
    }

    @Test
    void meanSquaredError() {
        float[] pred = TorchReference.floats("mse.pred");
        float[] target = TorchReference.floats("mse.target");
        float[] grad = new float[pred.length];
        double loss = MeanSquaredError.compute(pred, target, pred.length, grad);
        Tolerance tol = GoldenCases.load().tolerance();
        tol.assertClose("mse loss", TorchReference.floats("mse.loss"), new float[] {(float) loss});
        tol.assertClose("mse grad", TorchReference.floats("mse.grad_pred"), grad);
    }

    @Test
    void meanSquaredErrorOnLabelsUsesOneHotTargets() {
        float[] out = {0.2f, 0.7f, 0.1f, 0.5f, 0.5f, 0f};
        float[] grad = new float[6];
        double loss = LossFunction.of(TrainSpec.Loss.MSE).lossAndGradient(out, new int[] {1, 0}, 2, 3, grad);
        float[] target = {0, 1, 0, 1, 0, 0};
        float[] expectedGrad = new float[6];
        assertEquals(MeanSquaredError.compute(out, target, 6, expectedGrad), loss, 1e-12);
        // (0.04 + 0.09 + 0.01 + 0.25 + 0.25 + 0) / 6
        assertEquals(0.64 / 6, loss, 1e-7);
        assertEquals(java.util.Arrays.toString(expectedGrad), java.util.Arrays.toString(grad));
    }

    @Test
    void stepLrMatchesPyTorch() {
        LrScheduler s = new LrScheduler(new LrSchedule(LrSchedule.Type.STEP, 3, 0.5, 0, 0), 0.1, 12);
        assertSequence("lr.steplr_s3_g0.5", s);
    }

    @Test
    void cosineWithDefaultTMaxMatchesPyTorch() {
        LrScheduler s = new LrScheduler(new LrSchedule(LrSchedule.Type.COSINE, 1, 1, 0, 0), 0.1, 12);
        assertEquals(12, s.tMax());
        assertSequence("lr.cosine_t12_min0", s);
    }

    @Test
    void cosineWithMinAndShortTMaxMatchesPyTorchPastTMax() {
        LrScheduler s = new LrScheduler(new LrSchedule(LrSchedule.Type.COSINE, 1, 1, 5, 0.01), 0.1, 12);
        assertSequence("lr.cosine_t5_min0.01", s);
    }

    private static void assertSequence(String name, LrScheduler s) {
        double[] expected = TorchReference.doubles(name);
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.lr(e), 1e-12 * expected[0], name + " epoch " + e);
        }
    }
}
