package dev.cnnc.runtime.run;

import dev.cnnc.runtime.LoadedSpec;
import dev.cnnc.runtime.train.TrainableModel;

/** Makes the trainable model of a valid spec: the generated forward and backward pass. */
@FunctionalInterface
public interface ModelFactory {
    /** Returns a new trainable model of {@code spec}, which has no errors. */
    TrainableModel create(LoadedSpec spec);
}
