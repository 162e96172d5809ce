package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code cnnc validate}: ok lines, diagnostics in the contract's format (§1.3), exit codes, JSON. */
class ValidateCommandTest {
    private static final Pattern HEADLINE =
            Pattern.compile("(?m)^(\\S+):(\\d+):(\\d+): (error|warning): (.+)$");

    @Test
    void validSpecPrintsOkWithLayersAndParameters() {
        String file = Cli.spec("lenet.yaml");
        Cli r = Cli.run("validate", file);
        assertEquals(ExitCode.OK, r.code(), r::toString);
        // params: c1 6*1*5*5+6 = 156, c2 16*6*5*5+16 = 2,416, f1 400*120+120 = 48,120,
        // f2 120*84+84 = 10,164, out 84*10+10 = 850; total 61,706 (LeNet-5)
        assertEquals(file + ": ok (8 layers, 61,706 parameters)\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void readerErrorsAreAllReportedWithSourceLineCaretAndHint() {
        String file = Cli.spec("reader_errors.yaml");
        Cli r = Cli.run("validate", file);
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        assertEquals("", r.out());
        List<Matcher> heads = headlines(r.err());
        assertTrue(heads.size() >= 2, () -> "both mistakes must be reported:\n" + r);
        for (Matcher m : heads) {
            assertEquals(file, m.group(1), r::toString);
            assertEquals("error", m.group(4), r::toString);
        }
        // line 5 col 53 is 'activaton' (misspelt key); line 6 is the dropout rate 1.5
        assertEquals("5", heads.get(0).group(2), r::toString);
        assertEquals("6", heads.get(heads.size() - 1).group(2), r::toString);
        String[] lines = r.err().split("\n");
        assertTrue(lines[1].contains("activaton: relu"), "the source line is quoted:\n" + r);
        int caret = lines[2].indexOf('^');
        assertEquals(Integer.parseInt(heads.get(0).group(3)) - 1, caret - 4, "caret under the column:\n" + r);
        assertTrue(lines[1].substring(caret).startsWith("activaton"), "caret under the key:\n" + r);
        assertTrue(r.err().contains("  hint: ") && r.err().contains("activation"), "did you mean:\n" + r);
        assertTrue(r.err().endsWith(file + ": " + heads.size() + " errors\n"), r::toString);
    }

    @Test
    void shapeErrorsPointAtTheValue() {
        String file = Cli.spec("shape_error.yaml");
        Cli r = Cli.run("validate", file);
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        List<Matcher> heads = headlines(r.err());
        assertFalse(heads.isEmpty(), r::toString);
        // line 5: "  - {type: conv2d, name: c1, filters: 4, kernel: 11}"; the value 11 is at column 50
        assertEquals(file, heads.get(0).group(1));
        assertEquals("5", heads.get(0).group(2), r::toString);
        // the key 'kernel' (column 42) or its value (column 50)
        assertTrue(List.of("42", "50").contains(heads.get(0).group(3)), r::toString);
        assertTrue(heads.get(0).group(5).contains("11"), "the message names the kernel:\n" + r);
        assertTrue(heads.get(0).group(5).contains("8"), "and the input size:\n" + r);
    }

    @Test
    void warningsAloneDoNotFail() {
        String file = Cli.spec("warnings.yaml");
        Cli r = Cli.run("validate", file);
        assertEquals(ExitCode.OK, r.code(), r::toString);
        // params: c1 4*1*5*5+4 = 104; output [4, 12, 12] = 576 values; out 576*10+10 = 5,770;
        // the last input row and column are never read (how many warnings that makes is the
        // shape checker's business; the count line must agree with what is printed)
        List<Matcher> heads = headlines(r.err());
        assertFalse(heads.isEmpty(), r::toString);
        for (Matcher m : heads) {
            assertEquals("warning", m.group(4));
            assertEquals("6", m.group(2));
        }
        assertEquals(file + ": ok (3 layers, 5,874 parameters, " + Numbers.count(heads.size(), "warning") + ")\n",
                r.out());
    }

    @Test
    void severalFilesAreAllReportedAndAnyErrorFails() {
        String ok = Cli.spec("lenet.yaml");
        String bad = Cli.spec("shape_error.yaml");
        Cli r = Cli.run("validate", ok, bad, "no/such/file.yaml", ok);
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        assertEquals(2, r.out().lines().filter(l -> l.equals(ok + ": ok (8 layers, 61,706 parameters)")).count(),
                r::toString);
        assertTrue(r.err().contains(bad + ": 1 error\n"), r::toString);
        assertTrue(r.err().contains("no/such/file.yaml: error: cannot read: no such file\n"), r::toString);
    }

    @Test
    void missingFileIsOneDiagnosticWithoutStackTrace() {
        Cli r = Cli.run("validate", "missing.yaml");
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        assertEquals("missing.yaml: error: cannot read: no such file\nmissing.yaml: 1 error\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void jsonIsOneDocumentWithStableCodes() throws Exception {
        String ok = Cli.spec("lenet.yaml");
        String warn = Cli.spec("warnings.yaml");
        String bad = Cli.spec("shape_error.yaml");
        Cli r = Cli.run("validate", "--format", "json", ok, warn, bad, "missing.yaml");
        assertEquals(ExitCode.INVALID_INPUT, r.code(), r::toString);
        assertEquals("", r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertFalse(doc.get("ok").asBoolean());
        JsonNode files = doc.get("files");
        assertEquals(4, files.size());
        assertEquals(ok, files.get(0).get("file").asText());
        assertTrue(files.get(0).get("ok").asBoolean());
        assertEquals(8, files.get(0).get("layers").asInt());
        assertEquals(61_706, files.get(0).get("parameters").asLong());
        assertEquals(0, files.get(0).get("diagnostics").size());
        assertTrue(files.get(1).get("ok").asBoolean());
        assertEquals("warning", files.get(1).get("diagnostics").get(0).get("severity").asText());
        assertEquals("unread-input", files.get(1).get("diagnostics").get(0).get("code").asText());
        JsonNode kernel = files.get(2).get("diagnostics").get(0);
        assertEquals("kernel-too-large", kernel.get("code").asText(), r::toString);
        assertEquals(5, kernel.get("line").asInt());
        assertFalse(files.get(2).has("parameters"));
        assertEquals("io", files.get(3).get("diagnostics").get(0).get("code").asText());
    }

    @Test
    void jsonOfValidFilesSaysOk() throws Exception {
        Cli r = Cli.run("validate", "--format=JSON", Cli.spec("lenet.yaml"));
        assertEquals(ExitCode.OK, r.code(), r::toString);
        assertTrue(new ObjectMapper().readTree(r.out()).get("ok").asBoolean(), r::toString);
    }

    private static List<Matcher> headlines(String text) {
        List<Matcher> out = new ArrayList<>();
        Matcher m = HEADLINE.matcher(text);
        while (m.find()) {
            Matcher copy = HEADLINE.matcher(m.group());
            copy.matches();
            out.add(copy);
        }
        return out;
    }
}
