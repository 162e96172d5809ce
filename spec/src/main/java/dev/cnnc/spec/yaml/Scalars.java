package dev.cnnc.spec.yaml;

import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Types plain scalars by the YAML 1.2 core schema instead of SnakeYAML's YAML 1.1 resolver,
 * so that {@code yes}, {@code on}, {@code 0x10} or {@code 1:30} stay strings and {@code 1e-5}
 * is a number. Quoted scalars are always strings.
 */
final class Scalars {
    /** What a scalar is. */
    enum Kind { NULL, BOOL, INT, FLOAT, STRING }

    private static final Pattern NULL = Pattern.compile("~|null|Null|NULL|");
    private static final Pattern BOOL = Pattern.compile("true|True|TRUE|false|False|FALSE");
    private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern FLOAT = Pattern.compile(
            "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

    private Scalars() {
    }

    static Kind kind(ScalarNode node) {
        if (!node.isPlain()) {
            return Kind.STRING;
        }
        String v = node.getValue();
        if (NULL.matcher(v).matches()) {
            return Kind.NULL;
        }
        if (BOOL.matcher(v).matches()) {
            return Kind.BOOL;
        }
        if (INT.matcher(v).matches()) {
            return Kind.INT;
        }
        return FLOAT.matcher(v).matches() ? Kind.FLOAT : Kind.STRING;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode s && kind(s) == Kind.NULL;
    }

    /** The value of a FLOAT or INT scalar (may be infinite or NaN for .inf/.nan or overflow). */
    static double toDouble(String v) {
        String t = v.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".nan")) {
            return Double.NaN;
        }
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(v);
    }

    /** For "found ..." in messages: {@code a string "abc"}, {@code the integer 0}, {@code a list}. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        return switch (kind(s)) {
            case NULL -> "nothing (null)";
            case BOOL -> "the boolean " + s.getValue();
            case INT -> "the integer " + Texts.clip(s.getValue());
            case FLOAT -> "the number " + Texts.clip(s.getValue());
            case STRING -> "a string " + Texts.quote(s.getValue());
        };
    }
}
