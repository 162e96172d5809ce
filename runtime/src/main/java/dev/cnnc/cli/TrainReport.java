package dev.cnnc.cli;

import dev.cnnc.runtime.run.TrainingRun;
import dev.cnnc.runtime.train.EpochMetrics;
import dev.cnnc.runtime.train.Evaluator;
import dev.cnnc.runtime.train.Trainer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** The last lines of {@code cnnc train} and its exit code, by how training ended. */
final class TrainReport {
    private TrainReport() {
    }

    /** Prints the outcome (results on {@code out}, problems on {@code err}) and returns the exit code. */
    static int print(TrainingRun.Outcome o, String file, Path dir, PrintWriter out, PrintWriter err) {
        Trainer.Result r = o.result();
        List<EpochMetrics> h = r.history();
        switch (r.status()) {
            case DIVERGED:
                double lr = o.spec().optimizer().lr();
                err.println(String.format(Locale.ROOT, "cnnc: training diverged at %s: the loss is NaN or infinite;"
                        + " try a lower learning rate, e.g. --lr %s (this run used %s)", o.divergedAt(),
                        shortNumber(lr / 10), shortNumber(lr)));
                err.println("cnnc: " + (h.isEmpty() ? "no epoch completed, nothing was saved"
                        : savedEpochs(h, dir) + "; the diverged epoch was not saved"));
                err.flush();
                return ExitCode.DIVERGED;
            case INTERRUPTED:
                err.println("cnnc: interrupted; " + savedEpochs(h, dir)
                        + (h.isEmpty() ? "" : "; continue with: cnnc train " + file + " -o " + dir + " --resume"));
                err.flush();
                return ExitCode.INTERRUPTED;
            default:
                Evaluator.Result e = o.evaluation().orElseThrow();
                String how = r.status() == Trainer.Status.STOPPED_EARLY ? "stopped early after epoch " + h.size()
                        : h.size() + " epochs";
                out.println(String.format(Locale.ROOT, "%s accuracy %.4f (%d/%d), loss %.4f; %s, best epoch %d",
                        o.evaluatedOn(), e.accuracy(), e.correct(), e.total(), e.loss(), how,
                        r.bestEpoch() > 0 ? r.bestEpoch() : h.size()));
                out.println("wrote " + dir + ": weights.safetensors, last.safetensors, checkpoint/, metrics.csv,"
                        + " curves.png, kernels.png, confusion.csv, spec.yaml, src/");
                out.flush();
                return ExitCode.OK;
        }
    }

    private static String savedEpochs(List<EpochMetrics> h, Path dir) {
        return h.isEmpty() ? "no epoch completed, nothing was saved"
                : "epochs 1-" + h.size() + " are saved in " + dir.resolve("checkpoint");
    }

    private static String shortNumber(double v) {
        String plain = new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString();
        return plain.length() <= 8 ? plain : String.format(Locale.ROOT, "%.1e", v);
    }
}
