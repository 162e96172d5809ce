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

    /** Bytes the current thread allocates per call of {@code task}, averaged over {@code calls} warm calls. */
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
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            task.run();
        }
        long after = bean.getThreadAllocatedBytes(id);
        return OptionalDouble.of(Math.max(0, after - before - (c1 - c0)) / (double) calls);
    }
}
