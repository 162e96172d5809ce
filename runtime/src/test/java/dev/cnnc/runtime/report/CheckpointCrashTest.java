package dev.cnnc.runtime.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that saves checkpoints in a loop with SIGKILL at several moments and checks
 * that the folder always loads a complete, consistent checkpoint.
 */
class CheckpointCrashTest {
    /** Big enough that a save takes a few milliseconds, so kills land mid-save. */
    static final ParamLayout BIG = ParamLayout.packed(List.of(
            new ParamLayout.Entry("w", new int[] {512, 1024}, ParamTensor.Kind.WEIGHT)));

    @TempDir
    Path tmp;

    @Test
    void sigkillDuringSavesNeverCorruptsTheCheckpoint() throws Exception {
        for (int round = 0; round < 3; round++) {
            Path dir = tmp.resolve("run" + round);
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString())
                    .redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            int saved = 0;
            while (saved < 2 + round) {
                String line = out.readLine();
                assertTrue(line != null && line.startsWith("saved "), "child said: " + line);
                saved = Integer.parseInt(line.substring(6));
            }
            Thread.sleep(7L * round);
            p.destroyForcibly(); // SIGKILL on POSIX
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            Checkpoint c = new CheckpointStore(dir).load(BIG);
            assertTrue(c.epochsDone() >= saved, c.epochsDone() + " < " + saved);
            float[] params = c.params();
            for (float v : params) {
                assertEquals(c.epochsDone(), v, 0f, "params belong to the epoch the state names");
            }
            assertEquals(c.epochsDone(), c.history().size());
            assertEquals(c.epochsDone(), c.optimizer().steps());
        }
    }

    /** The process that gets killed: saves epochs 1, 2, 3, ... until killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            CheckpointStore store = new CheckpointStore(Path.of(args[0]));
            for (int e = 1; e < 10_000; e++) {
                store.save(CheckpointStoreTest.checkpoint(BIG, e), BIG);
                System.out.println("saved " + e);
                System.out.flush();
            }
        }
    }
}
