package dev.cnnc.runtime.compile;

import dev.cnnc.runtime.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a generated source tree ({@code com/acme/LeNet5.java}, ...) under an output
 * directory, as {@code protoc --java_out} does, but safely: each file is replaced atomically,
 * a file whose content is already the same is left untouched (its timestamp too, so build
 * tools see no change), and an existing file with other content is overwritten only when
 * asked to — else nothing at all is written.
 */
public final class SourceTreeWriter {
    /** What a write did, as relative paths. */
    public record Result(List<String> written, List<String> unchanged) {
        public Result {
            written = List.copyOf(written);
            unchanged = List.copyOf(unchanged);
        }
    }

    /** Existing files with other content, which are only replaced when forced. */
    public static final class ConflictException extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient List<Path> files;

        ConflictException(List<Path> files) {
            super(files.get(0) + " exists with other content"
                    + (files.size() > 1 ? " (and " + (files.size() - 1) + " more generated files)" : ""));
            this.files = List.copyOf(files);
        }

        /** The files that exist with other content, in path order. */
        public List<Path> files() {
            return files;
        }
    }

    private SourceTreeWriter() {
    }

    /**
     * Writes {@code files} (relative path to text, UTF-8) under {@code dir}, creating directories.
     *
     * @param force overwrite existing files whose content differs
     * @throws ConflictException naming the files that exist with other content (when not
     *                           {@code force}); nothing was written then
     * @throws IOException when a file cannot be written
     */
    public static Result write(Path outputDir, Map<String, String> files, boolean force) throws IOException {
        Path dir = outputDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new NotDirectoryException(outputDir.toString());
        }
        Map<Path, byte[]> targets = new TreeMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(files).entrySet()) {
            targets.put(resolve(dir, e.getKey()), e.getValue().getBytes(StandardCharsets.UTF_8));
        }
        List<String> written = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<Path> differing = new ArrayList<>();
        for (Map.Entry<Path, byte[]> e : targets.entrySet()) {
            Path target = e.getKey();
            if (Files.isRegularFile(target) && Arrays.equals(Files.readAllBytes(target), e.getValue())) {
                unchanged.add(relative(dir, target));
            } else if (Files.exists(target)) {
                differing.add(target);
            }
        }
        if (!differing.isEmpty() && !force) {
            throw new ConflictException(differing);
        }
        for (Map.Entry<Path, byte[]> e : targets.entrySet()) {
            if (!unchanged.contains(relative(dir, e.getKey()))) {
                Files.createDirectories(e.getKey().getParent());
                AtomicFiles.write(e.getKey(), e.getValue());
                written.add(relative(dir, e.getKey()));
            }
        }
        return new Result(written, unchanged);
    }

    /** Generated paths are relative and stay inside {@code dir}; anything else is a cnnc bug. */
    private static Path resolve(Path dir, String relative) {
        Path rel = Path.of(relative);
        Path target = dir.resolve(rel).normalize();
        if (rel.isAbsolute() || !target.startsWith(dir) || target.equals(dir)) {
            throw new IllegalArgumentException("generated path escapes the output directory: " + relative);
        }
        return target;
    }

    private static String relative(Path dir, Path target) {
        return dir.relativize(target).toString().replace('\\', '/');
    }
}
