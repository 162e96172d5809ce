package dev.cnnc.runtime.train;

import dev.cnnc.spec.model.LrSchedule;

/**
 * The learning rate of each epoch, stepped once per epoch as PyTorch's schedulers are when
 * {@code scheduler.step()} is called at the end of every epoch. Epochs count from 0.
 *
 * <ul>
 *   <li>none: {@code lr(e) = lr0};</li>
 *   <li>step (StepLR): {@code lr(e) = lr0 · gamma^⌊e / step_size⌋};</li>
 *   <li>cosine (CosineAnnealingLR, closed form of Loshchilov and Hutter, "SGDR", 2017, eq. 5
 *       without restarts): {@code lr(e) = eta_min + (lr0 − eta_min)(1 + cos(π e / T_max)) / 2},
 *       with {@code T_max} defaulting to the number of epochs. Past {@code T_max} the formula is
 *       used as is (it rises again), as PyTorch's closed form does.</li>
 * </ul>
 * A pure function of the epoch, so a resumed run needs no scheduler state.
 */
public final class LrScheduler {
    private final LrSchedule schedule;
    private final double lr0;
    private final int tMax;

    /**
     * Creates the scheduler for a run of {@code epochs} epochs.
     *
     * @param lr0 the initial learning rate (the optimizer's {@code lr})
     */
    public LrScheduler(LrSchedule schedule, double lr0, int epochs) {
        if (!(lr0 > 0) || epochs <= 0) {
            throw new IllegalArgumentException("need lr0 > 0 and epochs > 0, got " + lr0 + ", " + epochs);
        }
        this.schedule = schedule;
        this.lr0 = lr0;
        this.tMax = schedule.tMax() > 0 ? schedule.tMax() : epochs;
    }

    /** Returns the learning rate used during epoch {@code epoch} (0-based). */
    public double lr(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        switch (schedule.type()) {
            case NONE:
                return lr0;
            case STEP:
                return lr0 * Math.pow(schedule.gamma(), epoch / schedule.stepSize());
            case COSINE:
                double etaMin = schedule.minLr();
                return etaMin + (lr0 - etaMin) * (1 + Math.cos(Math.PI * epoch / tMax)) / 2;
            default:
                throw new IllegalStateException("unknown schedule " + schedule.type());
        }
    }

    /** Returns the effective T_max of a cosine schedule (the spec's, or the number of epochs). */
    public int tMax() {
        return tMax;
    }
}
