package dev.cnnc.runtime.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT) and SIGTERM into a polite stop: a JVM shutdown hook asks the trainer to
 * stop before its next batch and then waits until the run has finished writing ({@link #close()}),
 * so the last completed epoch's checkpoint is on disk when the process exits (with status 130
 * for SIGINT, as the shell expects).
 *
 * <p>A shutdown hook, rather than {@code sun.misc.Signal}, keeps to supported API; the trainer
 * never stops inside a checkpoint save, so waiting for {@link #close()} is enough.
 */
public final class StopOnSignal implements AutoCloseable {
    private static final long WAIT_SECONDS = 120;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile boolean signalled;

    private StopOnSignal(Runnable stop) {
        this.hook = new Thread(() -> {
            signalled = true;
            stop.run();
            try {
                finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "cnnc-stop-on-signal");
    }

    /** Installs the hook; {@code stop} must be safe to call from another thread. */
    public static StopOnSignal install(Runnable stop) {
        StopOnSignal s = new StopOnSignal(stop);
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** Returns true when a signal arrived. */
    public boolean signalled() {
        return signalled;
    }

    /** The run has finished writing: lets a pending shutdown proceed, or removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down (the signal came): the hook now returns
        }
    }
}
