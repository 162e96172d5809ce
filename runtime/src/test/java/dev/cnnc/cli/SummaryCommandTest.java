package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code cnnc summary}: every number below is derived by hand from the formulas in the
 * comments, for the LeNet-5 of lenet.yaml (input [1, 28, 28]).
 */
class SummaryCommandTest {
    private static final String LENET = Cli.spec("lenet.yaml");

    @Test
    void tableRowsOfLeNet() {
        Cli r = Cli.run("summary", LENET);
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("LeNet5 (" + LENET + ")\n"), r::toString);
        // receptive field: size r' = r + (k-1)*j, jump j' = j*stride, from r = j = 1 at the input
        assertRow(r, "0", "input", "input", "[1, 28, 28]", "0", "0", "1x1 /1x1");
        // conv 1->6 k5 pad 2: out 28x28 (28+4-5+1); params 6*1*5*5+6 = 156; MACs 6*28*28 * 1*5*5 = 117,600;
        // dense equivalent 784 inputs * 4,704 outputs + 4,704 biases = 3,692,640 = 23,670.77 * 156
        assertRow(r, "1", "c1", "conv2d", "[6, 28, 28]", "156", "117,600", "5x5 /1x1", "3,692,640", "23,671x");
        // MACs count convolution and dense weight uses only (ptflops/fvcore): pooling is 0.
        // maxpool 2: r = 5 + 1*1 = 6, j = 2
        assertRow(r, "2", "p1", "maxpool2d", "[6, 14, 14]", "0", "0", "6x6 /2x2");
        // conv 6->16 k5: out 10x10; params 16*6*25+16 = 2,416; MACs 16*10*10 * 6*25 = 240,000; r = 6 + 4*2 = 14;
        // dense equivalent 1,176 * 1,600 + 1,600 = 1,883,200 = 779.47 * 2,416
        assertRow(r, "3", "c2", "conv2d", "[16, 10, 10]", "2,416", "240,000", "14x14 /2x2", "1,883,200", "779x");
        // maxpool 2: r = 14 + 1*2 = 16, j = 4
        assertRow(r, "4", "p2", "maxpool2d", "[16, 5, 5]", "0", "0", "16x16 /4x4");
        // after flatten every output depends on the whole 28x28 input
        assertRowStart(r, "5", "flatten_1", "flatten", "[400]", "0", "0", "28x28 /28x28");
        // dense: params in*out + out, MACs in*out
        assertRowStart(r, "6", "f1", "dense", "[120]", "48,120", "48,000");
        assertRowStart(r, "7", "f2", "dense", "[84]", "10,164", "10,080");
        assertRowStart(r, "8", "out", "dense", "[10]", "850", "840");
        // 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706 parameters; * 4 bytes = 246,824 B = 241.0 KiB
        assertTrue(r.out().contains("\nparameters:  61,706 (241.0 KiB as float32)\n"), r::toString);
        // MACs: 117,600 + 240,000 + 48,000 + 10,080 + 840 = 416,520
        assertTrue(r.out().contains("\nMACs:        416,520 per sample\n"), r::toString);
        // outputs: 784 + 4,704 + 1,176 + 1,600 + 400 + 400 + 120 + 84 + 10 = 9,278 values; * 4 = 36.2 KiB
        assertTrue(r.out().contains("\nactivations: 9,278 values per sample (36.2 KiB as float32)\n"), r::toString);
        assertFalse(r.out().contains("inputs"), "a chain needs no inputs column:\n" + r);
    }

    @Test
    void tableIsAlignedWithoutTrailingSpaces() {
        Cli r = Cli.run("summary", LENET);
        List<String> lines = r.out().lines().toList();
        String header = lines.get(1);
        String rule = lines.get(2);
        assertTrue(rule.matches("[- ]+"), rule);
        for (String line : lines) {
            assertEquals(line.stripTrailing(), line, "trailing spaces");
        }
        // right-aligned numbers end in the same column as the header's "params"
        int paramsEnd = header.indexOf("params") + "params".length();
        assertEquals("156", row(r, "c1").substring(paramsEnd - 3, paramsEnd));
        assertEquals("61,706", lines.get(lines.size() - 3).substring(13, 19));
    }

    @Test
    void graphsShowTheInputsOfEachLayer() {
        Cli r = Cli.run("summary", Cli.spec("residual.yaml"));
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.out().lines().skip(1).findFirst().orElseThrow().contains("inputs"), r::toString);
        // add reads the network input and c2: [2, 8, 8] each, no parameters
        assertRowStart(r, "3", "sum", "add", "input, c2", "[2, 8, 8]", "0");
        // conv 2->2 k3 pad 1: params 2*2*3*3+2 = 38; dense 128->3: 128*3+3 = 387; total 38+38+387 = 463
        assertTrue(r.out().contains("\nparameters:  463 "), r::toString);
    }

    @Test
    void invalidSpecPrintsDiagnosticsAndExits1() {
        String file = Cli.spec("shape_error.yaml");
        Cli r = Cli.run("summary", file);
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(file + ":5:"), r::toString);
        assertTrue(r.err().endsWith(file + ": 1 error\n"), r::toString);
    }

    @Test
    void warningsGoToStderrAndTheTableStillPrints() {
        Cli r = Cli.run("summary", Cli.spec("warnings.yaml"));
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(r.err().contains(": warning: "), r::toString);
        // conv 1->4 k5 stride 2 on 28: floor((28-5)/2)+1 = 12
        assertRowStart(r, "1", "c1", "conv2d", "[4, 12, 12]", "104");
    }

    @Test
    void jsonHasOneRowPerLayerAndTheInput() throws Exception {
        Cli r = Cli.run("summary", "--format", "json", LENET);
        assertEquals(ExitCode.OK, r.code(), r::toString);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertTrue(doc.get("ok").asBoolean());
        assertEquals("LeNet5", doc.get("name").asText());
        assertEquals(61_706, doc.get("parameters").asLong());
        JsonNode rows = doc.get("rows");
        assertEquals(9, rows.size());
        JsonNode c1 = rows.get(1);
        assertEquals("c1", c1.get("name").asText());
        assertEquals("[6,28,28]", c1.get("output").toString());
        assertEquals(156, c1.get("params").asLong());
        assertEquals(117_600, c1.get("macs").asLong());
        assertEquals("[5,5]", c1.get("receptive_field").get("size").toString());
        assertEquals(3_692_640, c1.get("dense_equivalent_params").asLong());
        assertTrue(rows.get(6).get("dense_equivalent_params").isNull());
        assertEquals("[\"input\"]", c1.get("inputs").toString());
    }

    @Test
    void jsonOfAnInvalidSpecIsItsDiagnostics() throws Exception {
        Cli r = Cli.run("summary", "--format", "json", "missing.yaml");
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertFalse(doc.get("ok").asBoolean());
        assertEquals("io", doc.get("diagnostics").get(0).get("code").asText());
        assertFalse(doc.has("rows"));
    }

    private static String row(Cli r, String name) {
        return r.out().lines().filter(l -> cells(l).size() > 1 && cells(l).get(1).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + ":\n" + r));
    }

    private static List<String> cells(String line) {
        return Arrays.asList(line.strip().split(" {2,}"));
    }

    private static void assertRow(Cli r, String... expected) {
        assertEquals(List.of(expected), cells(row(r, expected[1])), r::toString);
    }

    private static void assertRowStart(Cli r, String... expected) {
        List<String> cells = cells(row(r, expected[1]));
        assertEquals(List.of(expected), cells.subList(0, Math.min(expected.length, cells.size())), r::toString);
    }
}
