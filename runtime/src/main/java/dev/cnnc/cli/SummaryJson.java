package dev.cnnc.cli;

import dev.cnnc.compiler.shape.ReceptiveField;
import dev.cnnc.runtime.NetworkSummary;
import dev.cnnc.runtime.NetworkSummary.Row;
import dev.cnnc.spec.diag.Json;
import java.util.List;
import java.util.stream.Collectors;

/** {@code cnnc summary --format json}: the summary's members, one object per row. */
final class SummaryJson {
    private SummaryJson() {
    }

    /**
     * {@code "name":..,"rows":[..],"parameters":..,"macs":..,"activations":..} (to be added to
     * the file's diagnostics object). Row 0 is the network input.
     */
    static String members(NetworkSummary summary) {
        StringBuilder b = new StringBuilder();
        b.append("\"name\":").append(Json.quote(summary.name())).append(",\"rows\":[");
        for (int i = 0; i < summary.rows().size(); i++) {
            b.append(i == 0 ? "\n" : ",\n").append(row(summary.rows().get(i)));
        }
        return b.append("\n],\"parameters\":").append(summary.totalParams())
                .append(",\"macs\":").append(summary.totalMacs())
                .append(",\"activations\":").append(summary.activations()).toString();
    }

    private static String row(Row r) {
        ReceptiveField rf = r.receptiveField();
        return "{\"index\":" + r.index()
                + ",\"name\":" + Json.quote(r.name())
                + ",\"type\":" + Json.quote(r.type())
                + ",\"inputs\":[" + r.inputs().stream().map(Json::quote).collect(Collectors.joining(",")) + "]"
                + ",\"output\":" + array(r.output().dims())
                + ",\"params\":" + r.params()
                + ",\"macs\":" + r.macs()
                + ",\"receptive_field\":{\"size\":" + array(rf.size()) + ",\"jump\":" + array(rf.jump()) + "}"
                + ",\"dense_equivalent_params\":"
                + (r.denseEquivalent().isPresent() ? Long.toString(r.denseEquivalent().getAsLong()) : "null")
                + "}";
    }

    private static String array(List<? extends Number> values) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(",", "[", "]"));
    }
}
