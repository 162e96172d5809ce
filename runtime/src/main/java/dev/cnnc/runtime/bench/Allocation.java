package dev.cnnc.runtime.bench;

import java.lang.management.ManagementFactory;
import java.util.OptionalDouble;

/**
 * Bytes allocated per call, from HotSpot's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}); empty where the JVM does
 * not offer it.
 */
public final class Allocation {
    private Allocation() {
    }

    /** Windows measured; the fewest bytes of them is the steady state. */
    static final int WINDOWS = 3;

    /**
     * Bytes the current thread allocates per call of {@code task} in steady state: {@code calls}
     * warm-up calls, then {@link #WINDOWS} windows of {@code calls} calls each, and the window
     * that allocated least. One-off allocations (the JIT deoptimising and reinstalling a method,
     * a lazily initialised class) land in one window, not in all; an allocation on every call
     * shows in every window.
     */
    public static OptionalDouble perCall(Runnable task, int calls) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean)
                || !bean.isThreadAllocatedMemorySupported()) {
            return OptionalDouble.empty();
        }
        bean.setThreadAllocatedMemoryEnabled(true);
        long id = Thread.currentThread().getId();
        for (int i = 0; i < calls; i++) {
            task.run();
        }
        // the counter call itself allocates nothing measurable; measure it to subtract it anyway
        long c0 = bean.getThreadAllocatedBytes(id);
        long c1 = bean.getThreadAllocatedBytes(id);
        long least = Long.MAX_VALUE;
        for (int window = 0; window < WINDOWS; window++) {
            long before = bean.getThreadAllocatedBytes(id);
            for (int i = 0; i < calls; i++) {
                task.run();
            }
            long after = bean.getThreadAllocatedBytes(id);
            least = Math.min(least, Math.max(0, after - before - (c1 - c0)));
        }
        return OptionalDouble.of(least / (double) calls);
    }
}
