package dev.cnnc.runtime.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a data folder in the MNIST layout (contract §3): {@code train-images-idx3-ubyte},
 * {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} and
 * {@code t10k-labels-idx1-ubyte}, each optionally with {@code .gz}.
 */
public final class IdxDirectory {
    /** The train image file's base name. */
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    /** The train label file's base name. */
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    /** The test image file's base name. */
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    /** The test label file's base name. */
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";

    /**
     * A train and a test set with the same image shape.
     *
     * @param train the training images
     * @param test the held-out test images
     */
    public record Splits(Dataset train, Dataset test) {
    }

    private IdxDirectory() {
    }

    /** Returns true when {@code dir} holds at least the train image file (plain or gzipped). */
    public static boolean looksLikeIdx(Path dir) {
        return Files.isRegularFile(dir.resolve(TRAIN_IMAGES)) || Files.isRegularFile(dir.resolve(TRAIN_IMAGES + ".gz"));
    }

    /**
     * Loads both splits of {@code dir}.
     *
     * @throws DataException when a file is missing, ambiguous or malformed, or the splits' image
     *     shapes differ
     * @throws IOException when a file cannot be read
     */
    public static Splits load(Path dir) throws DataException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir.toString(), Files.exists(dir) ? "not a directory" : "no such directory");
        }
        List<String> missing = new ArrayList<>();
        Path[] files = new Path[4];
        String[] names = {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS};
        for (int i = 0; i < 4; i++) {
            files[i] = find(dir, names[i]);
            if (files[i] == null) {
                missing.add("missing " + names[i] + " (or " + names[i] + ".gz); an IDX data folder holds "
                        + String.join(", ", names) + ", each optionally gzipped");
            }
        }
        if (!missing.isEmpty()) {
            throw new DataException(dir.toString(), missing);
        }
        Dataset train = IdxReader.read(files[0], files[1]);
        Dataset test = IdxReader.read(files[2], files[3]);
        if (train.height() != test.height() || train.width() != test.width()) {
            throw new DataException(files[2].toString(), "test images are " + test.height() + "×" + test.width()
                    + " but the train images in " + files[0].getFileName() + " are " + train.height() + "×"
                    + train.width());
        }
        return new Splits(train, test);
    }

    /** Returns the plain or gzipped file of {@code base}, null if neither exists. */
    private static Path find(Path dir, String base) throws DataException {
        Path plain = dir.resolve(base);
        Path gz = dir.resolve(base + ".gz");
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasGz = Files.isRegularFile(gz);
        if (hasPlain && hasGz) {
            throw new DataException(dir.toString(), "both " + base + " and " + base + ".gz exist; remove one"
                    + " so that it is clear which to read");
        }
        return hasPlain ? plain : hasGz ? gz : null;
    }
}
