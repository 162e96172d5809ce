package dev.cnnc.cli;

/**
 * A child process for {@link TrainSignalTest}: {@code cnnc} with the tiny hand-written model,
 * slowed down (5 ms per training batch) so that a signal arrives in the middle of an epoch.
 */
public final class TrainChild {
    private TrainChild() {
    }

    public static void main(String[] args) {
        TrainCommand.factory = s -> new TrainFixtures.Linear(() -> {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Main.main(args);
    }
}
