package dev.cnnc.cli;

import dev.cnnc.runtime.run.ModelFactory;

/** The trainable models of {@code cnnc train}: the generated forward and backward pass. */
final class GeneratedModels {
    /** Makes the trainable model of a spec from its generated code. */
    static final ModelFactory FACTORY = spec -> {
        throw new CommandFailure("training needs the generated backward pass, which this build lacks", null);
    };

    private GeneratedModels() {
    }
}
