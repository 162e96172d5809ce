package dev.cnnc.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.Lowering;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.testing.Models;
import dev.cnnc.compiler.testing.Nets;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.NetworkSpec;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The column kernels take channels in blocks that fit {@link CostModel#COLUMNS_BLOCK_FLOATS}
 * (the L1 cache): im2col rows per block of input channels (forward), gradient columns per block
 * of output channels (dx), transposed im2col rows per block of output cells (dW). A network
 * whose layers need many blocks must compute what the rolled direct kernels compute, forward
 * and backward. The forward's rows and accumulator slot are one array at whole cache lines, and
 * its products are a method of their own (docs/performance.md, "Aligned rows").
 */
class ColumnBlocksTest {
    private static final Activation RELU = Nets.act(Activation.Kind.RELU);

    /** 32x32 planes: one input channel's nine rows of 1,086 columns nearly fill a block. */
    static NetworkSpec manyBlocks() {
        return Nets.input("img", 6, 32, 32).add("c1", Nets.conv2d(4, 3, 1, 1, RELU))
                .add("c2", Nets.conv2d(5, 3, 1, 1, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 3, true, Nets.act(Activation.Kind.IDENTITY))).spec();
    }

    @Test
    void blocksAreTheLargestDivisorThatFits() {
        long budget = CostModel.COLUMNS_BLOCK_FLOATS;
        assertEquals(1, ConvColumnsEmitter.blockChannels(32, 9 * 1086), "one channel of VGG-small's conv2");
        assertEquals(2, ConvColumnsEmitter.blockChannels(64, budget / 3), "three fit, 2 divides 64");
        assertEquals(3, ConvColumnsEmitter.blockChannels(12, budget / 3));
        assertEquals(7, ConvColumnsEmitter.blockChannels(7, 10), "all channels fit");
        assertEquals(1, ConvColumnsEmitter.blockChannels(5, budget * 2), "a channel larger than the budget");
        assertEquals(1, ConvColumnsEmitter.blockChannels(13, budget / 4), "a prime count: only 1 divides it");
        // the vector dW's register blocks: the largest of 4, 3, 2, 1 dividing the count
        assertEquals(4, ConvColumnsEmitter.largestDivisor(32, 4));
        assertEquals(3, ConvColumnsEmitter.largestDivisor(54, 4));
        assertEquals(2, ConvColumnsEmitter.largestDivisor(10, 4));
        assertEquals(1, ConvColumnsEmitter.largestDivisor(7, 4));
    }

    @Test
    void blocksHoldAtMostSixtyFourRows() {
        int atMost = CostModel.COLUMNS_BLOCK_ROWS / 9;
        assertEquals(4, ConvColumnsEmitter.blockChannels(64, 10, atMost), "short rows: 7 would fit 64 rows, 4 divides");
        assertEquals(1, ConvColumnsEmitter.blockChannels(64, 10, CostModel.COLUMNS_BLOCK_ROWS / 81),
                "9x9 taps: one channel, 81 rows");
        assertEquals(2, ConvColumnsEmitter.blockChannels(64, CostModel.COLUMNS_BLOCK_FLOATS / 2, atMost),
                "the float budget still binds when it is smaller");
    }

    @Test
    void pitchesAreWholeCacheLines() {
        assertEquals(464, CostModel.linePitch(456), "the 1-D example's conv2 chunk: 8 x 57 columns");
        assertEquals(464, CostModel.linePitch(464));
        assertEquals(16, CostModel.linePitch(1));
        assertEquals(1088, CostModel.linePitch(1086), "VGG-small's conv2");
    }

    /**
     * In the generated source every product loop reads rows of {@code col} at a multiple of 16
     * floats, and only the {@code products_} helpers hold such loops (with im2col copies in the
     * same method C2 left them scalar); one-sample twins call the helpers' twins.
     */
    @Test
    void productLoopsReadAlignedRowsInHelpersOfTheirOwn() {
        GeneratedSource source = JavaGenerator.generate(Models.typed(ChunkedForwardTest.net1d()),
                GeneratorOptions.defaults());
        String code = source.files().values().iterator().next();
        Matcher row = Pattern.compile("col\\[q \\+ (\\d+)]").matcher(code);
        int rows = 0;
        while (row.find()) {
            rows++;
            assertEquals(0, Integer.parseInt(row.group(1)) % CostModel.LINE_FLOATS, row.group());
            String method = code.substring(code.lastIndexOf("private ", row.start()), row.start());
            assertTrue(method.startsWith("private static void products_"), "a row read outside a helper: " + method);
        }
        assertTrue(rows >= 2 * (7 + 5), "conv1 (7 taps) and conv2 (5 taps per channel), twice (twins): " + rows);
        Matcher twin = Pattern.compile("private void (layer_\\w+)_one\\(\\)").matcher(code);
        int twins = 0;
        while (twin.find()) {
            String body = code.substring(twin.end(), code.indexOf("\n    }\n", twin.end()));
            Matcher call = Pattern.compile("(products_\\w+)\\(").matcher(body);
            if (call.find()) {
                twins++;
                do {
                    assertTrue(call.group(1).endsWith("_one"), twin.group(1) + "_one calls " + call.group(1));
                } while (call.find());
            }
        }
        assertEquals(2, twins, "both convolutions have one-sample twins");
    }

    @Test
    void theTestNetworkReallyTakesSeveralBlocks() {
        ModelIr ir = Lowering.lower(Models.typed(manyBlocks()));
        for (var op : ir.ops()) {
            if (op instanceof ConvOp conv) {
                long perChannel = (long) conv.taps() * ConvColumnsEmitter.span(conv);
                int block = ConvColumnsEmitter.blockChannels(conv.inChannels(), perChannel);
                assertTrue(block < conv.inChannels(), conv.layer() + ": block " + block);
            }
        }
    }

    /** A 1-D convolution of 70 taps: its block of one channel has more rows than one products method takes. */
    static NetworkSpec longKernel() {
        return Nets.input("seq", 2, 100).add("c1", Nets.conv1d(3, 70, 1, 0, RELU)).add("flat", Flatten::new)
                .add("fc", m -> new Dense(m, 2, true, Nets.act(Activation.Kind.IDENTITY))).spec();
    }

    @Test
    void manyBlocksComputeWhatTheRolledKernelsCompute() {
        RolledReference.assertMatches(manyBlocks(), 21);
    }

    @Test
    void aBlockOfMoreThanSixtyFourRowsComputesWhatTheRolledKernelsCompute() {
        assertTrue(70 > CostModel.COLUMNS_BLOCK_ROWS, "the test needs a channel with more taps than one method takes");
        GeneratedSource source = JavaGenerator.generate(Models.typed(longKernel()), GeneratorOptions.defaults());
        String code = source.files().values().iterator().next();
        assertTrue(code.contains("products_c1(") && code.contains("products_c1_2("), "two products methods");
        RolledReference.assertMatches(longKernel(), 21);
    }
}
