package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cnnc.compiler.shape.AxisWindow;
import dev.cnnc.compiler.shape.ReceptiveField;
import dev.cnnc.compiler.shape.Shape;
import dev.cnnc.compiler.shape.TypedLayer;
import dev.cnnc.compiler.shape.TypedNetwork;
import dev.cnnc.runtime.NetworkSummary;
import dev.cnnc.spec.model.Activation;
import dev.cnnc.spec.model.Conv;
import dev.cnnc.spec.model.Dense;
import dev.cnnc.spec.model.Flatten;
import dev.cnnc.spec.model.InputSpec;
import dev.cnnc.spec.model.LayerMeta;
import dev.cnnc.spec.model.NetworkSpec;
import dev.cnnc.spec.model.Padding;
import dev.cnnc.spec.model.PaddingMode;
import dev.cnnc.spec.model.Positions;
import dev.cnnc.spec.model.TrainSpec;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The summary table of a hand-built typed network (no reader or shape checker involved):
 * input [1, 6, 6], conv2d c1 (2 filters, 3x3, no bias), flatten, dense out (3 units).
 */
class SummaryTableTest {
    @Test
    void rendersEveryColumnAndTheTotals() {
        // conv: out 6-3+1 = 4 -> [2, 4, 4]; params 2*1*3*3 = 18 (no bias); MACs 2*4*4 * 1*3*3 = 288;
        // dense equivalent 36 inputs * 32 outputs = 1,152 (no bias) = 64 * 18
        // dense: params 32*3+3 = 99, MACs 32*3 = 96. Totals 117 params (468 B), 384 MACs,
        // activations 36+32+32+3 = 103 values (412 B)
        String expected = """
                Tiny (tiny.yaml)
                #  layer      type     output     params  MACs  receptive field  dense-equiv.  ratio
                -  ---------  -------  ---------  ------  ----  ---------------  ------------  -----
                0  input      input    [1, 6, 6]       0     0  1x1 /1x1
                1  c1         conv2d   [2, 4, 4]      18   288  3x3 /1x1                1,152  64.0x
                2  flatten_1  flatten  [32]            0     0  6x6 /6x6
                3  out        dense    [3]            99    96  6x6 /6x6

                parameters:  117 (468 B as float32)
                MACs:        384 per sample
                activations: 103 values per sample (412 B as float32)
                """;
        assertEquals(expected, SummaryTable.render("tiny.yaml", NetworkSummary.of(tiny())));
    }

    @Test
    void jsonRowsCarryTheSameNumbers() {
        String json = SummaryJson.members(NetworkSummary.of(tiny()));
        assertEquals(true, json.contains("{\"index\":1,\"name\":\"c1\",\"type\":\"conv2d\",\"inputs\":[\"input\"],"
                + "\"output\":[2,4,4],\"params\":18,\"macs\":288,\"receptive_field\":{\"size\":[3,3],\"jump\":[1,1]},"
                + "\"dense_equivalent_params\":1152}"), json);
        assertEquals(true, json.endsWith("\"parameters\":117,\"macs\":384,\"activations\":103"), json);
    }

    private static TypedNetwork tiny() {
        InputSpec input = new InputSpec(List.of(1, 6, 6), Optional.empty(), Positions.NONE);
        Conv conv = new Conv(meta(1, "c1", "input"), 2, 2, List.of(3, 3), List.of(1, 1), Padding.VALID,
                PaddingMode.ZEROS, List.of(1, 1), 1, false, Activation.NONE);
        Flatten flatten = new Flatten(meta(2, "flatten_1", "c1"));
        Dense dense = new Dense(meta(3, "out", "flatten_1"), 3, true, Activation.NONE);
        NetworkSpec spec = new NetworkSpec(1, "Tiny", input, List.of(), List.of(conv, flatten, dense),
                TrainSpec.DEFAULTS, Positions.NONE);
        AxisWindow window = new AxisWindow(6, 3, 1, 1, 0, 0, 4);
        ReceptiveField whole = rf(6, 6);
        return new TypedNetwork(spec, Shape.of(1, 6, 6), List.of(
                new TypedLayer(conv, List.of(Shape.of(1, 6, 6)), Shape.of(2, 4, 4), List.of(window, window),
                        18, 288, rf(3, 1)),
                new TypedLayer(flatten, List.of(Shape.of(2, 4, 4)), Shape.of(32), List.of(), 0, 0, whole),
                new TypedLayer(dense, List.of(Shape.of(32)), Shape.of(3), List.of(), 99, 96, whole)));
    }

    private static LayerMeta meta(int index, String name, String input) {
        return new LayerMeta(index, name, List.of(input), Positions.NONE, List.of());
    }

    private static ReceptiveField rf(long size, long jump) {
        return new ReceptiveField(List.of(size, size), List.of(jump, jump));
    }
}
