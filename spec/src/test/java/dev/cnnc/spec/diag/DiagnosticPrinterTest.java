package dev.cnnc.spec.diag;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiagnosticPrinterTest {
    private static final SourceText SRC = new SourceText("net.yaml", "name: x\nlayers:\n  - {type: conv2d, kernel: 9}\n");

    @Test
    void textHasPositionQuoteCaretAndHint() {
        Diagnostic d = Diagnostic.error(Code.KERNEL_TOO_LARGE, new Position("net.yaml", 3, 27),
                "kernel 9 does not fit", "use kernel: 5");
        String text = new DiagnosticPrinter(Map.of("net.yaml", SRC)).text(List.of(d));
        assertEquals("""
                net.yaml:3:27: error: kernel 9 does not fit
                      - {type: conv2d, kernel: 9}
                                              ^
                  hint: use kernel: 5
                """, text);
    }

    @Test
    void notesArePrintedInTheSameFormat() {
        Diagnostic d = Diagnostic.warning(Code.UNREAD_INPUT, new Position("net.yaml", 1, 1), "w")
                .withNote(new Note(new Position("net.yaml", 2, 1), "used here"));
        String text = new DiagnosticPrinter(Map.of()).text(List.of(d));
        assertTrue(text.contains("net.yaml:1:1: warning: w\n"), text);
        assertTrue(text.contains("net.yaml:2:1: note: used here\n"), text);
    }

    @Test
    void jsonEscapesHostileText() {
        Diagnostic d = Diagnostic.error(Code.BAD_NAME, new Position("a\"b.yaml", 1, 2), "name \"x\\y\n\u0001");
        String json = DiagnosticPrinter.json("a\"b.yaml", List.of(d));
        assertTrue(json.contains("\"message\":\"name \\\"x\\\\y\\n\\u0001\""), json);
        assertTrue(json.contains("\"code\":\"bad-name\""), json);
        assertTrue(json.startsWith("{\"file\":\"a\\\"b.yaml\",\"ok\":false,\"errors\":1,\"warnings\":0"), json);
    }
}
