package dev.cnnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.spec.diag.Code;
import dev.cnnc.spec.diag.Diagnostic;
import dev.cnnc.spec.diag.Position;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that cannot be read become one diagnostic at the file, never an exception. */
class SpecLoaderTest {
    @TempDir
    Path dir;

    @Test
    void missingFile() {
        Diagnostic d = only(new SpecLoader().load(dir.resolve("nope.yaml").toString()));
        assertEquals(Code.IO, d.code());
        assertEquals("cannot read: no such file", d.message());
        assertEquals(Position.ofFile(dir.resolve("nope.yaml").toString()), d.position());
    }

    @Test
    void directory() {
        assertEquals("cannot read: is a directory", only(new SpecLoader().load(dir.toString())).message());
    }

    @Test
    void invalidUtf8NamesTheByte() throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9, '\n'});
        Diagnostic d = only(new SpecLoader().load(file.toString()));
        assertEquals(Code.IO, d.code());
        assertTrue(d.message().contains("0xe9 at offset 6"), d.message());
    }

    @Test
    void tooLargeIsRefusedBeforeReading() throws Exception {
        Path file = dir.resolve("big.yaml");
        Files.write(file, new byte[(int) SpecLoader.MAX_BYTES + 1]);
        Diagnostic d = only(new SpecLoader().load(file.toString()));
        assertEquals(Code.FILE_TOO_LARGE, d.code());
        assertTrue(d.message().contains("1,048,577 bytes"), d.message());
    }

    @Test
    void byteOrderMarkIsDroppedAndTextKept() throws Exception {
        Path file = dir.resolve("bom.yaml");
        Files.writeString(file, "\uFEFFname: x\n");
        LoadedSpec loaded = new SpecLoader().load(file.toString());
        assertEquals("name: x\n", loaded.source().orElseThrow().text());
        assertFalse(loaded.ok());
    }

    private static Diagnostic only(LoadedSpec loaded) {
        assertFalse(loaded.ok());
        assertTrue(loaded.source().isEmpty());
        assertEquals(1, loaded.diagnostics().size(), loaded.diagnostics()::toString);
        return loaded.diagnostics().get(0);
    }
}
