package dev.cnnc.compiler.shape;

import static dev.cnnc.compiler.shape.Checked.mentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Note;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.PoolKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test (or more) per shape rule: code, position, and the numbers in the message. */
class ShapeDiagnosticsTest {
    /** [1, 20, 20] -> c1 [8, 20, 20] -> pool1 [8, 10, 10] -> c2 [16, 8, 8] -> pool2 [16, 4, 4]. */
    private static NetBuilder toPool2() {
        return NetBuilder.input(1, 20, 20).conv2d("c1", 8, 3, 1, Padding.Explicit.uniform(1, 2))
                .maxpool2d("pool1", 2).conv2d("c2", 16, 3).maxpool2d("pool2", 2);
    }

    @Test
    void kernelTooLargeStatesTheRuleAndThreeFixes() {
        Diagnostic d = Checked.run(toPool2().conv2d("c3", 32, 5)).onlyError(Code.KERNEL_TOO_LARGE);
        assertEquals("layer 5 'c3' (conv2d): kernel 5 (dilation 1 -> span 5) is larger than the padded input "
                + "height 4 (4 + 0 + 0) coming from 'pool2' [C=16, H=4, W=4]", d.message());
        assertEquals(NetBuilder.at(5, "kernel"), d.position());
        // (4 + 2*2 - 5)/1 + 1 = 4; (4 - 3) + 1 = 2; without pool2: 8 - 5 + 1 = 4
        assertEquals(List.of("use padding: 2 (output [C=32, H=4, W=4])", "use kernel: 3 (output [C=32, H=2, W=2])",
                "remove 'pool2' (this layer then gets [C=16, H=8, W=8] and gives [C=32, H=4, W=4])"), d.hints());
    }

    @Test
    void oneErrorDoesNotCascade() {
        Checked c = Checked.run(toPool2().conv2d("c3", 32, 5).relu(null).flatten(null).dense(null, 10)
                .relu(null).dense(null, 3));
        c.onlyError(Code.KERNEL_TOO_LARGE);
        assertEquals(1, c.diagnostics().size(), () -> c.diagnostics().toString());
    }

    @Test
    void errorInABlockLayerCarriesTheUseSite() {
        Note use = new Note(new Position("t.yaml", 40, 5), "in block 'res' used here");
        Diagnostic d = Checked.run(toPool2().origin(use).conv2d("stage.0.c", 32, 5)).onlyError(Code.KERNEL_TOO_LARGE);
        assertEquals(List.of(use), d.notes());
    }

    @Test
    void dilationCountsInTheSpan() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 6, 6).conv("c", 2, 1, List.of(3, 3), List.of(1, 1),
                Padding.VALID, PaddingMode.ZEROS, List.of(3, 3), 1)).onlyError(Code.KERNEL_TOO_LARGE);
        mentions(d, "kernel 3 (dilation 3 -> span 7)", "padded input height 6 (6 + 0 + 0)");
    }

    @Test
    void twoDLayerOnOneDInputSuggestsTheOneDLayer() {
        Diagnostic d = Checked.run(NetBuilder.input(2, 50).conv2d("c", 4, 3)).onlyError(Code.RANK_MISMATCH);
        mentions(d, "expects a [C, H, W] input, got [C=2, L=50] from 'input'", "use conv1d");
        assertEquals(NetBuilder.at(1, "type"), d.position());
    }

    @Test
    void oneDLayerOnImageSuggestsTheTwoDLayer() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 8, 8).conv1d("c", 4, 3)).onlyError(Code.RANK_MISMATCH);
        mentions(d, "use conv2d");
    }

    @Test
    void poolAfterFlattenIsARankMismatch() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 8, 8).flatten("f").maxpool2d("p", 2))
                .onlyError(Code.RANK_MISMATCH);
        mentions(d, "[N=64] from 'f'", "shape: [1, 8, 8]");
    }

    @Test
    void denseOnImageSuggestsFlatten() {
        Diagnostic d = Checked.run(NetBuilder.input(16, 5, 5).dense("fc", 10)).onlyError(Code.DENSE_NOT_FLAT);
        mentions(d, "insert `flatten` before it (input [C=16, H=5, W=5] becomes [400])");
    }

    @Test
    void groupsMustDivideChannelsAndFilters() {
        Diagnostic d = Checked.run(NetBuilder.input(6, 8, 8).conv("g", 2, 8, List.of(3, 3), List.of(1, 1),
                Padding.VALID, PaddingMode.ZEROS, List.of(1, 1), 4)).onlyError(Code.GROUPS_MISMATCH);
        assertEquals(NetBuilder.at(1, "groups"), d.position());
        mentions(d, "6 % 4 = 2", "use groups: 2");
    }

    @Test
    void reflectPaddingMustBeSmallerThanTheInput() {
        // torch: Conv2d(padding=4, padding_mode='reflect') on 4x4 fails, padding=3 works
        Diagnostic d = Checked.run(NetBuilder.input(1, 4, 4).conv("c", 2, 1, List.of(3, 3), List.of(1, 1),
                Padding.Explicit.uniform(4, 2), PaddingMode.REFLECT, List.of(1, 1), 1)).onlyError(Code.REFLECT_PADDING);
        assertEquals(NetBuilder.at(1, "padding"), d.position());
        Checked.run(NetBuilder.input(1, 4, 4).conv("c", 2, 1, List.of(3, 3), List.of(1, 1),
                Padding.Explicit.uniform(3, 2), PaddingMode.REFLECT, List.of(1, 1), 1)).ok();
        // torch: circular padding 4 on 4x4 works, 5 fails
        Checked.run(NetBuilder.input(1, 4, 4).conv("c", 2, 1, List.of(3, 3), List.of(1, 1),
                Padding.Explicit.uniform(4, 2), PaddingMode.CIRCULAR, List.of(1, 1), 1)).ok();
        Checked.run(NetBuilder.input(1, 4, 4).conv("c", 2, 1, List.of(3, 3), List.of(1, 1),
                Padding.Explicit.uniform(5, 2), PaddingMode.CIRCULAR, List.of(1, 1), 1)).onlyError(Code.REFLECT_PADDING);
    }

    @Test
    void poolPaddingAtMostHalfTheWindow() {
        // torch: MaxPool2d(3, 1, 1) ok, (3, 1, 2) fails, (4, 1, 2) ok, (4, 1, 3) fails
        int[][] cases = {{3, 1, 1}, {3, 2, 0}, {4, 2, 1}, {4, 3, 0}};
        for (int[] c : cases) {
            Checked r = Checked.run(NetBuilder.input(1, 8, 8).pool("p", PoolKind.MAX, 2, NetBuilder.twice(c[0]),
                    NetBuilder.twice(1), Padding.Explicit.uniform(c[1], 2), false));
            if (c[2] == 1) {
                r.ok();
            } else {
                assertEquals(NetBuilder.at(1, "padding"), r.onlyError(Code.PADDING_TOO_LARGE).position());
            }
        }
    }

    @Test
    void addMismatchNamesEveryProducer() {
        Diagnostic d = Checked.run(NetBuilder.input(16, 16, 16).conv2d("c2", 16, 3, 2, Padding.SAME)
                .from("input").conv2d("skip", 16, 1).add("sum", "c2", "skip")).onlyError(Code.ADD_MISMATCH);
        mentions(d, "'c2' gives [C=16, H=8, W=8]", "'skip' gives [C=16, H=16, W=16]", "stride: 2");
        assertEquals(NetBuilder.at(3, "input"), d.position());
    }

    @Test
    void concatNeedsEqualSpatialSize() {
        Diagnostic d = Checked.run(NetBuilder.input(3, 10, 10).conv2d("a", 4, 3).from("input").conv2d("b", 4, 1)
                .concat("cat", "a", "b")).onlyError(Code.CONCAT_MISMATCH);
        mentions(d, "'a' gives [C=4, H=8, W=8]", "'b' gives [C=4, H=10, W=10]");
    }

    @Test
    void reshapeMismatchGivesBothCounts() {
        Diagnostic d = Checked.run(NetBuilder.input(16, 5, 5).reshape("r", 4, 99)).onlyError(Code.RESHAPE_MISMATCH);
        mentions(d, "396 elements", "[C=16, H=5, W=5] from 'input' has 400 elements", "shape: [4, -1] (gives [4, 100])");
        Diagnostic inferred = Checked.run(NetBuilder.input(16, 5, 5).reshape("r", -1, 7))
                .onlyError(Code.RESHAPE_MISMATCH);
        mentions(inferred, "multiple of 7");
    }

    @Test
    void classesMustMatchTheOutputSize() {
        Diagnostic d = Checked.run(NetBuilder.input(1, 4, 4).flatten("f").dense("out", 3).classes("a", "b"))
                .onlyError(Code.CLASSES_LENGTH);
        assertEquals(new Position("t.yaml", 101, 10), d.position());
        mentions(d, "2 names", "[N=3]");
    }

    @Test
    void hugeInputIsAnOverflowNotACrash() {
        Checked c = Checked.run(NetBuilder.input(3, 100000, 100000).conv2d("c", 8, 3).flatten("f").dense("o", 10));
        Diagnostic d = c.onlyError(Code.OVERFLOW);
        assertEquals(new Position("t.yaml", 100, 8), d.position());
        mentions(d, "30,000,000,000 elements");
    }

    @Test
    void outputAboveTheCeilingIsTooLarge() {
        // 64 * 4096 * 4096 = 2^30 elements > 2^28
        Diagnostic d = Checked.run(NetBuilder.input(1, 4096, 4096).conv2d("c", 64, 1)).onlyError(Code.TOO_LARGE);
        mentions(d, "1,073,741,824 elements", "268,435,456 (2^28)");
    }

    @Test
    void denseWithTooManyParametersIsTooLarge() {
        // 1*512*512 inputs * 4096 units = 2^30 weights > 2^28
        Diagnostic d = Checked.run(NetBuilder.input(1, 512, 512).flatten("f").dense("fc", 4096))
                .onlyError(Code.TOO_LARGE);
        assertEquals(NetBuilder.at(2, "units"), d.position());
    }

    @Test
    void strideLeavingRowsUnreadIsAWarning() {
        // (7 - 2) % 2 = 1: the last row is never read; torch: MaxPool2d(2) on 7 gives 3
        Checked c = Checked.run(NetBuilder.input(1, 7, 7).maxpool2d("p", 2));
        TypedNetwork net = c.ok();
        assertEquals(Shape.of(1, 3, 3), net.output());
        assertEquals(1, c.warnings().size());
        Diagnostic w = c.warnings().get(0);
        assertEquals(Code.UNREAD_INPUT, w.code());
        mentions(w, "the last row of the padded input is never read", "the last column of the padded input is never read",
                "(height 7 + padding 0 - span 2) = 5 is not a multiple of stride 2");
        // torch: MaxPool2d(2, ceil_mode=True) on 7x7 gives 4x4; one more row and column of padding as well
        mentions(w, "pad 1 more row at the bottom and pad 1 more column at the right so that a last window reaches "
                + "the end (output [C=1, H=4, W=4])", "use ceil_mode: true to keep a partial last window "
                + "(PyTorch's ceil_mode) (output [C=1, H=4, W=4])");
        // (11 - 5) % 4 = 2: two rows unread
        mentions(Checked.run(NetBuilder.input(1, 11, 11).conv2d("c", 1, 5, 4, Padding.VALID)).warnings().get(0),
                "the last 2 rows of the padded input are never read");
        // a 1x1 kernel with stride 2 skips rows everywhere by design: no warning
        assertEquals(List.of(), Checked.run(NetBuilder.input(1, 8, 8).conv2d("c", 1, 1, 2, Padding.VALID)).diagnostics());
    }

    @Test
    void samePaddingReadsEverything() {
        assertEquals(List.of(), Checked.run(NetBuilder.input(1, 7, 7).conv2d("c", 2, 2, 2, Padding.SAME)).diagnostics());
    }
}
