package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.SectionDef;
import dev.cnnc.spec.def.SectionDefs;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.EarlyStopping;
import dev.cnnc.spec.model.LrSchedule;
import dev.cnnc.spec.model.OptimizerSpec;
import dev.cnnc.spec.model.TrainSpec;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads the {@code train:} section (contract §1.5) by {@link SectionDefs#TRAIN}. */
final class TrainReader {
    private static final List<String> SGD_ONLY = List.of("momentum", "nesterov");
    private static final List<String> ADAM_ONLY = List.of("betas", "eps");
    private final NodeReader n;
    private final Reporter r;
    private final ValueParser parser;

    TrainReader(NodeReader n) {
        this.n = n;
        this.r = n.reporter();
        this.parser = new ValueParser(n);
    }

    Optional<TrainSpec> read(Val v) {
        Optional<Fields> f = n.mapping(v, Optional.of(SectionDefs.TRAIN.keys()), "train");
        if (f.isEmpty()) {
            return Optional.empty();
        }
        SectionValues s = SectionValues.read(parser, f.get(), SectionDefs.TRAIN);
        Optional<OptimizerSpec> opt = f.get().get("optimizer").map(this::optimizer)
                .orElse(Optional.of(OptimizerSpec.ADAM_DEFAULTS));
        Optional<LrSchedule> sched = f.get().get("lr_schedule").map(this::schedule).orElse(Optional.of(LrSchedule.NONE));
        Optional<Optional<EarlyStopping>> stop = f.get().get("early_stopping").map(sv -> stopping(sv).map(Optional::of))
                .orElse(Optional.of(Optional.empty()));
        if (!s.ok() || opt.isEmpty() || sched.isEmpty() || stop.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TrainSpec(TrainSpec.Loss.valueOf(upper(s.word("loss"))), opt.get(), s.integer("batch"),
                s.integer("epochs"), ((Number) s.values().get("seed")).longValue(), sched.get(),
                TrainSpec.Init.valueOf(upper(s.word("init"))), stop.get(), s.number("validation_split")));
    }

    private static String upper(String w) {
        return w.toUpperCase(Locale.ROOT);
    }

    /** {@code optimizer: adam} or {@code {type: sgd, lr: 0.1, momentum: 0.9}}. */
    private Optional<OptimizerSpec> optimizer(Val raw) {
        Optional<Fields> f = section(raw, SectionDefs.OPTIMIZER, "optimizer");
        if (f.isEmpty()) {
            return Optional.empty();
        }
        SectionValues s = SectionValues.read(parser, f.get(), SectionDefs.OPTIMIZER);
        if (!s.has("type")) {
            return Optional.empty();
        }
        boolean sgd = s.word("type").equals("sgd");
        boolean ok = s.ok() & foreign(f.get(), sgd ? ADAM_ONLY : SGD_ONLY, s.word("type"));
        if (!ok) {
            return Optional.empty();
        }
        OptimizerSpec d = sgd ? OptimizerSpec.SGD_DEFAULTS : OptimizerSpec.ADAM_DEFAULTS;
        double lr = s.has("lr") ? s.number("lr") : d.lr();
        double momentum = s.number("momentum");
        boolean nesterov = (Boolean) s.values().get("nesterov");
        if (nesterov && momentum == 0) {
            r.error(Code.BAD_VALUE, f.get().get("nesterov").orElse(f.get().self()),
                    "nesterov needs momentum > 0 (as in PyTorch)", "add momentum: 0.9");
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Double> betas = s.has("betas") ? (List<Double>) s.values().get("betas") : List.of(d.beta1(), d.beta2());
        return Optional.of(new OptimizerSpec(d.type(), lr, momentum, s.number("weight_decay"), nesterov,
                betas.get(0), betas.get(1), s.number("eps")));
    }

    /** {@code lr_schedule: cosine} or {@code {type: step, step_size: 10, gamma: 0.5}}. */
    private Optional<LrSchedule> schedule(Val raw) {
        Optional<Fields> f = section(raw, SectionDefs.LR_SCHEDULE, "lr_schedule");
        if (f.isEmpty()) {
            return Optional.empty();
        }
        SectionValues s = SectionValues.read(parser, f.get(), SectionDefs.LR_SCHEDULE);
        if (!s.has("type")) {
            return Optional.empty();
        }
        String type = s.word("type");
        List<String> foreign = switch (type) {
            case "step" -> List.of("t_max", "min_lr");
            case "cosine" -> List.of("step_size", "gamma");
            default -> List.of("step_size", "gamma", "t_max", "min_lr");
        };
        boolean ok = s.ok() & foreign(f.get(), foreign, type);
        if (type.equals("step") && !s.has("step_size")) {
            r.error(Code.MISSING_KEY, f.get().self(), "the step schedule needs 'step_size' (epochs between decays)",
                    "e.g. lr_schedule: {type: step, step_size: 10, gamma: 0.1}");
            ok = false;
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(switch (type) {
            case "step" -> new LrSchedule(LrSchedule.Type.STEP, s.integer("step_size"), s.number("gamma"), 0, 0.0);
            case "cosine" -> new LrSchedule(LrSchedule.Type.COSINE, 1, 1.0, s.integer("t_max"), s.number("min_lr"));
            default -> LrSchedule.NONE;
        });
    }

    private Optional<EarlyStopping> stopping(Val raw) {
        return n.mapping(raw, Optional.of(SectionDefs.EARLY_STOPPING.keys()), "early_stopping").flatMap(f -> {
            SectionValues s = SectionValues.read(parser, f, SectionDefs.EARLY_STOPPING);
            if (!s.ok()) {
                return Optional.empty();
            }
            return Optional.of(new EarlyStopping(s.integer("patience"),
                    EarlyStopping.Metric.valueOf(upper(s.word("metric")))));
        });
    }

    /** The section's fields; a bare string is its shorthand ({@code adam} = {@code {type: adam}}). */
    private Optional<Fields> section(Val raw, SectionDef def, String what) {
        Optional<Val> rv = n.resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        if (v.node() instanceof ScalarNode && def.shorthand().isPresent() && !Scalars.isNull(v.node())) {
            return Optional.of(new Fields(v, java.util.Map.of(def.shorthand().get(), new Fields.Entry(v, v))));
        }
        return n.mapping(v, Optional.of(def.keys()), what);
    }

    /** Keys that belong to another type of the section: UNKNOWN_KEY. */
    private boolean foreign(Fields f, List<String> keys, String type) {
        boolean ok = true;
        for (String k : keys) {
            if (f.has(k)) {
                r.error(Code.UNKNOWN_KEY, f.entries().get(k).key(), "'" + k + "' does not apply to " + type,
                        "remove it, or change the type");
                ok = false;
            }
        }
        return ok;
    }
}
