package dev.cnnc.runtime;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Short, user-facing reasons for I/O failures (the path is printed by the caller). */
public final class IoErrors {
    private IoErrors() {
    }

    /**
     * The reason without the path, e.g. {@code no such file}, {@code permission denied}:
     * NIO's messages are often just the path itself, which says nothing.
     */
    public static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return lowerFirst(f.getReason());
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /**
     * Why {@code target} could not be written: as {@link #describe}, except that a missing
     * parent directory is named ({@code directory out does not exist}) rather than reported
     * as a missing file.
     */
    public static String describeWrite(Path target, IOException e) {
        Path parent = target.toAbsolutePath().getParent();
        if (e instanceof NoSuchFileException && parent != null && !Files.isDirectory(parent)) {
            Path shown = target.getParent() != null ? target.getParent() : parent;
            return "directory " + shown + " does not exist";
        }
        return describe(e);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
