package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.model.LayerMeta;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Reads layer names ({@code name:}) and references to layers ({@code input:}). */
final class Names {
    /** A name as the user writes it. */
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** A reference may also name a layer inside an expanded block: {@code stage2.1.c1}. */
    static final Pattern REF = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z0-9_]+)*");
    /** Longer names are refused: they end up in generated Java code and tensor names. */
    static final int MAX_LENGTH = 100;
    private static final String RULE = "letters, digits and _, not starting with a digit, at most "
            + MAX_LENGTH + " characters";

    private final NodeReader n;
    private final Reporter r;

    Names(NodeReader n) {
        this.n = n;
        this.r = n.reporter();
    }

    /** A layer or block-use name; {@code what} is "layer" or "block use". */
    Optional<String> name(Val raw, String what) {
        Optional<Val> resolved = n.resolve(raw);
        if (resolved.isEmpty()) {
            return Optional.empty();
        }
        Val v = resolved.get();
        return n.string(v, "a " + what + " name (" + RULE + ")", "e.g. name: conv_1")
                .flatMap(s -> {
                    if (s.equals(LayerMeta.NETWORK_INPUT)) {
                        r.error(Code.BAD_NAME, v, "'input' is reserved for the network (or block) input",
                                "choose another name, e.g. input_conv");
                        return Optional.empty();
                    }
                    return check(v, s, NAME, what + " name");
                });
    }

    /** A reference to a layer, a block use, or {@code input}. */
    Optional<String> ref(Val raw) {
        return n.resolve(raw).flatMap(v -> n.string(v, "a layer name").flatMap(s -> check(v, s, REF, "layer reference")));
    }

    private Optional<String> check(Val v, String s, Pattern p, String what) {
        if (s.length() > MAX_LENGTH) {
            r.error(Code.BAD_NAME, v, what + " " + Texts.quote(s) + " is too long", "use " + RULE);
            return Optional.empty();
        }
        if (!p.matcher(s).matches()) {
            r.error(Code.BAD_NAME, v, what + " " + Texts.quote(s) + " is not a valid name", "use " + RULE
                    + (REF.matcher(s).matches() ? "; dotted names are reserved for layers inside blocks" : ""));
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** One reference or a list of them (a list of one is one). */
    Optional<List<String>> refs(Val raw, String expected) {
        return n.resolve(raw).flatMap(v -> {
            if (v.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode) {
                return n.list(v, expected).flatMap(items -> ValueParser.all(items, this::ref));
            }
            if (v.node() instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
                return ref(v).map(List::of);
            }
            n.wrongType(v, expected);
            return Optional.empty();
        }).map(ArrayList::new);
    }
}
