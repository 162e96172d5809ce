package dev.cnnc.runtime.report;

import dev.cnnc.runtime.AtomicFiles;
import dev.cnnc.runtime.safetensors.SafetensorsException;
import dev.cnnc.runtime.safetensors.SafetensorsReader;
import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.safetensors.Tensor;
import dev.cnnc.runtime.safetensors.Tensors;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.OptimizerState;
import dev.cnnc.runtime.train.ParamLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Saves and loads {@link Checkpoint}s in a folder ({@code OUT/checkpoint}) so that a crash at any
 * moment, even SIGKILL in the middle of a save, leaves the previous checkpoint loadable.
 *
 * <p>Layout:
 * <pre>
 * checkpoint/LATEST                       the name of the current version folder, one line
 * checkpoint/epoch-000005-1a2b3c4d/       one complete version:
 *     params.safetensors                    the parameters, names and shapes of the layout
 *     optimizer.safetensors                 the optimizer buffers as 1-D tensors
 *     state.properties                      epoch, seed, optimizer type and steps, early stopping, info.*
 *     metrics.csv                           the metrics so far, exact values
 * </pre>
 * A save writes a new version into a hidden temporary folder, forces every file to disk, renames
 * the folder to its final name, then replaces {@code LATEST} atomically (temp file + ATOMIC_MOVE),
 * and only then deletes older versions. {@code LATEST} is the commit point: until it is replaced,
 * a load reads the previous version, which is never modified.
 */
public final class CheckpointStore {
    /** The pointer file naming the current version. */
    public static final String LATEST = "LATEST";
    /** The format version written into state.properties. */
    public static final int FORMAT = 1;

    static final String PARAMS = "params.safetensors";
    static final String OPTIMIZER = "optimizer.safetensors";
    static final String STATE = "state.properties";
    static final String METRICS = "metrics.csv";
    private static final String TMP_PREFIX = ".tmp-";

    /** A hook between the steps of a save; tests use it to simulate a crash. */
    @FunctionalInterface
    interface Hook {
        void at(String step) throws IOException;
    }

    private final Path dir;
    private final Hook hook;

    /** Creates a store for the folder {@code dir} (created on the first save). */
    public CheckpointStore(Path dir) {
        this(dir, step -> { });
    }

    CheckpointStore(Path dir, Hook hook) {
        this.dir = dir;
        this.hook = hook;
    }

    /** Returns the folder. */
    public Path dir() {
        return dir;
    }

    /** Returns true when the folder holds a committed checkpoint. */
    public boolean exists() {
        return Files.isRegularFile(dir.resolve(LATEST));
    }

    /** Writes {@code checkpoint} as the new current version; see the class comment for the steps. */
    public void save(Checkpoint checkpoint, ParamLayout layout) throws IOException {
        Files.createDirectories(dir);
        String name = String.format("epoch-%06d-%08x", checkpoint.epochsDone(),
                ThreadLocalRandom.current().nextInt());
        Path tmp = dir.resolve(TMP_PREFIX + name);
        Files.createDirectory(tmp);
        SafetensorsWriter.write(tmp.resolve(PARAMS), layout.toTensors(checkpoint.params()));
        hook.at(PARAMS);
        SafetensorsWriter.write(tmp.resolve(OPTIMIZER), optimizerTensors(checkpoint.optimizer()));
        AtomicFiles.writeString(tmp.resolve(METRICS), MetricsCsv.renderExact(checkpoint.history()));
        AtomicFiles.writeString(tmp.resolve(STATE), CheckpointState.render(checkpoint));
        hook.at(STATE);
        syncDirectory(tmp);
        Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(dir);
        hook.at("rename");
        AtomicFiles.writeString(dir.resolve(LATEST), name + "\n");
        syncDirectory(dir);
        hook.at(LATEST);
        deleteAllBut(name);
    }

    /**
     * Loads the current version and checks it against the layout.
     *
     * @throws CheckpointException when there is no committed checkpoint, a file is missing or
     *     malformed, or the tensors do not fit the layout
     */
    public Checkpoint load(ParamLayout layout) throws CheckpointException, IOException {
        Path version = currentVersion();
        String label = version.toString();
        float[] params;
        try {
            Tensors saved = SafetensorsReader.read(version.resolve(PARAMS));
            requireSameModel(saved, layout);
            params = layout.fromTensors(version.resolve(PARAMS).toString(), saved);
        } catch (SafetensorsException e) {
            throw new CheckpointException(label, e.getMessage());
        } catch (NoSuchFileException e) {
            throw CheckpointException.incomplete(label, PARAMS + " is missing");
        }
        Map<String, float[]> buffers = readBuffers(version, layout.size());
        return CheckpointState.parse(label, read(version, STATE), read(version, METRICS), params, buffers);
    }

    /**
     * The rule of {@code --resume} (docs/training.md): the checkpoint continues the same model
     * when its parameters have exactly the model's names and shapes, as PyTorch's strict
     * {@code load_state_dict} requires. Anything else (training settings, activations, dropout
     * rates) may change between the runs.
     *
     * @throws CheckpointException listing every parameter that differs, and the ways out
     */
    private void requireSameModel(Tensors saved, ParamLayout layout) throws CheckpointException {
        List<String> differences = saved.mismatches(layout.shapes());
        if (differences.isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        problems.add("this checkpoint was made from a different model: --resume continues a run of the same"
                + " model (the same parameter names and shapes; training settings such as epochs, lr and batch"
                + " may change), and the parameters differ:");
        for (String d : differences) {
            problems.add("  " + d.replace("the file has", "the checkpoint has")
                    .replace("the model", "the spec's model"));
        }
        problems.add("to train this spec from the start, use another -o (or --force without --resume)");
        throw new CheckpointException(dir.toString(), problems);
    }

    /** Returns the version folder {@code LATEST} names. */
    Path currentVersion() throws CheckpointException, IOException {
        Path latest = dir.resolve(LATEST);
        if (!Files.isRegularFile(latest)) {
            throw new CheckpointException(dir.toString(), "no checkpoint here (" + LATEST + " is missing);"
                    + " --resume takes the checkpoint folder of an earlier run, OUT/checkpoint");
        }
        String name = Files.readString(latest).strip();
        if (!isVersionName(name) || !Files.isDirectory(dir.resolve(name))) {
            throw new CheckpointException(latest.toString(), "names '" + name + "', which is not a checkpoint folder");
        }
        return dir.resolve(name);
    }

    private static Tensors optimizerTensors(OptimizerState state) {
        Tensors.Builder b = Tensors.builder().metadata("type", state.type())
                .metadata("steps", Long.toString(state.steps()));
        state.buffers().forEach((k, v) -> b.put(k, new Tensor(new int[] {v.length}, v)));
        return b.build();
    }

    private static Map<String, float[]> readBuffers(Path version, int size) throws CheckpointException, IOException {
        Path file = version.resolve(OPTIMIZER);
        Tensors t;
        try {
            t = SafetensorsReader.read(file);
        } catch (SafetensorsException e) {
            throw new CheckpointException(version.toString(), e.getMessage());
        } catch (NoSuchFileException e) {
            throw CheckpointException.incomplete(version.toString(), OPTIMIZER + " is missing");
        }
        Map<String, float[]> out = new LinkedHashMap<>();
        for (String name : t.names()) {
            float[] v = t.get(name).values();
            if (v.length != size) {
                throw new CheckpointException(file.toString(), "optimizer buffer " + name + " has " + v.length
                        + " values, the model has " + size + " parameters");
            }
            out.put(name, v);
        }
        return out;
    }

    private static String read(Path version, String file) throws CheckpointException, IOException {
        try {
            return Files.readString(version.resolve(file));
        } catch (NoSuchFileException e) {
            throw CheckpointException.incomplete(version.toString(), file + " is missing");
        }
    }

    private void deleteAllBut(String keep) {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                if (!n.equals(keep) && Files.isDirectory(p) && (n.startsWith("epoch-") || n.startsWith(TMP_PREFIX))) {
                    deleteTree(p);
                }
            }
        } catch (IOException e) {
            // best effort: an old version left behind costs disk space, never correctness
        }
    }

    private static void deleteTree(Path p) throws IOException {
        try (DirectoryStream<Path> s = Files.newDirectoryStream(p)) {
            for (Path c : s) {
                Files.deleteIfExists(c);
            }
        }
        Files.deleteIfExists(p);
    }

    /** Forces a directory's entries to disk where the platform allows it (Linux does; others ignore). */
    private static void syncDirectory(Path d) {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(d,
                java.nio.file.StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not supported for directories on this platform; the renames are still atomic
        }
    }

    /** Returns true for a version folder name, {@code epoch-NNNNNN-XXXXXXXX}. */
    static boolean isVersionName(String n) {
        return n.matches("epoch-\\d{6}-[0-9a-f]{8}");
    }
}
