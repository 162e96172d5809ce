package dev.cnnc.runtime.report;

import dev.cnnc.runtime.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The output folder of {@code cnnc train -o OUT} (contract §2), with its overwrite policy and
 * atomic writers.
 *
 * <p>{@link #open} creates the folder (and its parents) if missing. If it already holds any of
 * the files a run writes ({@link #RUN_FILES}), it is refused unless {@code force} is set, so one
 * run never silently clobbers another; other files in the folder are ignored. With
 * {@code force}, files are replaced one by one as the new run writes them (nothing is deleted
 * up front). Every file is written through {@link AtomicFiles}.
 */
public final class RunDirectory {
    /** The names a training run writes into its folder. */
    public static final List<String> RUN_FILES = List.of("spec.yaml", "weights.safetensors", "last.safetensors",
            "checkpoint", "metrics.csv", "curves.png", "confusion.csv", "kernels.png", "src");

    private final Path dir;

    private RunDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens {@code dir} as the output folder of a new run.
     *
     * @param force replace another run's files instead of refusing
     * @throws RunDirectoryException when {@code dir} is not a folder, or holds run files and
     *     {@code force} is false; the message names the files and the way out
     * @throws IOException when the folder cannot be created
     */
    public static RunDirectory open(Path dir, boolean force) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir + ": exists and is not a folder; choose another -o");
        }
        Files.createDirectories(dir);
        List<String> found = existingRunFiles(dir);
        if (!found.isEmpty() && !force) {
            throw new RunDirectoryException(dir + ": already holds the results of another run ("
                    + String.join(", ", found) + "); pass --force to overwrite them, choose another -o,"
                    + " or use --resume " + dir.resolve("checkpoint") + " to continue that run");
        }
        return new RunDirectory(dir);
    }

    /** Opens an existing run folder for resuming, without the overwrite check. */
    public static RunDirectory resume(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir + ": not a folder, so there is no run here to resume; --resume"
                    + " continues the run in its -o folder (drop --resume to start a new run)");
        }
        return new RunDirectory(dir);
    }

    /** Returns the run files already present in {@code dir}, in {@link #RUN_FILES} order. */
    public static List<String> existingRunFiles(Path dir) {
        List<String> found = new ArrayList<>();
        for (String name : RUN_FILES) {
            if (Files.exists(dir.resolve(name))) {
                found.add(name);
            }
        }
        return found;
    }

    /** Returns the folder. */
    public Path dir() {
        return dir;
    }

    /** Returns the path of a file in the folder. */
    public Path resolve(String name) {
        return dir.resolve(name);
    }

    /** Returns the checkpoint folder, {@code OUT/checkpoint}. */
    public Path checkpointDir() {
        return dir.resolve("checkpoint");
    }

    /** Atomically writes a UTF-8 text file in the folder. */
    public void writeString(String name, String text) throws IOException {
        AtomicFiles.writeString(dir.resolve(name), text);
    }

    /** Atomically writes a file in the folder. */
    public void write(String name, byte[] bytes) throws IOException {
        AtomicFiles.write(dir.resolve(name), bytes);
    }

    /** Atomically writes a file in the folder from a stream writer. */
    public void write(String name, AtomicFiles.Content content) throws IOException {
        AtomicFiles.write(dir.resolve(name), content);
    }
}
