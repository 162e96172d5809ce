package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cnnc.runtime.golden.GoldenCase;
import dev.cnnc.runtime.golden.GoldenCases;
import dev.cnnc.runtime.golden.GoldenParams;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Replays every PyTorch optimizer case of testdata/golden: params and state after each of 3 steps. */
class OptimizerGoldenTest {
    static Stream<GoldenCase> optimizerCases() {
        List<GoldenCase> out = new ArrayList<>(GoldenCases.load().byOp("sgd"));
        out.addAll(GoldenCases.load().byOp("adam"));
        return out.stream();
    }

    @Test
    void everyOptimizerCaseIsCovered() {
        List<String> names = optimizerCases().map(GoldenCase::name).toList();
        assertEquals(6, names.size(), "the public set has 3 sgd and 3 adam cases: " + names);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizerCases")
    void replaysThreeSteps(GoldenCase c) {
        int[] shape = c.tensor("param").shape();
        ParamLayout layout = ParamLayout.packed(List.of(new ParamLayout.Entry("w", shape, ParamTensor.Kind.WEIGHT)));
        Optimizer opt = create(c, layout);
        float[] p = c.tensor("param").copy();
        double lr = c.params().dbl("lr");
        int steps = c.params().integer("steps");
        assertEquals(3, steps);
        for (int k = 1; k <= steps; k++) {
            float[] g = c.tensor("grad_step" + k).copy();
            float[] gBefore = g.clone();
            opt.step(p, g, lr);
            assertEquals(java.util.Arrays.toString(gBefore), java.util.Arrays.toString(g), "grads are read only");
            c.tolerance().assertClose(c.name() + " param_step" + k, c.tensor("param_step" + k).data(), p);
            OptimizerState s = opt.exportState();
            assertEquals(k, s.steps());
            for (String buf : List.of("momentum_buffer", "exp_avg", "exp_avg_sq")) {
                if (c.hasTensor(buf + "_step" + k)) {
                    c.tolerance().assertClose(c.name() + " " + buf + "_step" + k,
                            c.tensor(buf + "_step" + k).data(), s.buffer(buf));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("optimizerCases")
    void resumesFromExportedStateExactly(GoldenCase c) {
        int[] shape = c.tensor("param").shape();
        ParamLayout layout = ParamLayout.packed(List.of(new ParamLayout.Entry("w", shape, ParamTensor.Kind.WEIGHT)));
        double lr = c.params().dbl("lr");
        Optimizer first = create(c, layout);
        float[] p = c.tensor("param").copy();
        first.step(p, c.tensor("grad_step1").copy(), lr);
        Optimizer resumed = create(c, layout);
        resumed.importState(first.exportState());
        for (int k = 2; k <= 3; k++) {
            resumed.step(p, c.tensor("grad_step" + k).copy(), lr);
        }
        c.tolerance().assertClose(c.name() + " resumed param_step3", c.tensor("param_step3").data(), p);
    }

    @Test
    void neverTouchesRunningStatistics() {
        GoldenCase c = GoldenCases.load().get("adam_wd");
        ParamLayout layout = ParamLayout.packed(List.of(
                new ParamLayout.Entry("bn.weight", new int[] {3}, ParamTensor.Kind.NORM_WEIGHT),
                new ParamLayout.Entry("bn.running_mean", new int[] {3}, ParamTensor.Kind.RUNNING_MEAN),
                new ParamLayout.Entry("bn.running_var", new int[] {3}, ParamTensor.Kind.RUNNING_VAR)));
        for (Optimizer opt : List.of(create(c, layout), new Sgd(layout, 0.9, 0, 0.5, true))) {
            float[] p = {1, 1, 1, 0.5f, 0.5f, 0.5f, 2, 2, 2};
            float[] g = {0.1f, 0.2f, 0.3f, 9, 9, 9, 9, 9, 9};
            opt.step(p, g, 0.1);
            opt.step(p, g, 0.1);
            assertFalse(p[0] == 1f, "the batchnorm weight is trained");
            for (int i = 3; i < 9; i++) {
                assertEquals(i < 6 ? 0.5f : 2f, p[i], "running statistic " + i + " is not a parameter");
            }
        }
    }

    @Test
    void rejectsStateOfAnotherOptimizer() {
        ParamLayout layout = ParamLayout.packed(List.of(new ParamLayout.Entry("w", new int[] {2, 2}, ParamTensor.Kind.WEIGHT)));
        Adam adam = new Adam(layout, 0.9, 0.999, 1e-8, 0);
        Sgd sgd = new Sgd(layout, 0.9, 0, 0, false);
        assertThrows(IllegalArgumentException.class, () -> adam.importState(sgd.exportState()));
        assertThrows(IllegalArgumentException.class, () -> sgd.importState(adam.exportState()));
        ParamLayout other = ParamLayout.packed(List.of(new ParamLayout.Entry("w", new int[] {3}, ParamTensor.Kind.WEIGHT)));
        assertThrows(IllegalArgumentException.class, () -> new Adam(other, 0.9, 0.999, 1e-8, 0).importState(adam.exportState()));
    }

    static Optimizer create(GoldenCase c, ParamLayout layout) {
        GoldenParams p = c.params();
        if (c.op().equals("sgd")) {
            return new Sgd(layout, p.dbl("momentum"), p.dbl("dampening"), p.dbl("weight_decay"), p.bool("nesterov"));
        }
        assertFalse(p.bool("amsgrad"));
        return new Adam(layout, p.dbl("beta1"), p.dbl("beta2"), p.dbl("eps"), p.dbl("weight_decay"));
    }
}
