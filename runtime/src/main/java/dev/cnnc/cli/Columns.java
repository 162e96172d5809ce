package dev.cnnc.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: a header, a rule of dashes, and rows; columns as wide as their widest
 * cell, two spaces apart, each left- or right-aligned; no trailing spaces.
 */
final class Columns {
    private final List<String> header;
    private final String align;
    private final List<List<String>> rows;
    private final int[] widths;

    /** @param align one letter per column: {@code l} (text) or {@code r} (numbers) */
    Columns(List<String> header, String align, List<List<String>> rows) {
        this.header = List.copyOf(header);
        this.align = align;
        this.rows = rows.stream().map(List::copyOf).toList();
        if (align.length() != header.size() || !align.matches("[lr]*")) {
            throw new IllegalArgumentException("alignment '" + align + "' for " + header.size() + " columns");
        }
        for (List<String> row : this.rows) {
            if (row.size() != header.size()) {
                throw new IllegalArgumentException("row has " + row.size() + " cells, header " + header.size());
            }
        }
        this.widths = new int[header.size()];
        measure(this.header);
        this.rows.forEach(this::measure);
    }

    private void measure(List<String> row) {
        for (int i = 0; i < row.size(); i++) {
            widths[i] = Math.max(widths[i], row.get(i).length());
        }
    }

    String render() {
        StringBuilder b = new StringBuilder();
        line(b, header);
        List<String> rule = new ArrayList<>();
        for (int w : widths) {
            rule.add("-".repeat(w));
        }
        line(b, rule);
        rows.forEach(r -> line(b, r));
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            l.append(i == 0 ? "" : "  ").append(align.charAt(i) == 'r' ? pad + cell : cell + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }
}
