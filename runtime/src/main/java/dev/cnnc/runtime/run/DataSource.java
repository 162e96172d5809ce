package dev.cnnc.runtime.run;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.data.CsvReader;
import dev.cnnc.runtime.data.DataException;
import dev.cnnc.runtime.data.Dataset;
import dev.cnnc.runtime.data.IdxDirectory;
import dev.cnnc.runtime.data.ImageFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Opens a data set by what the path is (contract §3).
 *
 * <ul>
 *   <li>a folder with the four MNIST IDX files: {@code train-*} is the training split,
 *       {@code t10k-*} the test split;</li>
 *   <li>a CSV file ({@code label,p0,p1,...}): training only; a folder with {@code train.csv} (and
 *       optionally {@code test.csv}): both splits;</li>
 *   <li>a folder with {@code train/} and {@code test/} image folders: both splits; any other folder
 *       with class sub-folders of PNG/JPEG files: training only.</li>
 * </ul>
 * A CSV row holds the C·H·W values of an image in C, H, W order ({@code [C, L]} for a 1-D input).
 */
public final class DataSource {
    private DataSource() {
    }

    /**
     * Loads the data at {@code path} for a model with input shape {@code input}.
     *
     * @param classes the spec's class names (image folders map folder names to them), possibly empty
     * @throws DataException when the path is missing, not a recognisable data set, or malformed
     */
    public static TrainingData load(Path path, Shape input, List<String> classes) throws DataException, IOException {
        String label = path.toString();
        if (Files.isRegularFile(path)) {
            return new TrainingData(label, csv(path, input), Optional.empty());
        }
        if (!Files.isDirectory(path)) {
            throw new DataException(label, "no such file or folder");
        }
        if (IdxDirectory.looksLikeIdx(path)) {
            IdxDirectory.Splits s = IdxDirectory.load(path);
            return new TrainingData(label, s.train(), Optional.of(s.test()));
        }
        if (Files.isRegularFile(path.resolve("train.csv"))) {
            Path test = path.resolve("test.csv");
            return new TrainingData(label, csv(path.resolve("train.csv"), input),
                    Files.isRegularFile(test) ? Optional.of(csv(test, input)) : Optional.empty());
        }
        Path train = path.resolve("train");
        Path test = path.resolve("test");
        if (Files.isDirectory(train) && Files.isDirectory(test) && ImageFolder.looksLikeImageFolder(train)) {
            return new TrainingData(label, ImageFolder.read(train, input, classes),
                    Optional.of(ImageFolder.read(test, input, classes)));
        }
        if (ImageFolder.looksLikeImageFolder(path)) {
            return new TrainingData(label, ImageFolder.read(path, input, classes), Optional.empty());
        }
        throw new DataException(label, "not a data set: expected a folder with the MNIST IDX files ("
                + IdxDirectory.TRAIN_IMAGES + ", ...), a CSV file of rows label,p0,p1,..., a folder with"
                + " train.csv, or an image folder with one sub-folder of PNG/JPEG files per class");
    }

    /**
     * Loads the split {@code cnnc evaluate} uses: the test split, or the whole set when the data
     * has only one split.
     */
    public static Dataset evaluationSplit(TrainingData data) {
        return data.test().orElse(data.train());
    }

    private static Dataset csv(Path file, Shape input) throws DataException, IOException {
        int[] chw = chw(input);
        return CsvReader.read(file, chw[0], chw[1], chw[2]);
    }

    /** The input as [C, H, W]: a 1-D input [C, L] is [C, 1, L], a flat input [N] is [1, 1, N]. */
    static int[] chw(Shape input) {
        List<Integer> d = input.dims();
        switch (d.size()) {
            case 3:
                return new int[] {d.get(0), d.get(1), d.get(2)};
            case 2:
                return new int[] {d.get(0), 1, d.get(1)};
            default:
                return new int[] {1, 1, d.get(0)};
        }
    }
}
