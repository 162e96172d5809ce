/*
 * Which loop shapes does HotSpot's C2 (JDK 17) turn into vector code? The evidence behind the
 * shape of cnnc's generated kernels (docs/performance.md, "Why the kernels look like this").
 *
 *   java bench/VectorisationCheck.java                       # GFLOP/s of each shape
 *   java -XX:-UseSuperWord bench/VectorisationCheck.java     # the same with vectorisation off
 *
 * A shape C2 vectorises runs several times faster than with -XX:-UseSuperWord; one it leaves
 * scalar runs at the same speed either way. Rows of 1,086 floats (VGG-small conv2's span), all
 * in the L1 cache, best of 15 rounds after a warm-up.
 */
public class VectorisationCheck {
    static final int N = 1086;

    /** The direct convolution's inner loop: one input array read at shifted offsets. */
    static void shifted(float[] o, float[] in, float w0, float w1, float w2, float w3) {
        for (int q = 0; q < N; q++) {
            o[q] += w0 * in[q] + w1 * in[q + 1] + w2 * in[q + 34] + w3 * in[q + 35];
        }
    }

    /** Two rows of one flat array at different runtime offsets. */
    static void invariants(float[] o, float[] col, int a, int b, int c, int d, float w0, float w1, float w2, float w3) {
        for (int q = 0; q < N; q++) {
            o[q] += w0 * col[a + q] + w1 * col[b + q] + w2 * col[c + q] + w3 * col[d + q];
        }
    }

    /** cnnc's kernel: each im2col row its own array, every array indexed by q alone. */
    static void rows4(float[] o, float[] r0, float[] r1, float[] r2, float[] r3, float w0, float w1, float w2, float w3) {
        for (int q = 0; q < N; q++) {
            o[q] += w0 * r0[q] + w1 * r1[q] + w2 * r2[q] + w3 * r3[q];
        }
    }

    /**
     * Eight rows per statement: vectorised here, but not always in bigger methods (C2 unrolls
     * loops only up to -XX:LoopUnrollLimit nodes, and SuperWord needs the unrolled copies).
     * Twelve or more terms were never vectorised in the generated kernels; four always were.
     */
    static void rows8(float[] o, float[][] r, float[] w) {
        final float[] r0 = r[0], r1 = r[1], r2 = r[2], r3 = r[3], r4 = r[4], r5 = r[5], r6 = r[6], r7 = r[7];
        final float w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5], w6 = w[6], w7 = w[7];
        for (int q = 0; q < N; q++) {
            o[q] += w0 * r0[q] + w1 * r1[q] + w2 * r2[q] + w3 * r3[q] + w4 * r4[q] + w5 * r5[q] + w6 * r6[q]
                    + w7 * r7[q];
        }
    }

    /** Two output rows in one loop (sharing the row loads): not vectorised either. */
    static void twoOutputs(float[] o, float[] u, float[] r0, float[] r1, float w0, float w1, float v0, float v1) {
        for (int q = 0; q < N; q++) {
            final float x0 = r0[q];
            final float x1 = r1[q];
            o[q] += w0 * x0 + w1 * x1;
            u[q] += v0 * x0 + v1 * x1;
        }
    }

    /** A dot product (a float sum): C2 keeps the order of the additions, so it stays scalar. */
    static float dot(float[] a, float[] b) {
        float s = 0f;
        for (int q = 0; q < N; q++) {
            s += a[q] * b[q];
        }
        return s;
    }

    interface Kernel {
        void run();
    }

    static float sink;

    static void time(String name, double flopsPerCall, Kernel k) {
        for (int i = 0; i < 100_000; i++) {
            k.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 15; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 20_000; i++) {
                k.run();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        System.out.printf("%-12s %7.1f GFLOP/s%n", name, flopsPerCall * 20_000 / best);
    }

    public static void main(String[] args) {
        float[] o = new float[N];
        float[] u = new float[N];
        float[] in = new float[N + 40];
        float[] col = new float[4 * 1088];
        float[][] r = new float[8][N];
        float[] w = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
        int[] offsets = {0, 1088, 2176, 3264};
        System.out.println(System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        time("shifted", 8.0 * N, () -> shifted(o, in, w[0], w[1], w[2], w[3]));
        time("invariants", 8.0 * N, () -> invariants(o, col, offsets[0], offsets[1], offsets[2], offsets[3],
                w[0], w[1], w[2], w[3]));
        time("rows4", 8.0 * N, () -> rows4(o, r[0], r[1], r[2], r[3], w[0], w[1], w[2], w[3]));
        time("rows8", 16.0 * N, () -> rows8(o, r, w));
        time("twoOutputs", 8.0 * N, () -> twoOutputs(o, u, r[0], r[1], w[0], w[1], w[2], w[3]));
        time("dot", 2.0 * N, () -> sink += dot(r[0], r[1]));
    }
}
