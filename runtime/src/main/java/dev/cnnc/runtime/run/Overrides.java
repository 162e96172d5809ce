package dev.cnnc.runtime.run;

import dev.cnnc.spec.model.OptimizerSpec;
import dev.cnnc.spec.model.TrainSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The command-line flags that override the spec's {@code train:} section ({@code --epochs},
 * {@code --batch}, {@code --lr}, {@code --seed}); empty fields keep the spec's value.
 *
 * <p>They are stored in the checkpoint ({@link #toInfo()}), so {@code --resume} continues with the
 * values of the interrupted run unless given again.
 */
public record Overrides(Optional<Integer> epochs, Optional<Integer> batch, Optional<Double> lr,
                        Optional<Long> seed) {
    /** No overrides. */
    public static final Overrides NONE = new Overrides(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    private static final String PREFIX = "override.";

    /** Returns {@code spec} with these values in place. */
    public TrainSpec apply(TrainSpec spec) {
        OptimizerSpec o = spec.optimizer();
        OptimizerSpec opt = lr.isEmpty() ? o : new OptimizerSpec(o.type(), lr.get(), o.momentum(), o.weightDecay(),
                o.nesterov(), o.beta1(), o.beta2(), o.eps());
        return new TrainSpec(spec.loss(), opt, batch.orElse(spec.batch()), epochs.orElse(spec.epochs()),
                seed.orElse(spec.seed()), spec.lrSchedule(), spec.init(), spec.earlyStopping(),
                spec.validationSplit());
    }

    /** Returns these overrides where given, else {@code earlier}'s. */
    public Overrides orElse(Overrides earlier) {
        return new Overrides(epochs.or(earlier::epochs), batch.or(earlier::batch), lr.or(earlier::lr),
                seed.or(earlier::seed));
    }

    /** Returns the overrides as checkpoint info entries ({@code override.epochs} ...). */
    public Map<String, String> toInfo() {
        Map<String, String> m = new LinkedHashMap<>();
        epochs.ifPresent(v -> m.put(PREFIX + "epochs", v.toString()));
        batch.ifPresent(v -> m.put(PREFIX + "batch", v.toString()));
        lr.ifPresent(v -> m.put(PREFIX + "lr", Double.toString(v)));
        seed.ifPresent(v -> m.put(PREFIX + "seed", v.toString()));
        return m;
    }

    /** Reads the entries {@link #toInfo()} wrote (others are ignored). */
    public static Overrides fromInfo(Map<String, String> info) {
        return new Overrides(Optional.ofNullable(info.get(PREFIX + "epochs")).map(Integer::valueOf),
                Optional.ofNullable(info.get(PREFIX + "batch")).map(Integer::valueOf),
                Optional.ofNullable(info.get(PREFIX + "lr")).map(Double::valueOf),
                Optional.ofNullable(info.get(PREFIX + "seed")).map(Long::valueOf));
    }

    /** Returns the flags as typed on the command line, e.g. {@code --epochs 2 --lr 0.01}. */
    public String toFlags() {
        List<String> f = new ArrayList<>();
        epochs.ifPresent(v -> f.add("--epochs " + v));
        batch.ifPresent(v -> f.add("--batch " + v));
        lr.ifPresent(v -> f.add(String.format(Locale.ROOT, "--lr %s", v)));
        seed.ifPresent(v -> f.add("--seed " + v));
        return String.join(" ", f);
    }

    /** Returns true when no flag was given. */
    public boolean isEmpty() {
        return toInfo().isEmpty();
    }
}
