package dev.cnnc.spec.yaml;

import dev.cnnc.spec.def.ParamDef;
import dev.cnnc.spec.def.ParamType;
import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Parses one value by its {@link ParamType} into the Java value the records take
 * (Integer, Long, Double, Boolean, String, List, {@link Padding}, {@link PaddingMode},
 * {@link Activation}), checking ranges; also converts the tables' defaults.
 */
final class ValueParser {
    private final NodeReader n;
    private final Reporter r;

    ValueParser(NodeReader reader) {
        this.n = reader;
        this.r = reader.reporter();
    }

    /** The value of {@code def} written as {@code v}; {@code rank} is the layer's spatial rank. */
    Optional<Object> parse(ParamDef def, Val raw, int rank) {
        Optional<Val> resolved = n.resolve(raw);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Val v = resolved.get();
        String key = def.key();
        String exp = def.type().expected();
        return switch (def.type()) {
            case POSITIVE_INT -> positiveInt(v, key, exp).map(i -> i);
            case NON_NEGATIVE_INT -> n.integer(v, key, exp).flatMap(i -> atLeast(v, key, i, 0, "0 or more")).map(i -> i);
            case INTEGER -> n.integer(v, key, exp).map(i -> i);
            case SPATIAL -> spatial(v, key, rank).map(l -> l);
            case PADDING -> new PaddingParser(n).parse(v, key, rank).map(p -> p);
            case PADDING_MODE, ACTIVATION, LOSS, OPTIMIZER, LR_SCHEDULE, INIT, METRIC ->
                    n.word(v, key, def.type().choices(), exp).map(w -> word(def.type(), w));
            case BOOLEAN -> n.bool(v, exp).map(b -> b);
            case NUMBER -> n.number(v, key, exp).map(d -> d);
            case RATE -> range(v, key, exp, 0, 1, false).map(d -> d);
            case FRACTION -> range(v, key, exp, 0, 1, true).map(d -> d);
            case POSITIVE_NUMBER -> positiveNumber(v, key, exp).map(d -> d);
            case NON_NEGATIVE_NUMBER -> n.number(v, key, exp).flatMap(d -> {
                if (d < 0) {
                    r.error(Code.BAD_VALUE, v, key + " must be 0 or more, found " + d);
                    return Optional.empty();
                }
                return Optional.of(d);
            }).map(d -> d);
            case SHAPE -> shape(v, key, exp).map(l -> l);
            case BETAS -> betas(v, key, exp).map(l -> l);
            case STRING -> n.text(v, exp).map(s -> s);
            default -> throw new IllegalArgumentException(def.type() + " is read by its own reader, not by value");
        };
    }

    /** The table default of {@code def} as the Java value {@link #parse} would give. */
    static Object defaultOf(ParamDef def, int rank) {
        Object d = def.defaultValue().orElseThrow(() -> new IllegalArgumentException(def.key() + " has no default"));
        return switch (def.type()) {
            case SPATIAL -> List.copyOf(Collections.nCopies(rank, (Integer) d));
            case PADDING -> d instanceof Integer i ? Padding.Explicit.uniform(i, rank)
                    : "same".equals(d) ? Padding.SAME : Padding.VALID;
            case PADDING_MODE, ACTIVATION, LOSS, OPTIMIZER, LR_SCHEDULE, INIT, METRIC -> word(def.type(), (String) d);
            case NUMBER, RATE, FRACTION, POSITIVE_NUMBER, NON_NEGATIVE_NUMBER -> ((Number) d).doubleValue();
            case NON_NEGATIVE_INT, INTEGER -> ((Number) d).longValue();
            default -> d;
        };
    }

    private static Object word(ParamType type, String w) {
        return switch (type) {
            case PADDING_MODE -> PaddingMode.valueOf(w.toUpperCase(Locale.ROOT));
            case ACTIVATION -> w.equals("none") ? Activation.NONE
                    : Activation.of(Activation.Kind.valueOf(w.toUpperCase(Locale.ROOT)));
            default -> w;
        };
    }

    /** A positive int; a {@code $variable} is resolved first, so range errors carry its notes. */
    Optional<Integer> positiveInt(Val raw, String key, String expected) {
        return n.resolve(raw).flatMap(v -> n.integer(v, key, expected)
                .flatMap(i -> atLeast(v, key, i, 1, "positive")).map(Long::intValue));
    }

    private Optional<Long> atLeast(Val v, String key, long value, long min, String rule) {
        if (value < min) {
            r.error(Code.BAD_VALUE, v, key + " must be " + rule + ", found " + value,
                    min == 1 ? "use 1 or more" : "use " + min + " or more");
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private Optional<Double> positiveNumber(Val v, String key, String expected) {
        return n.number(v, key, expected).flatMap(d -> {
            if (d <= 0) {
                r.error(Code.BAD_VALUE, v, key + " must be positive, found " + d);
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    private Optional<Double> range(Val raw, String key, String expected, double lo, double hi, boolean closed) {
        return n.resolve(raw).flatMap(v -> n.number(v, key, expected).flatMap(d -> {
            if (d < lo || d > hi || !closed && d == hi) {
                r.error(Code.BAD_VALUE, v, key + " must be in [" + fmt(lo) + ", " + fmt(hi) + (closed ? "]" : ")")
                        + ", found " + d);
                return Optional.empty();
            }
            return Optional.of(d);
        }));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** An int for every axis, or a list of exactly {@code rank} positive ints. */
    Optional<List<Integer>> spatial(Val raw, String key, int rank) {
        Optional<Val> rv = n.resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        String exp = ParamType.SPATIAL.expected();
        if (!(v.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode)) {
            if (!(v.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode s) || Scalars.kind(s) != Scalars.Kind.INT) {
                n.wrongType(v, exp, "e.g. " + key + ": 3 or " + (rank == 1 ? "[3]" : "[3, 3]"));
                return Optional.empty();
            }
            return positiveInt(v, key, exp).map(i -> List.copyOf(Collections.nCopies(rank, i)));
        }
        return n.list(v, exp).flatMap(items -> {
            if (items.size() != rank) {
                r.error(Code.BAD_VALUE, v, key + " needs " + rank + (rank == 1 ? " entry" : " entries")
                        + " (one per spatial axis), found " + items.size(), "write " + key + ": "
                        + (rank == 1 ? "3 or [3]" : "3 or [3, 3]"));
                return Optional.empty();
            }
            return all(items, i -> positiveInt(i, key, "a positive integer"));
        });
    }

    /** Every element parsed, or empty when any fails (each failure reported). */
    static <T> Optional<List<T>> all(List<Val> items, java.util.function.Function<Val, Optional<T>> each) {
        List<T> out = new ArrayList<>();
        boolean ok = true;
        for (Val item : items) {
            Optional<T> t = each.apply(item);
            ok &= t.isPresent();
            t.ifPresent(out::add);
        }
        return ok ? Optional.of(List.copyOf(out)) : Optional.empty();
    }

    private Optional<List<Integer>> shape(Val v, String key, String expected) {
        return n.list(v, expected).flatMap(items -> {
            if (items.isEmpty() || items.size() > 3) {
                r.error(Code.BAD_VALUE, v, key + " needs 1 to 3 entries, found " + items.size(),
                        "e.g. shape: [16, 7, 7] or [-1]");
                return Optional.empty();
            }
            Optional<List<Integer>> dims = all(items, raw -> n.resolve(raw).flatMap(i ->
                    n.integer(i, key, "a positive integer or -1").flatMap(d -> {
                        if (d <= 0 && d != -1) {
                            r.error(Code.BAD_VALUE, i, key + " entries must be positive or -1, found " + d);
                            return Optional.empty();
                        }
                        return Optional.of(d.intValue());
                    })));
            if (dims.isPresent() && dims.get().stream().filter(d -> d == -1).count() > 1) {
                r.error(Code.BAD_VALUE, v, key + " may have at most one -1 (the size that makes the count match)");
                return Optional.empty();
            }
            return dims;
        });
    }

    private Optional<List<Double>> betas(Val v, String key, String expected) {
        return n.list(v, expected).flatMap(items -> {
            if (items.size() != 2) {
                r.error(Code.BAD_VALUE, v, key + " needs 2 numbers [beta1, beta2], found " + items.size(),
                        "e.g. betas: [0.9, 0.999]");
                return Optional.empty();
            }
            return all(items, i -> range(i, key, "a number in [0, 1)", 0, 1, false));
        });
    }
}
