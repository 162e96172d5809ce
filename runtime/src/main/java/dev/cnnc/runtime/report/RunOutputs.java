package dev.cnnc.runtime.report;

import dev.cnnc.runtime.IoErrors;
import dev.cnnc.runtime.safetensors.SafetensorsWriter;
import dev.cnnc.runtime.train.Checkpoint;
import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.ParamLayout;
import dev.cnnc.runtime.train.ParamTensor;
import dev.cnnc.runtime.train.TrainingObserver;
import java.io.IOException;
import java.nio.file.FileSystemException;
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
        int epoch = c.epochsDone();
        try {
            checkpoints.save(c, layout);
        } catch (IOException e) {
            throw new RunDirectoryException("cannot save the checkpoint of epoch " + epoch + " in "
                    + checkpoints.dir() + ": " + reason(e) + "; " + (epoch > 1 ? "nothing is lost: it still holds"
                    + " epoch " + (epoch - 1) + ", and the other files of the run are those of epoch " + (epoch - 1)
                    + "; fix the problem and continue with --resume" : "no epoch was saved"), e);
        }
        List<EpochMetrics> history = c.history();
        try {
            float[] params = c.params();
            SafetensorsWriter.write(dir.resolve("last.safetensors"), layout.toTensors(params));
            boolean validated = !history.isEmpty() && history.get(history.size() - 1).hasValidation();
            if (best || !validated) {
                SafetensorsWriter.write(dir.resolve("weights.safetensors"), layout.toTensors(params));
            }
            dir.writeString("metrics.csv", MetricsCsv.render(history));
        } catch (IOException e) {
            throw new RunDirectoryException("cannot write the files of epoch " + epoch + " in " + dir.dir() + ": "
                    + reason(e) + "; the checkpoint of epoch " + epoch + " is saved in " + checkpoints.dir()
                    + ": fix the problem and continue with --resume", e);
        }
        try {
            dir.write("curves.png", CurvesPlot.png(history));
        } catch (IOException e) {
            warnings.accept("warning: " + e.getMessage());
        }
    }

    /** The reason of an I/O failure, with the path it happened on when NIO names one. */
    private static String reason(IOException e) {
        String why = IoErrors.describe(e);
        return e instanceof FileSystemException f && f.getFile() != null ? why + " (" + f.getFile() + ")" : why;
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
