package dev.cnnc.spec.yaml;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostics;
import dev.cnnc.spec.diag.Position;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/** Turns SnakeYAML's exceptions into diagnostics with readable messages and hints. */
final class YamlErrors {
    private YamlErrors() {
    }

    static void syntax(MarkedYAMLException e, Marks marks, Diagnostics out) {
        Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
        String problem = readable(e.getProblem() == null ? "malformed YAML" : e.getProblem());
        String context = e.getContext() == null ? "" : " (" + readable(e.getContext()) + ")";
        String lower = problem.toLowerCase(Locale.ROOT);
        if (lower.contains("alias") && lower.contains("undefined")) {
            out.error(Code.YAML_SYNTAX, marks.at(mark), "YAML syntax: " + problem,
                    "define the anchor (&name) before its alias (*name), or quote a value that starts with '*'");
            return;
        }
        out.error(Code.YAML_SYNTAX, marks.at(mark), "YAML syntax: " + problem + context, hint(lower));
    }

    /** Limits SnakeYAML enforces itself (alias count, nesting depth, size). */
    static void limit(YAMLException e, Position at, Diagnostics out) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        if (lower.contains("aliases")) {
            out.error(Code.YAML_ALIAS, at, "more than " + YamlLoader.MAX_ALIASES
                    + " aliases of lists or mappings (an alias bomb?)", "write the values out, or use blocks for repetition");
        } else if (lower.contains("nesting depth")) {
            out.error(Code.YAML_DEPTH, at, "the YAML nests more than " + YamlLoader.MAX_DEPTH + " levels deep",
                    "a spec needs only a few levels: layers, a layer, a list of numbers");
        } else if (lower.contains("code points")) {
            out.error(Code.FILE_TOO_LARGE, at, "the file exceeds " + YamlLoader.MAX_BYTES + " characters");
        } else {
            out.error(Code.YAML_SYNTAX, at, "YAML: " + readable(m));
        }
    }

    /** SnakeYAML's texts with escapes like {@code '\t'} named. */
    static String readable(String s) {
        if (s.contains("(TAB)") || s.contains("'\\t'")) {
            return "a tab character where YAML expects indentation or a value";
        }
        return s.replace("\n", " ").trim();
    }

    private static String hint(String problem) {
        if (problem.contains("tab")) {
            return "indent with spaces; YAML does not allow tabs for indentation";
        }
        if (problem.contains("mapping values are not allowed")) {
            return "a ': ' inside a value starts a mapping: quote the value, or check the indentation";
        }
        if (problem.contains("expected ':'") || problem.contains("could not find expected")) {
            return "check the indentation and that every key is followed by ': '";
        }
        if (problem.contains("end of stream") || problem.contains("expected ','")) {
            return "a quote, [ or { is not closed";
        }
        return "check the indentation and the quotes near this position";
    }
}
