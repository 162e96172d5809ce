package dev.cnnc.spec.model;

import java.util.List;
import java.util.Optional;

/**
 * The network input: [C, H, W] (2-D) or [C, L] (1-D), optionally normalised per channel.
 * Values passed to the model are pixels scaled to [0, 1]; {@code normalize} is part of
 * the model.
 */
public record InputSpec(List<Integer> shape, Optional<Normalize> normalize, Positions positions) {
    public InputSpec {
        java.util.Objects.requireNonNull(normalize, "normalize");
        java.util.Objects.requireNonNull(positions, "positions");
        shape = List.copyOf(shape);
        Check.that(shape.size() == 2 || shape.size() == 3, "input is [C, L] or [C, H, W], got " + shape);
        shape.forEach(d -> Check.positive(d, "input dimension"));
        int channels = shape.get(0);
        normalize.ifPresent(n -> Check.that(n.mean().size() == channels,
                "normalize has " + n.mean().size() + " channels, input " + channels));
    }

    public int channels() {
        return shape.get(0);
    }

    /** 1 for [C, L], 2 for [C, H, W]. */
    public int spatialRank() {
        return shape.size() - 1;
    }
}
