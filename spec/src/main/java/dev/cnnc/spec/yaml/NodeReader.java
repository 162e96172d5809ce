package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.DidYouMean;
import dev.cnnc.spec.diag.Note;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Typed reads of YAML values with "expected X, found Y" errors: scalars by the YAML 1.2
 * core schema, {@code $variable} substitution, mappings checked for duplicate and unknown
 * keys. Every method reports its own errors and returns empty after one.
 */
final class NodeReader {
    private static final Pattern VAR = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
    private static final int MAX_SUBSTITUTIONS = 64;
    private final Reporter r;

    NodeReader(Reporter reporter) {
        this.r = reporter;
    }

    Reporter reporter() {
        return r;
    }

    /** The value with {@code $name} replaced by the parameter's value (repeatedly, for nested blocks). */
    Optional<Val> resolve(Val v) {
        Val cur = v;
        for (int i = 0; i < MAX_SUBSTITUTIONS; i++) {
            if (r.tagged(cur)) {
                return Optional.empty();
            }
            Optional<String> var = variable(cur);
            if (var.isEmpty()) {
                return Optional.of(cur);
            }
            Scope.Binding b = cur.scope().vars().get(var.get());
            if (b == null) {
                undefined(cur, var.get());
                return Optional.empty();
            }
            Note note = new Note(b.from(), "'$" + var.get() + "' is " + shortText(b.value()) + ", " + b.how());
            cur = new Val(b.value().node(), b.value().scope(), Optional.of(r.pos(cur)), cur.notes())
                    .substitutedAt(r.pos(cur), note);
        }
        r.error(Code.UNDEFINED_VARIABLE, v, "parameters refer to each other in a loop");
        return Optional.empty();
    }

    private static Optional<String> variable(Val v) {
        if (v.node() instanceof ScalarNode s && s.isPlain()) {
            Matcher m = VAR.matcher(s.getValue());
            if (m.matches()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private void undefined(Val v, String name) {
        if (v.scope().block().isEmpty()) {
            r.error(Code.UNDEFINED_VARIABLE, v, "'$" + name + "' is used outside a block",
                    "$variables stand for block parameters and work only in the layers of a block");
            return;
        }
        List<String> names = new ArrayList<>(v.scope().vars().keySet());
        names.sort(null);
        String block = v.scope().block().get();
        r.error(Code.UNDEFINED_VARIABLE, v, "'$" + name + "' is not a parameter of block '" + block + "'"
                        + DidYouMean.suffix(name, names),
                names.isEmpty() ? "declare it: params: {" + name + ": <default>}"
                        : "its parameters are " + Texts.choices(names) + "; declare more under params:");
    }

    private static String shortText(Val v) {
        if (v.node() instanceof ScalarNode s) {
            return Texts.clip(s.getValue());
        }
        return v.node() instanceof SequenceNode ? "a list" : "a mapping";
    }

    void wrongType(Val v, String expected, String... hints) {
        r.error(Code.WRONG_TYPE, v, "expected " + expected + ", found " + Scalars.describe(v.node()), hints);
    }

    /**
     * A mapping's entries. Keys must be plain strings and unique; keys not in
     * {@code allowed} (when given) are reported with "did you mean" and skipped.
     */
    Optional<Fields> mapping(Val raw, Optional<List<String>> allowed, String what) {
        Optional<Val> rv = resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        if (!(v.node() instanceof MappingNode m)) {
            wrongType(v, "a mapping for " + what, "write it as key: value lines or {key: value, ...}");
            return Optional.empty();
        }
        Map<String, Fields.Entry> entries = new LinkedHashMap<>();
        List<Val> merges = new ArrayList<>();
        for (NodeTuple t : m.getValue()) {
            Val key = v.child(t.getKeyNode());
            if (t.getKeyNode() instanceof ScalarNode k && k.isPlain() && k.getValue().equals("<<")) {
                merges.add(v.child(t.getValueNode()));
                continue;
            }
            Optional<String> k = keyText(key);
            if (k.isEmpty()) {
                continue;
            }
            Fields.Entry prev = entries.get(k.get());
            if (prev != null) {
                r.error(Code.DUPLICATE_KEY, key, "'" + Texts.clip(k.get()) + "' appears twice in " + what
                        + " (first at line " + r.pos(prev.key()).line() + ")", "keep one of them");
                continue;
            }
            entries.put(k.get(), new Fields.Entry(key, v.child(t.getValueNode())));
        }
        merges.forEach(merge -> merge(merge, entries, what));
        Fields fields = new Fields(v, entries);
        return Optional.of(allowed.isPresent() ? only(fields, allowed.get(), what) : fields);
    }

    /**
     * A YAML merge key ({@code <<: *defaults} or {@code <<: [*a, *b]}): keys written in the
     * mapping itself win, then earlier merged mappings over later ones (YAML 1.1 merge).
     */
    private void merge(Val raw, Map<String, Fields.Entry> into, String what) {
        Optional<Val> rv = resolve(raw);
        if (rv.isEmpty()) {
            return;
        }
        List<Val> sources = rv.get().node() instanceof SequenceNode s
                ? s.getValue().stream().map(rv.get()::child).toList() : List.of(rv.get());
        for (Val source : sources) {
            Optional<Val> src = resolve(source);
            if (src.isPresent() && !(src.get().node() instanceof MappingNode)) {
                wrongType(src.get(), "a mapping to merge (<<: *anchor)");
                continue;
            }
            src.flatMap(s -> mapping(s, Optional.empty(), what))
                    .ifPresent(f -> f.entries().forEach(into::putIfAbsent));
        }
    }

    /** The fields whose keys are in {@code allowed}; the others reported as unknown. */
    Fields only(Fields fields, List<String> allowed, String what) {
        return only(fields, allowed, what, false);
    }

    /** As {@link #only(Fields, List, String)}; with {@code typosOnly}, reports only keys close to an allowed one. */
    Fields only(Fields fields, List<String> allowed, String what, boolean typosOnly) {
        Map<String, Fields.Entry> known = new LinkedHashMap<>();
        java.util.Set<String> suggested = new java.util.HashSet<>(fields.suggested());
        fields.entries().forEach((k, e) -> {
            if (allowed.contains(k)) {
                known.put(k, e);
            } else if (!typosOnly || DidYouMean.closest(k, allowed).isPresent()) {
                DidYouMean.closest(k, allowed).filter(c -> !fields.has(c)).ifPresent(suggested::add);
                r.error(Code.UNKNOWN_KEY, e.key(), "unknown key " + Texts.quote(k) + " in " + what
                        + DidYouMean.suffix(k, allowed), "valid keys: " + String.join(", ", allowed));
            }
        });
        return new Fields(fields.self(), known, suggested);
    }

    private Optional<String> keyText(Val key) {
        if (r.tagged(key)) {
            return Optional.empty();
        }
        if (key.node() instanceof ScalarNode s && Scalars.kind(s) != Scalars.Kind.NULL) {
            return Optional.of(s.getValue());
        }
        r.error(Code.WRONG_TYPE, key, "expected a key name, found " + Scalars.describe(key.node()),
                "keys are plain words such as 'type' or 'kernel'");
        return Optional.empty();
    }

    /** The elements of a list (after substitution). */
    Optional<List<Val>> list(Val raw, String expected) {
        Optional<Val> rv = resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        if (!(v.node() instanceof SequenceNode s)) {
            wrongType(v, expected);
            return Optional.empty();
        }
        List<Val> items = new ArrayList<>();
        s.getValue().forEach(n -> items.add(v.child(n)));
        return Optional.of(items);
    }

    /** Any non-null scalar's text (free text: numbers are taken as written). */
    Optional<String> text(Val raw, String expected) {
        return resolve(raw).flatMap(v -> {
            if (v.node() instanceof ScalarNode s && Scalars.kind(s) != Scalars.Kind.NULL) {
                return Optional.of(s.getValue());
            }
            wrongType(v, expected);
            return Optional.empty();
        });
    }

    /** A string scalar (quoted or not, never a number, boolean or null). */
    Optional<String> string(Val raw, String expected, String... hints) {
        return resolve(raw).flatMap(v -> {
            if (v.node() instanceof ScalarNode s && Scalars.kind(s) == Scalars.Kind.STRING) {
                return Optional.of(s.getValue());
            }
            wrongType(v, expected, hints);
            return Optional.empty();
        });
    }

    /** One of {@code choices}; unknown words get "did you mean" and the list. */
    Optional<String> word(Val raw, String key, List<String> choices, String expected) {
        return resolve(raw).flatMap(v -> string(v, expected).flatMap(w -> {
            if (choices.contains(w)) {
                return Optional.of(w);
            }
            r.error(Code.BAD_VALUE, v, "unknown " + key + " " + Texts.quote(w) + DidYouMean.suffix(w, choices),
                    "valid values: " + Texts.choices(choices));
            return Optional.empty();
        }));
    }

    /** An integer scalar as a long; overflow is a BAD_VALUE. */
    Optional<Long> integer(Val raw, String key, String expected) {
        return resolve(raw).flatMap(v -> {
            if (!(v.node() instanceof ScalarNode s) || Scalars.kind(s) != Scalars.Kind.INT) {
                wrongType(v, expected);
                return Optional.empty();
            }
            BigInteger b = new BigInteger(s.getValue().startsWith("+") ? s.getValue().substring(1) : s.getValue());
            if (b.bitLength() > 31) {
                r.error(Code.BAD_VALUE, v, key + " " + Texts.clip(s.getValue()) + " is too large (at most "
                        + Integer.MAX_VALUE + ")");
                return Optional.empty();
            }
            return Optional.of(b.longValue());
        });
    }

    /** A finite number; integers are accepted where numbers are expected. */
    Optional<Double> number(Val raw, String key, String expected) {
        return resolve(raw).flatMap(v -> {
            if (!(v.node() instanceof ScalarNode s)
                    || Scalars.kind(s) != Scalars.Kind.INT && Scalars.kind(s) != Scalars.Kind.FLOAT) {
                wrongType(v, expected);
                return Optional.empty();
            }
            double d = Scalars.toDouble(s.getValue());
            if (!Double.isFinite(d)) {
                r.error(Code.BAD_VALUE, v, key + " must be a finite number, found " + Texts.clip(s.getValue()));
                return Optional.empty();
            }
            return Optional.of(d);
        });
    }

    /** true or false (YAML 1.2); yes/no/on/off are strings and get a hint. */
    Optional<Boolean> bool(Val raw, String expected) {
        return resolve(raw).flatMap(v -> {
            if (v.node() instanceof ScalarNode s && Scalars.kind(s) == Scalars.Kind.BOOL) {
                return Optional.of(s.getValue().equalsIgnoreCase("true"));
            }
            wrongType(v, expected, "write true or false (YAML 1.1 words like yes, no, on, off are not booleans here)");
            return Optional.empty();
        });
    }
}
