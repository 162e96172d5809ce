package dev.cnnc.runtime.run;

import dev.cnnc.runtime.data.Dataset;
import java.util.Optional;

/**
 * The data of one run: the training images (validation is split off them by the trainer) and
 * the test images when the data set has a test split.
 *
 * @param source the path as the user gave it (or the bundled data's path), for messages
 * @param train the training images
 * @param test the test images, empty for a single-split data set (one CSV file, one image folder)
 */
public record TrainingData(String source, Dataset train, Optional<Dataset> test) {
    /** Returns the first {@code n} images of each split (all when {@code n} is 0 or larger). */
    public TrainingData limit(int n) {
        if (n <= 0) {
            return this;
        }
        return new TrainingData(source, train.slice(0, Math.min(n, train.size())),
                test.map(t -> t.slice(0, Math.min(n, t.size()))));
    }
}
