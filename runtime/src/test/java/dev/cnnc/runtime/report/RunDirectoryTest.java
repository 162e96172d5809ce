package dev.cnnc.runtime.report;

import dev.cnnc.runtime.AtomicFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output-folder policy and atomic writes. */
class RunDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createsAMissingFolderWithParents() throws IOException {
        Path out = tmp.resolve("a/b/run");
        RunDirectory run = RunDirectory.open(out, false);
        assertTrue(Files.isDirectory(out));
        run.writeString("metrics.csv", "x\n");
        assertEquals("x\n", Files.readString(out.resolve("metrics.csv")));
    }

    @Test
    void acceptsAFolderWithUnrelatedFiles() throws IOException {
        Files.writeString(tmp.resolve("notes.txt"), "mine");
        RunDirectory.open(tmp, false);
        assertEquals("mine", Files.readString(tmp.resolve("notes.txt")));
    }

    @Test
    void refusesAnotherRunsFilesUnlessForced() throws IOException {
        Files.writeString(tmp.resolve("metrics.csv"), "old");
        Files.createDirectory(tmp.resolve("checkpoint"));
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> RunDirectory.open(tmp, false));
        assertTrue(e.getMessage().contains("checkpoint, metrics.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals("old", Files.readString(tmp.resolve("metrics.csv")), "nothing touched");
        RunDirectory run = RunDirectory.open(tmp, true);
        run.writeString("metrics.csv", "new");
        assertEquals("new", Files.readString(tmp.resolve("metrics.csv")));
    }

    @Test
    void refusesAFile() throws IOException {
        Path f = Files.writeString(tmp.resolve("file"), "");
        assertThrows(RunDirectoryException.class, () -> RunDirectory.open(f, true));
    }

    @Test
    void failedWriteKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path target = tmp.resolve("metrics.csv");
        Files.writeString(target, "old content");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old content", Files.readString(target));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(1, s.count(), "temporary file removed");
        }
    }

    @Test
    void temporaryFilesAreHiddenSiblings() {
        Path t = AtomicFiles.tempSibling(tmp.resolve("curves.png"));
        assertEquals(tmp.toAbsolutePath(), t.getParent());
        assertTrue(t.getFileName().toString().startsWith(".curves.png."));
        assertFalse(t.equals(AtomicFiles.tempSibling(tmp.resolve("curves.png"))));
    }
}
