package dev.cnnc.cli;

import dev.cnnc.compiler.shape.ReceptiveField;
import dev.cnnc.runtime.NetworkSummary;
import dev.cnnc.runtime.NetworkSummary.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The text table of {@code cnnc summary}: fixed-width columns (numbers right-aligned, with
 * thousands separators), then totals. Deterministic: no locale, no terminal width.
 */
final class SummaryTable {
    /** Bytes of one value: parameters and activations are float32. */
    private static final int FLOAT_BYTES = 4;

    private SummaryTable() {
    }

    static String render(String file, NetworkSummary summary) {
        boolean graph = !isChain(summary.rows());
        List<String> header = new ArrayList<>(List.of("#", "layer", "type"));
        if (graph) {
            header.add("inputs");
        }
        header.addAll(List.of("output", "params", "MACs", "receptive field", "dense-equiv.", "ratio"));
        List<List<String>> cells = new ArrayList<>();
        for (Row r : summary.rows()) {
            cells.add(cells(r, graph));
        }
        String align = (graph ? "rlll" : "rll") + "lrrlrr";
        StringBuilder b = new StringBuilder();
        b.append(summary.name()).append(" (").append(file).append(")\n");
        b.append(new Columns(header, align, cells).render());
        b.append(totals(summary));
        return b.toString();
    }

    private static List<String> cells(Row r, boolean graph) {
        List<String> c = new ArrayList<>(List.of(Integer.toString(r.index()), r.name(), r.type()));
        if (graph) {
            c.add(String.join(", ", r.inputs()));
        }
        c.add(r.output().toString());
        c.add(Numbers.grouped(r.params()));
        c.add(Numbers.grouped(r.macs()));
        c.add(receptiveField(r.receptiveField()));
        if (r.denseEquivalent().isPresent()) {
            c.add(Numbers.grouped(r.denseEquivalent().getAsLong()));
            c.add(ratio(r.denseRatio()));
        } else {
            c.add("");
            c.add("");
        }
        return c;
    }

    /** {@code 5x5 /1x1}: cells seen per axis, then input cells between neighbouring outputs. */
    static String receptiveField(ReceptiveField rf) {
        if (rf.size().isEmpty()) {
            return "-";
        }
        return join(rf.size()) + " /" + join(rf.jump());
    }

    private static String join(List<Long> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining("x"));
    }

    /** {@code 23,671x} from 100 on, one decimal below ({@code 9.0x}). */
    static String ratio(double r) {
        if (Double.isNaN(r)) {
            return "";
        }
        return r >= 100 ? Numbers.grouped(Math.round(r)) + "x" : String.format(Locale.ROOT, "%.1fx", r);
    }

    /** True when every layer reads exactly the row before it: the inputs column says nothing then. */
    private static boolean isChain(List<Row> rows) {
        for (int i = 1; i < rows.size(); i++) {
            if (!rows.get(i).inputs().equals(List.of(rows.get(i - 1).name()))) {
                return false;
            }
        }
        return true;
    }

    private static String totals(NetworkSummary s) {
        return "\nparameters:  " + Numbers.grouped(s.totalParams())
                + " (" + Numbers.bytes(s.totalParams() * FLOAT_BYTES) + " as float32)\n"
                + "MACs:        " + Numbers.grouped(s.totalMacs()) + " per sample\n"
                + "activations: " + Numbers.grouped(s.activations()) + " values per sample ("
                + Numbers.bytes(s.activations() * FLOAT_BYTES) + " as float32)\n";
    }
}
