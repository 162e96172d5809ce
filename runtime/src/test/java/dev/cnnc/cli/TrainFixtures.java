package dev.cnnc.cli;

import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import dev.cnnc.runtime.train.TrainableModel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Small data and specs for the train and evaluate tests: 4×4 grey images in 3 classes (class k
 * has a bright row k), a spec whose one conv covers the whole image (a linear classifier), and a
 * hand-written trainable model of that spec.
 */
final class TrainFixtures {
    static final int CLASSES = 3;
    static final int D = 16;

    /** The spec: conv c1 (3 filters of 4×4) + flatten; a linear classifier over 16 pixels. */
    static final String TINY = String.join("\n",
            "name: Tiny",
            "input: [1, 4, 4]",
            "classes: [top, middle, lower]",
            "layers:",
            "  - {type: conv2d, name: c1, filters: 3, kernel: 4}",
            "  - flatten",
            "train:",
            "  optimizer: {type: adam, lr: 0.05}",
            "  batch: 10",
            "  epochs: 2",
            "  seed: 3",
            "  validation_split: 0.2",
            "");

    private TrainFixtures() {
    }

    /** Writes the tiny spec into {@code dir}, returns its path. */
    static Path tinySpec(Path dir) throws IOException {
        return Files.writeString(dir.resolve("tiny.yaml"), TINY);
    }

    /** Writes an IDX folder with {@code train} and {@code test} images of {@code size}×{@code size}. */
    static Path idx(Path dir, int train, int test, int size, int labelLimit) throws IOException {
        Files.createDirectories(dir);
        write(dir, "train", train, size, labelLimit, 1);
        write(dir, "t10k", test, size, labelLimit, 2);
        return dir;
    }

    private static void write(Path dir, String prefix, int n, int size, int labelLimit, long seed) throws IOException {
        Random r = new Random(seed);
        ByteBuffer images = ByteBuffer.allocate(16 + n * size * size);
        images.putInt(0x803).putInt(n).putInt(size).putInt(size);
        ByteBuffer labels = ByteBuffer.allocate(8 + n);
        labels.putInt(0x801).putInt(n);
        for (int s = 0; s < n; s++) {
            int y = s % labelLimit;
            labels.put((byte) y);
            for (int i = 0; i < size * size; i++) {
                double base = i / size == y % size ? 0.7 : 0.2;
                double v = Math.min(1, Math.max(0, base + 0.2 * r.nextGaussian()));
                images.put((byte) Math.round(v * 255));
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
    }

    /**
     * A hand-written model of {@link #TINY}: out[n,k] = b[k] + Σ_i w[k,i] x[n,i]; backward
     * gw[k,i] = Σ_n g[n,k] x[n,i], gb[k] = Σ_n g[n,k]. Calls {@code onTrainingForward} before
     * every training forward (tests use it to interrupt a run).
     */
    static final class Linear implements TrainableModel {
        final ParamLayout layout = ParamLayout.packed(List.of(
                new ParamLayout.Entry("c1.weight", new int[] {CLASSES, 1, 4, 4}, ParamTensor.Kind.WEIGHT),
                new ParamLayout.Entry("c1.bias", new int[] {CLASSES}, ParamTensor.Kind.BIAS)));
        private final Runnable onTrainingForward;
        private float[] lastInputs;

        Linear(Runnable onTrainingForward) {
            this.onTrainingForward = onTrainingForward;
        }

        @Override
        public ParamLayout layout() {
            return layout;
        }

        @Override
        public int inputSize() {
            return D;
        }

        @Override
        public int outputSize() {
            return CLASSES;
        }

        @Override
        public void forward(float[] p, float[] x, int batch, float[] out, boolean training) {
            if (training) {
                onTrainingForward.run();
            }
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < CLASSES; k++) {
                    float s = p[CLASSES * D + k];
                    for (int i = 0; i < D; i++) {
                        s += p[k * D + i] * x[n * D + i];
                    }
                    out[n * CLASSES + k] = s;
                }
            }
            lastInputs = x.clone();
        }

        @Override
        public void backward(float[] p, float[] g, int batch, float[] grads) {
            java.util.Arrays.fill(grads, 0f);
            for (int n = 0; n < batch; n++) {
                for (int k = 0; k < CLASSES; k++) {
                    float gk = g[n * CLASSES + k];
                    for (int i = 0; i < D; i++) {
                        grads[k * D + i] += gk * lastInputs[n * D + i];
                    }
                    grads[CLASSES * D + k] += gk;
                }
            }
        }
    }
}
