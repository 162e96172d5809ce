/*
 * How fast is cnnc's column kernel (o[q] += w0*r0[q] + ... + w3*r3[q], the loop C2 vectorises)
 * for rows of different lengths? The evidence behind ChunkPlan: short rows spend much of their
 * time in C2's scalar pre- and post-loops, so the batch forward lays several samples side by side.
 *
 *   java bench/RowLength.java
 *
 * 32 output rows x 80 im2col rows (the 1-D example's conv2), best of 200 rounds after two
 * warm-up passes over all lengths; GFLOP/s = 2 x multiply-adds / time.
 */
public class RowLength {
    static void rows4(float[] o, float[] r0, float[] r1, float[] r2, float[] r3, float w0, float w1, float w2,
                      float w3, int n) {
        for (int q = 0; q < n; q++) {
            o[q] += w0 * r0[q] + w1 * r1[q] + w2 * r2[q] + w3 * r3[q];
        }
    }

    public static void main(String[] args) {
        int[] lengths = {32, 57, 64, 122, 128, 256, 456, 512, 1024, 2048};
        java.util.Random r = new java.util.Random(1);
        for (int round = 0; round < 3; round++) {
            for (int n : lengths) {
                int rows = 80;
                float[][] col = new float[rows][n];
                float[][] acc = new float[32][n];
                for (float[] c : col) {
                    for (int i = 0; i < n; i++) {
                        c[i] = r.nextFloat();
                    }
                }
                float[] w = new float[32 * rows];
                for (int i = 0; i < w.length; i++) {
                    w[i] = r.nextFloat();
                }
                long best = Long.MAX_VALUE;
                int reps = Math.max(1, 400_000 / (n * 32 * rows / 4));
                for (int t = 0; t < 200; t++) {
                    long t0 = System.nanoTime();
                    for (int rep = 0; rep < reps; rep++) {
                        for (int oc = 0; oc < 32; oc++) {
                            float[] o = acc[oc];
                            for (int k = 0; k < rows; k += 4) {
                                int wb = oc * rows + k;
                                rows4(o, col[k], col[k + 1], col[k + 2], col[k + 3], w[wb], w[wb + 1], w[wb + 2],
                                        w[wb + 3], n);
                            }
                        }
                    }
                    best = Math.min(best, (System.nanoTime() - t0) / reps);
                }
                if (round == 2) {
                    System.out.printf("row of %5d floats: %5.1f GFLOP/s%n", n, 2.0 * 32 * rows * n / best);
                }
            }
        }
    }
}
