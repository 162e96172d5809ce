package dev.cnnc.runtime.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTreeWriterTest {
    @TempDir
    Path dir;

    @Test
    void writesTheTreeAndLeavesIdenticalFilesAlone() throws IOException {
        Map<String, String> files = Map.of("a/b/X.java", "class X {}\n", "a/Y.java", "class Y {}\n");
        SourceTreeWriter.Result first = SourceTreeWriter.write(dir, files, false);
        assertEquals(List.of("a/Y.java", "a/b/X.java"), first.written());
        assertEquals("class X {}\n", Files.readString(dir.resolve("a/b/X.java")));
        FileTime old = FileTime.fromMillis(1_000_000L);
        Files.setLastModifiedTime(dir.resolve("a/Y.java"), old);

        SourceTreeWriter.Result second = SourceTreeWriter.write(dir, files, false);
        assertEquals(List.of(), second.written());
        assertEquals(List.of("a/Y.java", "a/b/X.java"), second.unchanged());
        assertEquals(old, Files.getLastModifiedTime(dir.resolve("a/Y.java")));
    }

    @Test
    void differentExistingFileNeedsForceAndNothingIsWrittenWithout() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.writeString(dir.resolve("a/Y.java"), "mine");
        Map<String, String> files = Map.of("a/Y.java", "class Y {}\n", "a/Z.java", "class Z {}\n");
        SourceTreeWriter.ConflictException e = assertThrows(SourceTreeWriter.ConflictException.class,
                () -> SourceTreeWriter.write(dir, files, false));
        assertEquals(List.of(dir.resolve("a/Y.java")), e.files());
        assertEquals(dir.resolve("a/Y.java") + " exists with other content", e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("a/Y.java")));
        assertTrue(Files.notExists(dir.resolve("a/Z.java")), "all or nothing");

        assertEquals(List.of("a/Y.java", "a/Z.java"), SourceTreeWriter.write(dir, files, true).written());
        assertEquals("class Y {}\n", Files.readString(dir.resolve("a/Y.java")));
    }

    @Test
    void anOutputDirectoryThatIsAFileIsAnIoError() throws IOException {
        Path file = dir.resolve("f");
        Files.writeString(file, "x");
        IOException e = assertThrows(IOException.class,
                () -> SourceTreeWriter.write(file, Map.of("X.java", "class X {}"), false));
        assertTrue(!(e instanceof SourceTreeWriter.ConflictException), e.toString());
    }

    @Test
    void pathsMayNotEscape() {
        assertThrows(IllegalArgumentException.class,
                () -> SourceTreeWriter.write(dir, Map.of("../X.java", "x"), false));
    }
}
