package dev.cnnc.runtime.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The two progress displays and the choice between them. */
class ProgressTest {
    @Test
    void choosesTheBarOnlyForAConsoleOutsideCi() {
        assertTrue(ProgressListener.interactive(true, null));
        assertTrue(ProgressListener.interactive(true, "false"));
        assertFalse(ProgressListener.interactive(true, "true"));
        assertFalse(ProgressListener.interactive(true, "TRUE"));
        assertFalse(ProgressListener.interactive(false, null));
    }

    @Test
    void linesOnePerEpochWithThroughput() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (LineProgress p = new LineProgress(new PrintStream(buf, true, StandardCharsets.UTF_8))) {
            p.epochStarted(1, 2, 10, 1000);
            for (int b = 1; b <= 10; b++) {
                p.batchFinished(b, b * 100, 0.5, 0.8);
            }
            p.epochFinished(EpochMetrics.of(1, 0.51234, 0.8, 0.4, 0.85, 0.001, 2.0));
            p.epochStarted(2, 2, 10, 1000);
            p.epochFinished(EpochMetrics.withoutValidation(2, 0.3, 0.9, 0.0005, 4.0));
        }
        String[] lines = buf.toString(StandardCharsets.UTF_8).split("\\R");
        assertEquals(2, lines.length);
        assertEquals("epoch 1/2  loss 0.5123  acc 0.8000  val_loss 0.4000  val_acc 0.8500  lr 0.001000  2.0s"
                + "  500 samples/s", lines[0]);
        assertEquals("epoch 2/2  loss 0.3000  acc 0.9000  lr 0.0005000  4.0s  250 samples/s", lines[1]);
        assertFalse(buf.toString(StandardCharsets.UTF_8).contains("\r"));
    }

    @Test
    void barShowsBatchesLossAccuracyAndSpeedThenASummaryLine() {
        List<String> renders = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (TerminalProgress p = new TerminalProgress(new PrintStream(buf, true, StandardCharsets.UTF_8), renders::add)) {
            p.epochStarted(3, 10, 4, 256);
            for (int b = 1; b <= 4; b++) {
                p.batchFinished(b, b * 64, 1.0 / b, 0.25 * b);
            }
            p.epochFinished(EpochMetrics.withoutValidation(3, 0.25, 1.0, 0.01, 1.0));
        }
        String last = renders.get(renders.size() - 1);
        assertTrue(last.startsWith("epoch 3/10"), last);
        assertTrue(last.contains("4/4"), last);
        assertTrue(last.contains("loss 0.2500 acc 1.0000"), last);
        assertTrue(last.matches(".* \\d+/s"), last);
        assertTrue(buf.toString(StandardCharsets.UTF_8).startsWith("epoch 3/10  loss 0.2500  acc 1.0000"));
    }
}
