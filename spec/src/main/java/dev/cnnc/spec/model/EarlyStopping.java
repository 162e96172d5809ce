package dev.cnnc.spec.model;

import java.util.Objects;

/** Stop when {@code metric} has not improved for {@code patience} epochs (Keras' EarlyStopping). */
public record EarlyStopping(int patience, Metric metric) {
    public EarlyStopping {
        Check.positive(patience, "patience");
        Objects.requireNonNull(metric, "metric");
    }

    /** The monitored metric; loss is minimised, accuracy maximised. */
    public enum Metric {
        VAL_LOSS("val_loss"), VAL_ACCURACY("val_accuracy");

        private final String yamlName;

        Metric(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
