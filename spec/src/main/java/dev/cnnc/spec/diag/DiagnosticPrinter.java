package dev.cnnc.spec.diag;

import java.util.List;
import java.util.Map;

/**
 * Renders diagnostics in the contract's text format (§1.3) and as JSON.
 *
 * <pre>
 * FILE:LINE:COL: error: MESSAGE
 *     &lt;the source line&gt;
 *     &lt;a caret under the column&gt;
 *   hint: WHAT TO DO
 * </pre>
 */
public final class DiagnosticPrinter {
    private final Map<String, SourceText> sources;

    /** @param sources file name to text, for quoting lines; files missing here print no quote */
    public DiagnosticPrinter(Map<String, SourceText> sources) {
        this.sources = Map.copyOf(sources);
    }

    public String text(List<Diagnostic> diagnostics) {
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            appendOne(out, d.position(), d.severity().label(), d.message());
            for (String hint : d.hints()) {
                out.append("  hint: ").append(hint).append('\n');
            }
            for (Note note : d.notes()) {
                appendOne(out, note.position(), Severity.NOTE.label(), note.message());
            }
        }
        return out.toString();
    }

    private void appendOne(StringBuilder out, Position p, String label, String message) {
        out.append(p).append(": ").append(label).append(": ").append(message).append('\n');
        SourceText src = sources.get(p.file());
        if (src != null && p.isKnown()) {
            String line = src.line(p.line());
            if (!line.isEmpty()) {
                out.append("    ").append(visible(line)).append('\n');
                out.append("    ").append(caretPadding(line, p.column())).append("^\n");
            }
        }
    }

    /** Tabs are kept so that the caret lines up; other control characters are made visible. */
    private static String visible(String line) {
        StringBuilder b = new StringBuilder(line.length());
        line.codePoints().forEach(c -> {
            if (c == '\t' || c >= 0x20 && c != 0x7f) {
                b.appendCodePoint(c);
            } else {
                b.append('?');
            }
        });
        return b.toString();
    }

    private static String caretPadding(String line, int column) {
        StringBuilder pad = new StringBuilder();
        for (int i = 0; i < column - 1 && i < line.length(); i++) {
            pad.append(line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return pad.toString();
    }

    /**
     * The diagnostics of one file as a JSON object:
     * {@code {"file": ..., "ok": bool, "errors": n, "warnings": n, "diagnostics": [...]}}.
     */
    public static String json(String file, List<Diagnostic> diagnostics) {
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        long warnings = diagnostics.size() - errors;
        StringBuilder out = new StringBuilder();
        out.append("{\"file\":").append(Json.quote(file))
           .append(",\"ok\":").append(errors == 0)
           .append(",\"errors\":").append(errors)
           .append(",\"warnings\":").append(warnings)
           .append(",\"diagnostics\":[");
        for (int i = 0; i < diagnostics.size(); i++) {
            Diagnostic d = diagnostics.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"severity\":").append(Json.quote(d.severity().label()))
               .append(",\"code\":").append(Json.quote(d.code().id()))
               .append(",\"file\":").append(Json.quote(d.position().file()))
               .append(",\"line\":").append(d.position().line())
               .append(",\"column\":").append(d.position().column())
               .append(",\"message\":").append(Json.quote(d.message()))
               .append(",\"hints\":[");
            for (int h = 0; h < d.hints().size(); h++) {
                out.append(h > 0 ? "," : "").append(Json.quote(d.hints().get(h)));
            }
            out.append("],\"notes\":[");
            for (int n = 0; n < d.notes().size(); n++) {
                Note note = d.notes().get(n);
                out.append(n > 0 ? "," : "")
                   .append("{\"file\":").append(Json.quote(note.position().file()))
                   .append(",\"line\":").append(note.position().line())
                   .append(",\"column\":").append(note.position().column())
                   .append(",\"message\":").append(Json.quote(note.message())).append('}');
            }
            out.append("]}");
        }
        out.append("]}");
        return out.toString();
    }
}
