package dev.cnnc.runtime.report;

import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.OptimizerState;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** The scalar part of a checkpoint: {@code state.properties} and {@code metrics.csv}. */
final class CheckpointState {
    private CheckpointState() {
    }

    /** Returns the properties text: sorted keys, no date comment. */
    static String render(Checkpoint c) {
        Map<String, String> m = new TreeMap<>();
        m.put("format", Integer.toString(CheckpointStore.FORMAT));
        m.put("epochs_done", Integer.toString(c.epochsDone()));
        m.put("seed", Long.toString(c.seed()));
        m.put("rng", "derived-from-seed-v1");
        m.put("optimizer.type", c.optimizer().type());
        m.put("optimizer.steps", Long.toString(c.optimizer().steps()));
        m.put("best_epoch", Integer.toString(c.bestEpoch()));
        m.put("best_value", Double.toString(c.bestValue()));
        m.put("epochs_since_best", Integer.toString(c.epochsSinceBest()));
        c.info().forEach((k, v) -> m.put("info." + k, v));
        Properties p = new Properties();
        p.putAll(m);
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder sb = new StringBuilder("# cnnc checkpoint\n");
        w.toString().lines().filter(l -> !l.startsWith("#")).sorted().forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** Rebuilds a checkpoint from its files. */
    static Checkpoint parse(String label, String state, String metrics, float[] params, Map<String, float[]> buffers)
            throws CheckpointException {
        Properties p = new Properties();
        try {
            p.load(new StringReader(state));
            int format = Integer.parseInt(need(p, "format"));
            if (format != CheckpointStore.FORMAT) {
                throw new CheckpointException(label, "checkpoint format " + format + " is not supported (this cnnc"
                        + " reads format " + CheckpointStore.FORMAT + ")");
            }
            Map<String, String> info = new TreeMap<>();
            for (String k : p.stringPropertyNames()) {
                if (k.startsWith("info.")) {
                    info.put(k.substring(5), p.getProperty(k));
                }
            }
            OptimizerState opt = new OptimizerState(need(p, "optimizer.type"),
                    Long.parseLong(need(p, "optimizer.steps")), buffers);
            List<EpochMetrics> history = MetricsCsv.parse(metrics);
            return new Checkpoint(Integer.parseInt(need(p, "epochs_done")), Long.parseLong(need(p, "seed")), params,
                    opt, history, Integer.parseInt(need(p, "best_epoch")),
                    Double.parseDouble(need(p, "best_value")), Integer.parseInt(need(p, "epochs_since_best")), info);
        } catch (IOException | IllegalArgumentException e) {
            throw new CheckpointException(label, "malformed checkpoint state: " + e.getMessage());
        }
    }

    private static String need(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(CheckpointStore.STATE + " lacks '" + key + "'");
        }
        return v;
    }
}
