package dev.cnnc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a real {@code cnnc train} process: exit code 130, the finished epochs checkpointed. */
class TrainSignalTest {
    @TempDir
    Path tmp;

    /** The longest the child may train before the test gives up (it normally takes a few seconds). */
    private static final long WATCHDOG_SECONDS = 120;

    @Test
    @EnabledOnOs({OS.LINUX, OS.MAC})
    void sigintSavesTheCheckpointAndExits130() throws Exception {
        // A process started in the background by a non-interactive shell (nohup, `cmd &`) ignores
        // SIGINT, and so do its children: the JVM then installs no handler and Ctrl-C cannot reach
        // cnnc. Nothing to test there; without this check the child would train 100000 epochs.
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started in the background?), "
                + "so the child cannot receive it");
        Path spec = TrainFixtures.tinySpec(tmp);
        Path data = TrainFixtures.idx(tmp.resolve("data"), 90, 30, 4, 3);
        Path out = tmp.resolve("run");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                TrainChild.class.getName(), "train", spec.toString(), "--data", data.toString(), "-o", out.toString(),
                "--epochs", "100000").redirectErrorStream(true).start();
        StringBuilder log = new StringBuilder();
        // never hang the build: a child that outlives the watchdog is killed, and the asserts below fail
        Thread watchdog = new Thread(() -> {
            try {
                if (!p.waitFor(WATCHDOG_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }, "train-signal-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                log.append(line).append('\n');
                if (line.startsWith("epoch 2/")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
                }
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), log.toString());
        } finally {
            p.destroyForcibly();
        }
        assertEquals(130, p.exitValue(), log.toString());
        assertTrue(log.toString().contains("cnnc: interrupted; epochs 1-"), log.toString());
        assertTrue(Files.isRegularFile(out.resolve("checkpoint/LATEST")), log.toString());
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertTrue(metrics.size() >= 3, "at least 2 epochs saved: " + metrics);
    }

    /** Whether this process ignores SIGINT (Linux: bit 1 of SigIgn in /proc/self/status); false when unknown. */
    private static boolean sigintIgnored() throws java.io.IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long mask = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                return (mask & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
