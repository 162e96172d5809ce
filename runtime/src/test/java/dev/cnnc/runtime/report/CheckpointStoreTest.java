package dev.cnnc.runtime.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.train.Adam;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.Optimizer;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checkpoint round trip, replacement, and crashes at every step of a save. */
class CheckpointStoreTest {
    static final ParamLayout LAYOUT = ParamLayout.packed(List.of(
            new ParamLayout.Entry("c1.weight", new int[] {4, 1, 3, 3}, ParamTensor.Kind.WEIGHT),
            new ParamLayout.Entry("c1.bias", new int[] {4}, ParamTensor.Kind.BIAS),
            new ParamLayout.Entry("bn.running_var", new int[] {4}, ParamTensor.Kind.RUNNING_VAR)));

    @TempDir
    Path tmp;

    /** A checkpoint after {@code epochs} epochs whose every parameter equals {@code epochs}. */
    static Checkpoint checkpoint(ParamLayout layout, int epochs) {
        float[] p = new float[layout.size()];
        Arrays.fill(p, epochs);
        Optimizer opt = new Adam(layout, 0.9, 0.999, 1e-8, 0);
        float[] g = new float[layout.size()];
        Arrays.fill(g, 0.5f);
        float[] scratch = p.clone();
        for (int i = 0; i < epochs; i++) {
            opt.step(scratch, g, 1e-3);
        }
        List<EpochMetrics> history = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            history.add(e % 2 == 0 ? EpochMetrics.of(e, 1.0 / e, 0.5, 1.1 / e, 0.4, 1e-3, 0.25 * e)
                    : EpochMetrics.withoutValidation(e, 1.0 / e, 0.5, 1e-3, 0.1));
        }
        return new Checkpoint(epochs, 42L, p, opt.exportState(), history, Math.max(0, epochs - 1),
                epochs == 0 ? Double.NaN : 1.1 / epochs, 1, Map.of("spec_sha256", "abc", "epochs", "10"));
    }

    @Test
    void roundTripsEveryField() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp.resolve("checkpoint"));
        Checkpoint c = checkpoint(LAYOUT, 3);
        store.save(c, LAYOUT);
        assertTrue(store.exists());
        assertEquals(c, store.load(LAYOUT));
    }

    @Test
    void aNewSaveReplacesTheOldAndCleansUp() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        store.save(checkpoint(LAYOUT, 1), LAYOUT);
        store.save(checkpoint(LAYOUT, 2), LAYOUT);
        assertEquals(2, store.load(LAYOUT).epochsDone());
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(2, names.size(), names.toString());
            assertEquals(CheckpointStore.LATEST, names.get(0));
            assertTrue(names.get(1).startsWith("epoch-000002-"), names.toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {CheckpointStore.PARAMS, CheckpointStore.STATE, "rename"})
    void aCrashBeforeTheCommitLeavesThePreviousCheckpoint(String step) throws Exception {
        new CheckpointStore(tmp).save(checkpoint(LAYOUT, 1), LAYOUT);
        CheckpointStore crashing = new CheckpointStore(tmp, at -> {
            if (at.equals(step)) {
                throw new IOException("simulated crash after " + at);
            }
        });
        assertThrows(IOException.class, () -> crashing.save(checkpoint(LAYOUT, 2), LAYOUT));
        Checkpoint loaded = new CheckpointStore(tmp).load(LAYOUT);
        assertEquals(checkpoint(LAYOUT, 1), loaded);
        // and the next save succeeds and removes the debris
        new CheckpointStore(tmp).save(checkpoint(LAYOUT, 3), LAYOUT);
        assertEquals(3, new CheckpointStore(tmp).load(LAYOUT).epochsDone());
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(2, s.count());
        }
    }

    @Test
    void aCrashAfterTheCommitGivesTheNewCheckpoint() throws Exception {
        new CheckpointStore(tmp).save(checkpoint(LAYOUT, 1), LAYOUT);
        CheckpointStore crashing = new CheckpointStore(tmp, at -> {
            if (at.equals(CheckpointStore.LATEST)) {
                throw new IOException("simulated crash before cleanup");
            }
        });
        assertThrows(IOException.class, () -> crashing.save(checkpoint(LAYOUT, 2), LAYOUT));
        assertEquals(checkpoint(LAYOUT, 2), new CheckpointStore(tmp).load(LAYOUT));
    }

    @Test
    void partialFilesOfAnInterruptedSaveAreIgnored() throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        store.save(checkpoint(LAYOUT, 1), LAYOUT);
        // what a SIGKILL mid-write leaves: a half-written version folder and a half-written pointer
        Path partial = Files.createDirectory(tmp.resolve(".tmp-epoch-000002-deadbeef"));
        Files.write(partial.resolve(CheckpointStore.PARAMS), new byte[] {1, 2, 3});
        Files.writeString(tmp.resolve(".LATEST.0123.tmp"), "epoch-0000");
        assertEquals(checkpoint(LAYOUT, 1), store.load(LAYOUT));
    }

    @Test
    void missingCheckpointIsAUserError() {
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(tmp).load(LAYOUT));
        assertTrue(e.getMessage().contains("no checkpoint here"), e.getMessage());
    }

    /** A checkpoint folder that lost one of its files names the file and what to do instead. */
    @ParameterizedTest
    @ValueSource(strings = {CheckpointStore.PARAMS, CheckpointStore.OPTIMIZER, CheckpointStore.STATE,
            CheckpointStore.METRICS})
    void anIncompleteCheckpointSaysWhatIsMissingAndWhatToDo(String file) throws Exception {
        CheckpointStore store = new CheckpointStore(tmp);
        store.save(checkpoint(LAYOUT, 2), LAYOUT);
        Path version = tmp.resolve(Files.readString(tmp.resolve(CheckpointStore.LATEST)).trim());
        Files.delete(version.resolve(file));
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(tmp).load(LAYOUT));
        assertTrue(e.getMessage().contains("incomplete checkpoint: " + file + " is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("train from the start with another -o"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherModelIsRejectedWithTheShapes() throws Exception {
        new CheckpointStore(tmp).save(checkpoint(LAYOUT, 1), LAYOUT);
        ParamLayout other = ParamLayout.packed(List.of(
                new ParamLayout.Entry("c1.weight", new int[] {8, 1, 3, 3}, ParamTensor.Kind.WEIGHT),
                new ParamLayout.Entry("c1.bias", new int[] {8}, ParamTensor.Kind.BIAS),
                new ParamLayout.Entry("bn.running_var", new int[] {4}, ParamTensor.Kind.RUNNING_VAR)));
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(tmp).load(other));
        assertTrue(e.getMessage().contains("c1.weight"), e.getMessage());
    }

    @Test
    void loadedOptimizerStateResumesTheOptimizer() throws Exception {
        Checkpoint c = checkpoint(LAYOUT, 2);
        new CheckpointStore(tmp).save(c, LAYOUT);
        Optimizer resumed = new Adam(LAYOUT, 0.9, 0.999, 1e-8, 0);
        resumed.importState(new CheckpointStore(tmp).load(LAYOUT).optimizer());
        assertEquals(2, resumed.steps());
        assertArrayEquals(c.optimizer().buffer(Adam.EXP_AVG), resumed.exportState().buffer(Adam.EXP_AVG));
    }
}
