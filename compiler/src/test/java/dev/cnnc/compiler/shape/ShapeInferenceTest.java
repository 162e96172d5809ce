package dev.cnnc.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.PoolKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output shapes, parameters, MACs and receptive fields of valid networks (numbers from PyTorch or by hand). */
class ShapeInferenceTest {
    private static NetBuilder lenet() {
        return NetBuilder.input(1, 28, 28)
                .conv2d("c1", 6, 5, 1, Padding.Explicit.uniform(2, 2)).maxpool2d("p1", 2)
                .conv2d("c2", 16, 5).maxpool2d("p2", 2).flatten("flat")
                .dense("f1", 120).dense("f2", 84).dense("out", 10);
    }

    @Test
    void lenetShapesParamsAndMacs() {
        TypedNetwork net = Checked.run(lenet()).ok();
        assertEquals(Shape.of(6, 28, 28), net.layer("c1").orElseThrow().output());
        assertEquals(Shape.of(16, 5, 5), net.layer("p2").orElseThrow().output());
        assertEquals(Shape.of(400), net.layer("flat").orElseThrow().output());
        assertEquals(Shape.of(10), net.output());
        // torch: sum(p.numel()) of the same nn.Sequential = 61706
        assertEquals(61706, net.totalParams());
        // 6*28*28*25 + 16*10*10*6*25 + 400*120 + 120*84 + 84*10
        assertEquals(117600 + 240000 + 48000 + 10080 + 840, net.totalMacs());
    }

    @Test
    void lenetReceptiveField() {
        TypedNetwork net = Checked.run(lenet()).ok();
        // rf: 5 (c1), 5+1*1=6 jump 2 (p1), 6+4*2=14 (c2), 14+1*2=16 jump 4 (p2)
        assertEquals(List.of(16L, 16L), net.layer("p2").orElseThrow().receptiveField().size());
        assertEquals(List.of(4L, 4L), net.layer("p2").orElseThrow().receptiveField().jump());
        assertEquals(List.of(28L, 28L), net.layer("out").orElseThrow().receptiveField().size());
    }

    @Test
    void windowsAreRecorded() {
        TypedLayer c1 = Checked.run(lenet()).ok().layer("c1").orElseThrow();
        assertEquals(List.of(new AxisWindow(28, 5, 1, 1, 2, 2, 28), new AxisWindow(28, 5, 1, 1, 2, 2, 28)),
                c1.windows());
    }

    @Test
    void samePaddingPutsTheOddPixelAfter() {
        // TF: out = ceil(28/2) = 14, total = (14-1)*2 + 5 - 28 = 3 -> 1 before, 2 after
        TypedLayer c = Checked.run(NetBuilder.input(1, 28, 28).conv2d("c", 4, 5, 2, Padding.SAME)).ok()
                .layer("c").orElseThrow();
        assertEquals(new AxisWindow(28, 5, 2, 1, 1, 2, 14), c.windows().get(0));
    }

    @Test
    void groupedDepthwiseSeparableAndBatchNormParamsMatchPyTorch() {
        TypedNetwork net = Checked.run(NetBuilder.input(4, 8, 8)
                .conv("g", 2, 8, List.of(3, 3), List.of(1, 1), Padding.VALID, PaddingMode.ZEROS, List.of(1, 1), 2)
                .separable("s", 16, 3, true).batchnorm("bn").depthwise("d", 3, 2)).ok();
        assertEquals(152, net.layer("g").orElseThrow().params()); // Conv2d(4, 8, 3, groups=2)
        assertEquals(216, net.layer("s").orElseThrow().params()); // depthwise(8, no bias) + Conv2d(8, 16, 1)
        assertEquals(32, net.layer("bn").orElseThrow().params()); // BatchNorm2d(16)
        assertEquals(16 * 2 * 9 + 32, net.layer("d").orElseThrow().params()); // Conv2d(16, 32, 3, groups=16)
        assertEquals(Shape.of(32, 2, 2), net.output());
        // separable MACs: depthwise 8*4*4*9 + pointwise 16*4*4*8
        assertEquals(8 * 16 * 9 + 16 * 16 * 8, net.layer("s").orElseThrow().macs());
    }

    @Test
    void depthwiseAndSeparableRecordWindowsAndMacs() {
        TypedNetwork net = Checked.run(NetBuilder.input(3, 9, 9).depthwise("d", 3, 2).separable("s", 4, 3, false)).ok();
        TypedLayer d = net.layer("d").orElseThrow();
        assertEquals(List.of(new AxisWindow(9, 3, 1, 1, 0, 0, 7), new AxisWindow(9, 3, 1, 1, 0, 0, 7)), d.windows());
        assertEquals(6 * 7 * 7 * 9, d.macs()); // each of the 6*7*7 outputs reads 3*3 cells of one channel
        TypedLayer s = net.layer("s").orElseThrow();
        assertEquals(2, s.windows().size());
        assertEquals(6 * 9 + 4 * 6, s.params()); // torch: depthwise(6, bias=False) + Conv2d(6, 4, 1, bias=False)
        // receptive field: 3 after d, 3 + 2 = 5 after s
        assertEquals(List.of(5L, 5L), s.receptiveField().size());
    }

    @Test
    void poolCeilModeMatchesPyTorch() {
        // nn.MaxPool2d(k, s, p, ceil_mode=True) on size x size, output sizes from torch 1.13
        int[][] cases = {{6, 3, 2, 0, 3}, {5, 2, 2, 1, 3}, {7, 3, 2, 1, 4}, {10, 3, 3, 0, 4}, {4, 2, 3, 1, 2},
                {9, 4, 4, 2, 3}};
        for (int[] c : cases) {
            TypedNetwork net = Checked.run(NetBuilder.input(1, c[0], c[0]).pool("p", PoolKind.MAX, 2,
                    NetBuilder.twice(c[1]), NetBuilder.twice(c[2]), Padding.Explicit.uniform(c[3], 2), true)).ok();
            assertEquals(c[4], net.output().spatial(0), () -> java.util.Arrays.toString(c));
        }
    }

    @Test
    void globalPoolReshapeConcatAndAdd() {
        TypedNetwork net = Checked.run(NetBuilder.input(3, 8, 8)
                .conv2d("a", 4, 3, 1, Padding.SAME).conv2d("b", 6, 1).from("input")
                .concat("cat", "a", "b").conv2d("c", 10, 1).add("sum", "c", "cat")
                .globalAvg("g").reshape("r", 2, -1).flatten("f")).ok();
        assertEquals(Shape.of(10, 8, 8), net.layer("cat").orElseThrow().output());
        assertEquals(Shape.of(10), net.layer("g").orElseThrow().output());
        assertEquals(Shape.of(2, 5), net.layer("r").orElseThrow().output());
        assertEquals(Shape.of(10), net.output());
        // add takes the larger receptive field of its inputs: 'a' saw 3x3, 'b' 1x1
        assertEquals(List.of(3L, 3L), net.layer("sum").orElseThrow().receptiveField().size());
    }

    @Test
    void oneDimensionalLayers() {
        TypedNetwork net = Checked.run(NetBuilder.input(2, 100).conv1d("c", 8, 5)
                .pool("p", PoolKind.AVG, 1, List.of(4), List.of(4), Padding.VALID, false)).ok();
        assertEquals(Shape.of(8, 24), net.output());
        assertEquals(8 * 2 * 5 + 8, net.totalParams());
        // rf: 5 after the conv, 5 + (4-1)*1 = 8 after the pool, jump 4
        assertEquals(new ReceptiveField(List.of(8L), List.of(4L)), net.layers().get(1).receptiveField());
    }

    @Test
    void forwardReferencesWithoutCycleAreAllowed() {
        Checked checked = Checked.run(NetBuilder.input(1, 4, 4).from("late").relu("early")
                .from("input").conv2d("late", 2, 3).from("early").flatten("f"));
        TypedNetwork net = checked.ok();
        assertEquals(List.of(), checked.diagnostics());
        assertEquals(Shape.of(8), net.output());
        assertTrue(net.layers().get(0).layer().name().equals("early"), "typed layers stay in spec order");
        assertEquals(List.of("late", "early", "f"), net.executionOrder().stream().map(TypedLayer::name).toList());
        TypedNetwork chain = Checked.run(lenet()).ok();
        assertEquals(chain.layers(), chain.executionOrder());
    }
}
