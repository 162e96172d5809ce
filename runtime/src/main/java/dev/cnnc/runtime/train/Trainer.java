package dev.cnnc.runtime.train;

import dev.cnnc.spec.model.TrainSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The training loop: mini-batch gradient descent over a {@link TrainableModel}, one flat
 * parameter array, with the spec's loss, optimizer, schedule, seed, validation split and early
 * stopping.
 *
 * <p>Per epoch e (0-based): the learning rate is {@code LrScheduler.lr(e)}; the training indices
 * are visited in {@link DataSplit#epochOrder} order in batches of {@code spec.batch()}; for each
 * batch: training forward, loss and its gradient, backward, optimizer step. Then the held-out
 * samples are evaluated, the epoch's {@link EpochMetrics} recorded, the {@link EarlyStopper}
 * updated, and the observer handed a {@link Checkpoint}. Training ends after
 * {@code spec.epochs()} epochs, when early stopping triggers, when a loss is NaN or infinite
 * (diverged), or when {@link #requestStop()} was called (checked between batches; the partial
 * epoch is discarded, so the last checkpoint is the last completed epoch).
 *
 * <p>Resuming from a checkpoint continues with the checkpoint's seed, parameters, optimizer
 * state, history and early-stopping state; since every random stream is derived from the seed
 * and epoch, a resumed run computes exactly what the uninterrupted run would have.
 */
public final class Trainer {
    /** How training ended. */
    public enum Status {
        /** All epochs ran. */
        COMPLETED,
        /** Early stopping ended it. */
        STOPPED_EARLY,
        /** {@link #requestStop()} ended it (exit code 130). */
        INTERRUPTED,
        /** A loss became NaN or infinite (exit code 4). */
        DIVERGED
    }

    /**
     * The outcome of {@link #train}.
     *
     * @param status how training ended
     * @param params the parameters after the last completed epoch
     * @param history the metrics of every completed epoch
     * @param bestEpoch the best epoch (1-based), 0 if none completed
     */
    public record Result(Status status, float[] params, List<EpochMetrics> history, int bestEpoch) {
    }

    private final TrainableModel model;
    private final List<TrainableModel> replicas;
    private final TrainSpec spec;
    private final LossFunction loss;
    private final Map<String, String> info;
    private volatile boolean stopRequested;

    /**
     * Creates a trainer.
     *
     * @param info strings stored in every checkpoint (e.g. a hash of the spec)
     */
    public Trainer(TrainableModel model, TrainSpec spec, Map<String, String> info) {
        this(List.of(model), spec, info);
    }

    /**
     * Creates a data-parallel trainer: one thread per model instance (all of the same network),
     * each batch split between them as {@link ParallelStep} describes. One instance trains as
     * {@link #Trainer(TrainableModel, TrainSpec, Map)} does; validation uses the first.
     */
    public Trainer(List<TrainableModel> replicas, TrainSpec spec, Map<String, String> info) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a trainer needs at least one model instance");
        }
        this.replicas = List.copyOf(replicas);
        this.model = replicas.get(0);
        this.spec = spec;
        this.loss = LossFunction.of(spec.loss());
        this.info = new TreeMap<>(info);
        this.info.put("epochs", Integer.toString(spec.epochs()));
    }

    /** Asks the loop to stop before the next batch (safe from another thread or a signal handler). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Trains on {@code data}, from scratch or from {@code resume} (may be null).
     *
     * @throws IOException when the observer cannot persist an epoch
     */
    public Result train(Samples data, ProgressListener progress, TrainingObserver observer, Checkpoint resume)
            throws IOException {
        ParamLayout layout = model.layout();
        long seed = resume != null ? resume.seed() : spec.seed();
        DataSplit split = DataSplit.of(data.size(), spec.validationSplit(), seed);
        Optimizer opt = Optimizer.create(spec.optimizer(), layout);
        EarlyStopper stopper = new EarlyStopper(spec.earlyStopping());
        List<EpochMetrics> history = new ArrayList<>();
        float[] params;
        if (resume != null) {
            params = resume.params();
            layout.requireLength(params);
            opt.importState(resume.optimizer());
            history.addAll(resume.history());
            resume.restoreInto(stopper);
        } else {
            params = new float[layout.size()];
            Initializer.initialize(layout, params, spec.init(), seed);
        }
        LrScheduler schedule = new LrScheduler(spec.lrSchedule(), spec.optimizer().lr(), spec.epochs());
        try (Loop loop = new Loop(params, opt, new float[layout.size()])) {
            return run(loop, data, split, schedule, stopper, history, opt, seed, progress, observer);
        }
    }

    private Result run(Loop loop, Samples data, DataSplit split, LrScheduler schedule, EarlyStopper stopper,
            List<EpochMetrics> history, Optimizer opt, long seed, ProgressListener progress,
            TrainingObserver observer) throws IOException {
        float[] params = loop.params;
        for (int e = history.size(); e < spec.epochs(); e++) {
            long start = System.nanoTime();
            double lr = schedule.lr(e);
            int[] order = split.epochOrder(seed, e);
            Status status = loop.epoch(data, order, lr, e, seed, progress);
            if (status != null) {
                return new Result(status, loop.committed.clone(), history, stopper.bestEpoch());
            }
            EpochMetrics m = metrics(e + 1, loop, data, split, lr, start);
            if (m.diverged()) {
                return new Result(Status.DIVERGED, loop.committed.clone(), history, stopper.bestEpoch());
            }
            boolean best = stopper.update(m);
            history.add(m);
            loop.commit();
            observer.epochCompleted(new Checkpoint(e + 1, seed, params, opt.exportState(), history,
                    stopper.bestEpoch(), stopper.bestValue(), stopper.epochsSinceBest(), info), best);
            progress.epochFinished(m);
            if (stopper.shouldStop()) {
                return new Result(Status.STOPPED_EARLY, params.clone(), history, stopper.bestEpoch());
            }
        }
        return new Result(Status.COMPLETED, params.clone(), history, stopper.bestEpoch());
    }

    private EpochMetrics metrics(int epoch, Loop loop, Samples data, DataSplit split, double lr, long start) {
        double trainLoss = loop.lossSum / loop.seen;
        double trainAcc = (double) loop.correct / loop.seen;
        if (!split.hasValidation()) {
            return EpochMetrics.withoutValidation(epoch, trainLoss, trainAcc, lr, seconds(start));
        }
        Evaluator.Result v = Evaluator.evaluate(model, loop.params, data, split.validation(), spec.batch(), loss, null);
        return EpochMetrics.of(epoch, trainLoss, trainAcc, v.loss(), v.accuracy(), lr, seconds(start));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** The buffers of one run and the running sums of the current epoch. */
    private final class Loop implements AutoCloseable {
        final float[] params;
        final float[] committed;
        final Optimizer opt;
        final float[] grads;
        final float[] outputs;
        final float[] gradOutputs;
        final ParallelStep parallel;
        double lossSum;
        long correct;
        long seen;

        Loop(float[] params, Optimizer opt, float[] grads) {
            this.params = params;
            this.committed = params.clone();
            this.opt = opt;
            this.grads = grads;
            this.outputs = new float[spec.batch() * model.outputSize()];
            this.gradOutputs = new float[outputs.length];
            this.parallel = replicas.size() > 1 ? new ParallelStep(replicas, spec.batch(), loss) : null;
        }

        @Override
        public void close() {
            if (parallel != null) {
                parallel.close();
            }
        }

        /** One batch's forward, loss and backward; returns the mean loss and leaves the gradient in grads. */
        double step(Batches.Batch b, long dropoutSeed, int classes) {
            if (parallel != null) {
                return parallel.run(params, b, dropoutSeed, outputs, grads);
            }
            model.setDropoutSeed(dropoutSeed);
            model.forward(params, b.inputs(), b.size(), outputs, true);
            double l = loss.lossAndGradient(outputs, b.labels(), b.size(), classes, gradOutputs);
            if (Double.isFinite(l)) {
                model.backward(params, gradOutputs, b.size(), grads);
            }
            return l;
        }

        /** Runs one epoch's batches; returns a status when training must end, else null. */
        Status epoch(Samples data, int[] order, double lr, int e, long seed, ProgressListener progress) {
            lossSum = 0;
            correct = 0;
            seen = 0;
            int classes = model.outputSize();
            Batches batches = new Batches(data, order, spec.batch());
            progress.epochStarted(e + 1, spec.epochs(), batches.batchCount(), order.length);
            for (int k = 1; batches.hasNext(); k++) {
                if (stopRequested) {
                    return Status.INTERRUPTED;
                }
                Batches.Batch b = batches.next();
                double l = step(b, Seeds.derive(seed, "dropout", ((long) e << 32) + k), classes);
                if (!Double.isFinite(l)) {
                    return Status.DIVERGED;
                }
                opt.step(params, grads, lr);
                lossSum += l * b.size();
                correct += Evaluator.countCorrect(outputs, b.labels(), b.size(), classes);
                seen += b.size();
                progress.batchFinished(k, (int) seen, lossSum / seen, (double) correct / seen);
            }
            return null;
        }

        /** Records the current parameters as those of the last completed epoch. */
        void commit() {
            System.arraycopy(params, 0, committed, 0, params.length);
        }
    }
}
