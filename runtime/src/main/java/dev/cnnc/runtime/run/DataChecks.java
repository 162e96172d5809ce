package dev.cnnc.runtime.run;

import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.runtime.data.DataException;
import dev.cnnc.runtime.data.Dataset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks that a data set fits a model before any training or evaluation starts: every image has
 * the model's input shape and every label is one of the model's classes.
 */
public final class DataChecks {
    private DataChecks() {
    }

    /**
     * Checks every split of {@code data}.
     *
     * @param classes the model's output size (the number of classes)
     * @throws DataException naming the data and every problem found
     */
    public static void check(TrainingData data, Shape input, int classes) throws DataException {
        List<String> problems = new ArrayList<>();
        check("training", data.train(), input, classes, problems);
        data.test().ifPresent(t -> check("test", t, input, classes, problems));
        if (!problems.isEmpty()) {
            throw new DataException(data.source(), problems);
        }
    }

    /**
     * Checks one split, named in the message ("test").
     *
     * @throws DataException naming {@code source} and every problem found
     */
    public static void checkSplit(String source, String split, Dataset d, Shape input, int classes)
            throws DataException {
        List<String> problems = new ArrayList<>();
        check(split, d, input, classes, problems);
        if (!problems.isEmpty()) {
            throw new DataException(source, problems);
        }
    }

    /** Checks one split (named for the message) and appends what is wrong. */
    static void check(String split, Dataset d, Shape input, int classes, List<String> problems) {
        int[] want = DataSource.chw(input);
        if (!Arrays.equals(d.imageShape(), want)) {
            problems.add(String.format("the %s images are %d×%d×%d (C×H×W), the model's input %s needs %d×%d×%d;"
                    + " change 'input' in the spec or use data of that size", split, d.channels(), d.height(),
                    d.width(), input.describe(), want[0], want[1], want[2]));
        }
        if (d.size() == 0) {
            problems.add("the " + split + " split holds no samples");
        }
        int bad = 0;
        int first = -1;
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= classes) {
                if (bad++ == 0) {
                    first = i;
                }
            }
        }
        if (bad > 0) {
            problems.add(String.format("%d %s labels are outside the model's %d classes [0, %d], the first is"
                    + " label %d of sample %d; give the last layer as many units as the data has classes",
                    bad, split, classes, classes - 1, d.label(first), first));
        }
    }
}
