package dev.cnnc.compiler.codegen;

import dev.cnnc.compiler.ir.Buffer;
import dev.cnnc.compiler.ir.ConvOp;
import dev.cnnc.compiler.ir.ModelIr;
import dev.cnnc.compiler.ir.Op;

/**
 * How many samples the batch forward runs through each layer together (the model's
 * {@code CHUNK}). Every buffer has one slot per sample of a chunk; most kernels loop over the
 * slots, and {@link ConvColumnsEmitter} lays the chunk's im2col rows side by side, so that its
 * vectorised row loop runs over {@code CHUNK × span} columns instead of {@code span}.
 *
 * <p>Why: C2 runs a vectorised loop as a scalar pre-loop (alignment), an unrolled vector body and
 * a scalar post-loop; on short rows the scalar parts dominate. In two runs of
 * {@code bench/RowLength.java} (AMD EPYC, AVX2) the column kernel ran at 12-19 GFLOP/s on rows of
 * 57 floats (the 1-D example's conv2), 20-27 at 128 and 28-31 from 256 to 2,048. So a model
 * whose shortest column-kernel row is under {@link #SHORT_ROW} floats gets chunks of up to
 * {@link #MAX_CHUNK} samples, as long as the chunk's activations stay within
 * {@link #ACTIVATION_BYTES} (the L2 cache); others keep
 * {@code CHUNK = 1}. Batch-1 latency is the same either way (a chunk of one).
 */
final class ChunkPlan {
    /** Rows shorter than this many floats are worth chunking. */
    static final int SHORT_ROW = 256;
    /** Columns a chunked row aims for: past this, longer rows did not run faster. */
    static final int TARGET_ROW = 448;
    static final int MAX_CHUNK = 8;
    /** All buffers of a chunk together, in bytes: half of a 1 MiB L2 cache. */
    static final long ACTIVATION_BYTES = 512 * 1024;

    private ChunkPlan() {
    }

    /** {@code CHUNK} for {@code ir} compiled with {@code unroll}. */
    static int samplesPerChunk(ModelIr ir, UnrollMode unroll) {
        if (unroll != UnrollMode.KERNEL) {
            return 1;
        }
        int shortest = Integer.MAX_VALUE;
        for (Op op : ir.ops()) {
            if (op instanceof ConvOp conv && ConvColumnsEmitter.applies(conv)) {
                shortest = Math.min(shortest, ConvColumnsEmitter.span(conv));
            }
        }
        if (shortest >= SHORT_ROW) {
            return 1;
        }
        long floats = 0;
        for (Buffer b : ir.buffers()) {
            floats += b.size();
        }
        int chunk = Math.min(MAX_CHUNK, (TARGET_ROW + shortest - 1) / shortest);
        while (chunk > 1 && chunk * floats * Float.BYTES > ACTIVATION_BYTES) {
            chunk--;
        }
        return chunk;
    }
}
