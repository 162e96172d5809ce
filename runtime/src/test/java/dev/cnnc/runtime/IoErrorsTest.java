package dev.cnnc.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoErrorsTest {
    @Test
    void namesTheReasonNotThePath() {
        assertEquals("no such file", IoErrors.describe(new NoSuchFileException("/a/b")));
        assertEquals("permission denied", IoErrors.describe(new AccessDeniedException("/a/b")));
        assertEquals("read-only file system",
                IoErrors.describe(new FileSystemException("/a/b", null, "Read-only file system")));
        assertEquals("disk full", IoErrors.describe(new IOException("disk full")));
    }

    @Test
    void aMissingDirectoryIsNamedWhenWriting(@TempDir Path dir) {
        Path target = dir.resolve("missing/out.json");
        assertEquals("directory " + dir.resolve("missing") + " does not exist",
                IoErrors.describeWrite(target, new NoSuchFileException(target.toString())));
        assertEquals("no such file",
                IoErrors.describeWrite(dir.resolve("x.json"), new NoSuchFileException("x.json")));
    }
}
