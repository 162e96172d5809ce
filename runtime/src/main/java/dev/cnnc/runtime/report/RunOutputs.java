package dev.cnnc.runtime.report;

import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import dev.cnnc.runtime.train.TrainingObserver;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Writes the files of contract §2 into the run folder as training proceeds.
 *
 * <p>After every epoch: {@code checkpoint/} (see {@link CheckpointStore}), {@code last.safetensors},
 * {@code weights.safetensors} (when the epoch is the best on validation data so far, or every epoch
 * when there is no validation data, so it holds the last), {@code metrics.csv} and
 * {@code curves.png}. At the end ({@link #finish}): {@code confusion.csv} and {@code kernels.png}.
 * Each file is replaced atomically. A plot that cannot be drawn is reported through the warning
 * sink and does not stop training.
 */
public final class RunOutputs implements TrainingObserver {
    private final RunDirectory dir;
    private final ParamLayout layout;
    private final CheckpointStore checkpoints;
    private final Consumer<String> warnings;

    /** Creates the writer for a run folder; {@code warnings} receives one line per plot failure. */
    public RunOutputs(RunDirectory dir, ParamLayout layout, Consumer<String> warnings) {
        this.dir = dir;
        this.layout = layout;
        this.checkpoints = new CheckpointStore(dir.checkpointDir());
        this.warnings = warnings;
    }

    /** Returns the store of {@code OUT/checkpoint}. */
    public CheckpointStore checkpoints() {
        return checkpoints;
    }

    @Override
    public void epochCompleted(Checkpoint c, boolean best) throws IOException {
        checkpoints.save(c, layout);
        float[] params = c.params();
        SafetensorsWriter.write(dir.resolve("last.safetensors"), layout.toTensors(params));
        List<EpochMetrics> history = c.history();
        boolean validated = !history.isEmpty() && history.get(history.size() - 1).hasValidation();
        if (best || !validated) {
            SafetensorsWriter.write(dir.resolve("weights.safetensors"), layout.toTensors(params));
        }
        dir.writeString("metrics.csv", MetricsCsv.render(history));
        try {
            dir.write("curves.png", CurvesPlot.png(history));
        } catch (IOException e) {
            warnings.accept("warning: " + e.getMessage());
        }
    }

    /**
     * Writes the end-of-run files: {@code confusion.csv} from {@code matrix} and, when the model
     * has a convolution, {@code kernels.png} of its first one.
     */
    public void finish(float[] params, ConfusionMatrix matrix, List<String> classNames) throws IOException {
        dir.writeString("confusion.csv", matrix.toCsv(classNames));
        Optional<ParamTensor> conv = KernelImage.firstConvWeight(layout);
        if (conv.isPresent()) {
            try {
                dir.write("kernels.png", KernelImage.png(params, conv.get()));
            } catch (IOException e) {
                warnings.accept("warning: " + e.getMessage());
            }
        }
    }
}
