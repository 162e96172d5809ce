package dev.cnnc.spec.model;

import java.util.List;

/** Per-channel normalisation applied by the model first: (x - mean[c]) / std[c]. */
public record Normalize(List<Double> mean, List<Double> std) {
    public Normalize {
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        Check.that(mean.size() == std.size(), "mean and std have different lengths");
        mean.forEach(m -> Check.that(Double.isFinite(m), "mean must be finite"));
        std.forEach(s -> Check.that(s > 0 && Double.isFinite(s), "std must be positive, got " + s));
    }
}
