package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cnnc train} when things go wrong mid-run or between runs: a checkpoint that cannot be
 * written (reported, nothing lost, the run resumes to the uninterrupted result), a batch larger
 * than the data, and what {@code --resume} accepts from a changed spec.
 */
class TrainReliabilityTest {
    /** 90 samples, validation 0.2: 72 training samples in batches of 10, 8 training forwards per epoch. */
    private static final int FORWARDS_PER_EPOCH = 8;

    @TempDir
    Path tmp;

    Path spec;
    Path data;

    @BeforeEach
    void setUp() throws IOException {
        spec = TrainFixtures.tinySpec(tmp);
        data = TrainFixtures.idx(tmp.resolve("data"), 90, 30, 4, 3);
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> { });
    }

    @AfterEach
    void tearDown() {
        TrainCommand.factory = GeneratedModels.FACTORY;
    }

    private Cli train(Path specFile, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", specFile.toString(), "--data", data.toString(),
                "-o", out.toString()));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /** Runs {@code action} at the first training forward of epoch 2, when epoch 1 is saved. */
    private static void atEpoch2(ThrowingAction action) {
        AtomicInteger forwards = new AtomicInteger();
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> {
            if (forwards.incrementAndGet() == FORWARDS_PER_EPOCH + 1) {
                try {
                    action.run();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
    }

    @FunctionalInterface
    private interface ThrowingAction {
        void run() throws IOException;
    }

    /**
     * Works as root too: the checkpoint folder is swapped for a regular file during epoch 2, so
     * saving epoch 2 fails for any user. The saved epoch-1 checkpoint (moved aside) and every
     * run file stay byte for byte as they were, and once the folder is back, --resume ends with
     * exactly the weights of a run that never failed.
     */
    @Test
    void aCheckpointThatCannotBeWrittenIsReportedAndLosesNothing() throws Exception {
        assertEquals(0, train(spec, tmp.resolve("whole"), "--epochs", "3").code());
        Path out = tmp.resolve("run");
        Path ckpt = out.resolve("checkpoint");
        Path kept = tmp.resolve("kept-checkpoint");
        AtomicReference<Map<String, String>> before = new AtomicReference<>();
        atEpoch2(() -> {
            Files.move(ckpt, kept);
            Files.writeString(ckpt, "a file where the checkpoint folder should be");
            before.set(hashes(out, kept));
        });
        Cli failed = train(spec, out, "--epochs", "3");
        assertEquals(ExitCode.FAILURE, failed.code(), failed.toString());
        assertTrue(failed.err().contains("cnnc: cannot save the checkpoint of epoch 2 in " + ckpt + ": "),
                failed.toString());
        assertTrue(failed.err().contains("nothing is lost: it still holds epoch 1"), failed.toString());
        BadInputsCorpusTest.noTrace(failed.out() + failed.err(), failed);
        assertEquals(before.get(), hashes(out, kept), "a file of the run or the saved checkpoint changed");

        Files.delete(ckpt);
        Files.move(kept, ckpt);
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> { });
        Cli resumed = train(spec, out, "--resume");
        assertEquals(0, resumed.code(), resumed.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole/last.safetensors")),
                Files.readAllBytes(out.resolve("last.safetensors")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("whole/weights.safetensors")),
                Files.readAllBytes(out.resolve("weights.safetensors")));
    }

    /**
     * The everyday form of the failure: the checkpoint folder loses its write permission.
     * Skipped where permissions do not stop writes (root, CAP_DAC_OVERRIDE); the test above
     * covers the same path for every user.
     */
    @Test
    void aCheckpointFolderWithoutWritePermissionIsReportedAndLosesNothing() throws Exception {
        assumePermissionsHold();
        Path out = tmp.resolve("run");
        Path ckpt = out.resolve("checkpoint");
        AtomicReference<Map<String, String>> before = new AtomicReference<>();
        atEpoch2(() -> {
            Files.setPosixFilePermissions(ckpt, PosixFilePermissions.fromString("r-xr-xr-x"));
            before.set(hashes(out, ckpt));
        });
        try {
            Cli failed = train(spec, out, "--epochs", "3");
            assertEquals(ExitCode.FAILURE, failed.code(), failed.toString());
            assertTrue(failed.err().contains("cannot save the checkpoint of epoch 2 in " + ckpt
                    + ": permission denied"), failed.toString());
            assertEquals(before.get(), hashes(out, ckpt));
        } finally {
            Files.setPosixFilePermissions(ckpt, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> { });
        Cli resumed = train(spec, out, "--resume");
        assertEquals(0, resumed.code(), resumed.toString());
        assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size(), "header + epochs 1-3");
    }

    /** A run folder in a read-only folder: exit 3 naming it, and nothing created. */
    @Test
    void aRunFolderThatCannotBeCreatedIsReported() throws Exception {
        assumePermissionsHold();
        Path parent = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            Cli r = train(spec, parent.resolve("run"));
            assertEquals(ExitCode.FAILURE, r.code(), r.toString());
            assertTrue(r.err().contains("cnnc: cannot write the run folder " + parent.resolve("run")
                    + ": permission denied"), r.toString());
            BadInputsCorpusTest.noTrace(r.out() + r.err(), r);
            try (Stream<Path> s = Files.list(parent)) {
                assertEquals(0, s.count());
            }
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Skips the test where a read-only folder does not stop writes (root, CAP_DAC_OVERRIDE). */
    private void assumePermissionsHold() throws IOException {
        Path probe = Files.createDirectory(tmp.resolve("probe"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-xr-xr-x"));
        boolean permissionsHold;
        try {
            Files.createFile(probe.resolve("x"));
            permissionsHold = false;
        } catch (IOException e) {
            permissionsHold = true;
        }
        Assumptions.assumeTrue(permissionsHold, "running as root (or with CAP_DAC_OVERRIDE): a read-only"
                + " folder does not stop writes, so a permission failure cannot be made here; the test with"
                + " a file in place of the checkpoint folder covers the same path for every user");
    }

    /** SHA-256 of every file under the folders, by path. */
    private static Map<String, String> hashes(Path... dirs) throws IOException {
        Map<String, String> m = new TreeMap<>();
        for (Path dir : dirs) {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    m.put(p.toString(), HexFormat.of().formatHex(sha256(Files.readAllBytes(p))));
                }
            }
        }
        return m;
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** As PyTorch's DataLoader: a batch larger than the data is the whole data, not an out-of-memory error. */
    @Test
    void aBatchLargerThanTheDataIsTheWholeData() throws Exception {
        Cli whole = train(spec, tmp.resolve("a"), "--batch", "72");
        assertEquals(0, whole.code(), whole.toString());
        Cli huge = train(spec, tmp.resolve("b"), "--batch", "2000000000");
        assertEquals(0, huge.code(), huge.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a/last.safetensors")),
                Files.readAllBytes(tmp.resolve("b/last.safetensors")));
        assertTrue(Files.readString(tmp.resolve("b/spec.yaml")).contains("--batch 2000000000"),
                "the run records the flag as given");
        Cli eval = Cli.run("evaluate", spec.toString(), "--weights", tmp.resolve("a/weights.safetensors").toString(),
                "--data", data.toString(), "--batch", "2000000000");
        Cli eval1 = Cli.run("evaluate", spec.toString(), "--weights", tmp.resolve("a/weights.safetensors").toString(),
                "--data", data.toString(), "--batch", "7");
        assertEquals(0, eval.code(), eval.toString());
        assertEquals(eval1.out(), eval.out());
    }

    /**
     * What --resume accepts: training settings may change (epochs, lr, batch, momentum), the
     * model's parameters may not. Changing them is refused before anything is written.
     */
    @Test
    void resumeAcceptsNewTrainingSettingsButNotAnotherModel() throws Exception {
        TrainCommand.factory = GeneratedModels.FACTORY; // the real model of each spec, with its own parameters
        Path out = tmp.resolve("run");
        assertEquals(0, train(spec, out, "--epochs", "1").code());
        Path changed = Files.writeString(tmp.resolve("changed.yaml"), TrainFixtures.TINY
                .replace("lr: 0.05", "lr: 0.01").replace("batch: 10", "batch: 8"));
        Cli r = train(changed, out, "--resume", "--epochs", "3");
        assertEquals(0, r.code(), r.toString());
        assertEquals(4, Files.readAllLines(out.resolve("metrics.csv")).size(), "epochs 2 and 3 added to epoch 1");

        Map<String, String> before = hashes(out);
        Path wider = Files.writeString(tmp.resolve("wider.yaml"), TrainFixtures.TINY.replace("  - {type: conv2d, name: c1",
                "  - {type: conv2d, name: c0, filters: 2, kernel: 1}\n  - {type: conv2d, name: c1"));
        Cli refused = train(wider, out, "--resume");
        assertEquals(ExitCode.INVALID_INPUT, refused.code(), refused.toString());
        assertTrue(refused.err().contains(out.resolve("checkpoint") + ": this checkpoint was made from a different"
                + " model"), refused.toString());
        assertTrue(refused.err().contains("tensor 'c1.weight' has shape [3, 1, 4, 4], the spec's model expects"
                + " [3, 2, 4, 4]"), refused.toString());
        assertTrue(refused.err().contains("missing tensor 'c0.weight'"), refused.toString());
        Path sgd = Files.writeString(tmp.resolve("sgd.yaml"), TrainFixtures.TINY.replace("type: adam", "type: sgd"));
        Cli other = train(sgd, out, "--resume");
        assertEquals(ExitCode.INVALID_INPUT, other.code(), other.toString());
        assertTrue(other.err().contains("holds the state of the adam optimizer, but the spec's train.optimizer"
                + " is sgd"), other.toString());
        assertEquals(before, hashes(out), "a refused --resume changes nothing");
        assertFalse(refused.err().contains("Exception"), refused.toString());
    }

    /** SGD without momentum, resumed with momentum: the buffer starts at the next step, as in PyTorch. */
    @Test
    void momentumMayBeSwitchedOnWhenResuming() throws Exception {
        Path plain = Files.writeString(tmp.resolve("sgd.yaml"), TrainFixtures.TINY
                .replace("{type: adam, lr: 0.05}", "{type: sgd, lr: 0.05}"));
        Path momentum = Files.writeString(tmp.resolve("sgdm.yaml"), TrainFixtures.TINY
                .replace("{type: adam, lr: 0.05}", "{type: sgd, lr: 0.05, momentum: 0.9}"));
        Path out = tmp.resolve("run");
        assertEquals(0, train(plain, out, "--epochs", "1").code());
        Cli r = train(momentum, out, "--resume", "--epochs", "2");
        assertEquals(0, r.code(), r.toString());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());
    }
}
