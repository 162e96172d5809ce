package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.ParamType;
import dev.cnnc.spec.def.SectionDefs;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Position;
import dev.cnnc.spec.model.InputSpec;
import dev.cnnc.spec.model.Normalize;
import dev.cnnc.spec.model.Positions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads {@code input: [C, H, W]} or {@code input: {shape: [...], normalize: {mean, std}}}. */
final class InputReader {
    private final NodeReader n;
    private final Reporter r;
    private final ValueParser values;

    InputReader(NodeReader n) {
        this.n = n;
        this.r = n.reporter();
        this.values = new ValueParser(n);
    }

    Optional<InputSpec> read(Val raw) {
        Optional<Val> rv = n.resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        if (v.node() instanceof SequenceNode) {
            return shape(v).map(s -> new InputSpec(s, Optional.empty(), new Positions(r.pos(v), Map.of("shape", r.pos(v)))));
        }
        if (!(v.node() instanceof MappingNode)) {
            n.wrongType(v, ParamType.INPUT.expected(), "e.g. input: [1, 28, 28]");
            return Optional.empty();
        }
        return n.mapping(v, Optional.of(SectionDefs.INPUT.keys()), "input").flatMap(this::withNormalize);
    }

    private Optional<InputSpec> withNormalize(Fields f) {
        Map<String, Position> keys = new HashMap<>();
        Optional<Val> sv = f.get("shape");
        if (sv.isEmpty()) {
            r.error(Code.MISSING_KEY, f.self(), "input needs 'shape'", "e.g. input: {shape: [1, 28, 28]}");
        }
        Optional<List<Integer>> shape = sv.flatMap(this::shape);
        sv.ifPresent(s -> keys.put("shape", r.pos(s)));
        Optional<Val> nv = f.get("normalize");
        if (nv.isEmpty()) {
            return shape.map(s -> new InputSpec(s, Optional.empty(), new Positions(r.pos(f.self()), keys)));
        }
        keys.put("normalize", r.pos(nv.get()));
        Optional<Normalize> norm = n.mapping(nv.get(), Optional.of(SectionDefs.NORMALIZE.keys()), "normalize")
                .flatMap(nf -> normalize(nf, shape, keys));
        if (shape.isEmpty() || norm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new InputSpec(shape.get(), norm, new Positions(r.pos(f.self()), keys)));
    }

    private Optional<Normalize> normalize(Fields f, Optional<List<Integer>> shape, Map<String, Position> keys) {
        Optional<List<Double>> mean = list(f, "mean", shape, keys);
        Optional<List<Double>> std = list(f, "std", shape, keys);
        if (mean.isEmpty() || std.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Normalize(mean.get(), std.get()));
    }

    private Optional<List<Double>> list(Fields f, String key, Optional<List<Integer>> shape, Map<String, Position> keys) {
        var def = SectionDefs.NORMALIZE.param(key).orElseThrow();
        Optional<Val> v = f.get(key);
        if (v.isEmpty()) {
            r.error(Code.MISSING_KEY, f.self(), "normalize needs '" + key + "' (one value per channel)",
                    "e.g. normalize: {mean: [0.5], std: [0.25]}");
            return Optional.empty();
        }
        keys.put(key, r.pos(v.get()));
        Optional<List<Double>> values = n.list(v.get(), def.type().expected()).flatMap(items -> ValueParser.all(items,
                i -> def.type() == ParamType.POSITIVE_NUMBER_LIST ? positive(i, key) : n.number(i, key, "a number")));
        if (values.isPresent() && shape.isPresent() && values.get().size() != shape.get().get(0)) {
            int c = shape.get().get(0);
            r.error(Code.BAD_VALUE, v.get(), "normalize." + key + " has " + values.get().size() + " value"
                    + (values.get().size() == 1 ? "" : "s") + " but the input has " + c + " channel" + (c == 1 ? "" : "s"),
                    "give one " + key + " per channel");
            return Optional.empty();
        }
        return values;
    }

    private Optional<Double> positive(Val v, String key) {
        return n.number(v, key, "a positive number").flatMap(d -> {
            if (d <= 0) {
                r.error(Code.BAD_VALUE, v, key + " must be positive, found " + d, "a standard deviation is > 0");
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    private Optional<List<Integer>> shape(Val v) {
        return n.list(v, ParamType.INPUT_SHAPE.expected()).flatMap(items -> {
            if (items.size() != 2 && items.size() != 3) {
                r.error(Code.BAD_VALUE, v, "the input shape needs 3 entries [C, H, W] (2-D) or 2 [C, L] (1-D), found "
                        + items.size(), "channels first, without the batch axis: e.g. [1, 28, 28]");
                return Optional.empty();
            }
            return ValueParser.all(items, i -> values.positiveInt(i, "input dimension", "a positive integer"));
        });
    }
}
