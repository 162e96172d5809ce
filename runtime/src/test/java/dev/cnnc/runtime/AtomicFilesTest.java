package dev.cnnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesAndKeepsPermissions() throws Exception {
        Path target = dir.resolve("out.txt");
        Files.writeString(target, "old");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(target, "new ü");
        assertEquals("new ü", Files.readString(target));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals(List.of(target), list());
    }

    @Test
    void newFilesAreWorldReadable() throws Exception {
        Path target = dir.resolve("new.txt");
        AtomicFiles.writeString(target, "x");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    }

    @Test
    void diskFullMidWriteKeepsTheOldFileAndLeavesNothing() throws Exception {
        // what a full disk looks like to the writer: ENOSPC after some bytes reached the temporary file
        Path target = dir.resolve("weights.safetensors");
        Files.writeString(target, "the previous result");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[3 << 20]);
            throw new java.io.IOException("No space left on device");
        }));
        assertEquals("No space left on device", e.getMessage());
        assertEquals("the previous result", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void missingDirectoryFailsWithoutLeftovers() throws Exception {
        assertThrows(NoSuchFileException.class, () -> AtomicFiles.writeString(dir.resolve("a/b.txt"), "x"));
        assertEquals(List.of(), list());
    }

    private List<Path> list() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.toList();
        }
    }
}
