package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.Padding;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Padding in its written forms (contract §1.1): {@code valid}, {@code same}, an int,
 * {@code [ph, pw]}, {@code [top, bottom, left, right]}; 1-D: an int or {@code [left, right]}.
 * Explicit amounts become {@link Padding.Explicit} with before = [top, left] and
 * after = [bottom, right].
 */
final class PaddingParser {
    private static final String EXPECTED = dev.cnnc.spec.def.ParamType.PADDING.expected();
    private final NodeReader n;
    private final Reporter r;

    PaddingParser(NodeReader n) {
        this.n = n;
        this.r = n.reporter();
    }

    Optional<Padding> parse(Val raw, String key, int rank) {
        Optional<Val> rv = n.resolve(raw);
        if (rv.isEmpty()) {
            return Optional.empty();
        }
        Val v = rv.get();
        if (v.node() instanceof ScalarNode s && Scalars.kind(s) == Scalars.Kind.STRING) {
            return n.word(v, key, List.of("valid", "same"), EXPECTED).map(w -> w.equals("same") ? Padding.SAME : Padding.VALID);
        }
        if (!(v.node() instanceof SequenceNode)) {
            return amount(v, key).map(p -> Padding.Explicit.uniform(p, rank));
        }
        return n.list(v, EXPECTED).flatMap(items -> {
            List<Integer> allowed = rank == 1 ? List.of(2) : List.of(2, 4);
            if (!allowed.contains(items.size())) {
                r.error(Code.BAD_VALUE, v, key + " list has " + items.size() + " entries; " + (rank == 1
                        ? "1-D padding is an int or [left, right]"
                        : "2-D padding is an int, [ph, pw] or [top, bottom, left, right]"));
                return Optional.empty();
            }
            return ValueParser.all(items, i -> amount(i, key)).map(a -> explicit(a, rank));
        });
    }

    private static Padding explicit(List<Integer> a, int rank) {
        if (rank == 1) {
            return new Padding.Explicit(List.of(a.get(0)), List.of(a.get(1)));
        }
        if (a.size() == 2) {
            return new Padding.Explicit(a, a);
        }
        return new Padding.Explicit(List.of(a.get(0), a.get(2)), List.of(a.get(1), a.get(3)));
    }

    private Optional<Integer> amount(Val raw, String key) {
        return n.resolve(raw).flatMap(v -> n.integer(v, key, EXPECTED).flatMap(p -> {
            if (p < 0) {
                r.error(Code.BAD_VALUE, v, key + " must be 0 or more, found " + p);
                return Optional.empty();
            }
            return Optional.of(p.intValue());
        }));
    }
}
