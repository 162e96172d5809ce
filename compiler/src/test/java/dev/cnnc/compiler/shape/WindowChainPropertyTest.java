package dev.cnnc.compiler.shape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.PoolKind;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random chains of convolutions and poolings: the checker's output sizes equal an
 * independent model that counts window positions one by one, and the first layer whose
 * window does not fit is the one (and only) error.
 */
class WindowChainPropertyTest {
    /** One random layer; {@code padMode} 0 valid, 1 same, 2 explicit (before, after). */
    record Step(boolean conv, int k, int stride, int dilation, int padMode, int before, int after, boolean ceil) {
    }

    @Provide
    Arbitrary<List<Step>> chains() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 7),
                Arbitraries.integers().between(1, 4), Arbitraries.integers().between(1, 3),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 4), Arbitraries.of(true, false)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(5);
    }

    @Property(tries = 500)
    void outputSizesMatchCountedWindows(@ForAll("chains") List<Step> steps, @ForAll @IntRange(min = 1, max = 64) int h,
                                        @ForAll @IntRange(min = 1, max = 64) int w) {
        NetBuilder b = NetBuilder.input(2, h, w);
        long[] size = {h, w};
        int channels = 2;
        int failAt = -1;
        Code failCode = null;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            add(b, s, i);
            if (failAt > 0) {
                continue;
            }
            if (!s.conv() && s.padMode() == 2 && Math.max(s.before(), s.after()) > s.k() / 2) {
                failAt = i + 1;
                failCode = Code.PADDING_TOO_LARGE;
                continue;
            }
            for (int a = 0; a < 2; a++) {
                size[a] = expected(size[a], s);
            }
            if (size[0] <= 0 || size[1] <= 0) {
                failAt = i + 1;
                failCode = Code.KERNEL_TOO_LARGE;
            }
            channels = s.conv() ? s.k() : channels;
        }
        Checked result = Checked.run(b);
        net.jqwik.api.statistics.Statistics.collect(failAt < 0 ? "valid" : failCode.id());
        if (failAt < 0) {
            assertEquals(Shape.of(channels, (int) size[0], (int) size[1]), result.ok().output());
        } else {
            Diagnostic d = result.onlyError(failCode);
            assertEquals(failAt, d.position().line());
        }
    }

    private static void add(NetBuilder b, Step s, int i) {
        Padding padding = switch (s.padMode()) {
            case 0 -> Padding.VALID;
            case 1 -> Padding.SAME;
            default -> new Padding.Explicit(List.of(s.before(), s.before()), List.of(s.after(), s.after()));
        };
        List<Integer> k = NetBuilder.twice(s.k());
        List<Integer> stride = NetBuilder.twice(s.stride());
        if (s.conv()) {
            b.conv("l" + i, 2, s.k(), k, stride, padding, PaddingMode.ZEROS, NetBuilder.twice(s.dilation()), 1);
        } else {
            b.pool("l" + i, PoolKind.MAX, 2, k, stride, padding, s.ceil());
        }
    }

    /** The output size by counting windows; 'same' by its definition ceil(in / stride). */
    private static long expected(long in, Step s) {
        if (in <= 0) {
            return 0;
        }
        if (s.padMode() == 1) {
            return (in + s.stride() - 1) / s.stride();
        }
        long before = s.padMode() == 2 ? s.before() : 0;
        long after = s.padMode() == 2 ? s.after() : 0;
        int dilation = s.conv() ? s.dilation() : 1;
        return countWindows(in, s.k(), s.stride(), dilation, before, after, !s.conv() && s.ceil());
    }

    /**
     * Slides the window over the padded axis and counts its positions. In ceil mode a last,
     * partial window is added when cells are left over and it starts inside the input or
     * the before-padding (PyTorch).
     */
    static long countWindows(long in, int k, int stride, int dilation, long before, long after, boolean ceil) {
        long padded = in + before + after;
        long span = (long) dilation * (k - 1) + 1;
        long count = 0;
        long last = -1;
        for (long start = 0; start + span <= padded; start += stride) {
            count++;
            last = start;
        }
        if (count > 0 && ceil && last + span < padded && last + stride < in + before) {
            count++;
        }
        return count;
    }

    @Property(tries = 200)
    void samePaddingGivesCeilOfInputOverStride(@ForAll @IntRange(min = 1, max = 200) int in,
                                               @ForAll @IntRange(min = 1, max = 9) int k,
                                               @ForAll @IntRange(min = 1, max = 5) int stride,
                                               @ForAll @IntRange(min = 1, max = 3) int dilation) {
        TypedLayer c = Checked.run(NetBuilder.input(1, in).conv("c", 1, 1, List.of(k), List.of(stride), Padding.SAME,
                PaddingMode.ZEROS, List.of(dilation), 1)).ok().layers().get(0);
        AxisWindow wnd = c.windows().get(0);
        assertEquals((in + stride - 1) / stride, wnd.out());
        assertTrue(wnd.padAfter() - wnd.padBefore() == 0 || wnd.padAfter() - wnd.padBefore() == 1,
                "the odd pixel goes after: " + wnd);
        // every padded cell up to the last window's end is read: no unread-input warning
        assertEquals(countWindows(in, k, stride, dilation, wnd.padBefore(), wnd.padAfter(), false), wnd.out());
    }
}
