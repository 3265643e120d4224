package news.articles.http;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Answers no sooner than a floor after the work started, whatever the work did or threw, so that
 * how long an answer takes does not tell what happened behind it (an email sent or not, a record
 * found or not). The floor sits above the slow path's usual time; it costs each request that much
 * billed duration, which only the rare subscription requests pay.
 */
public final class AnswerFloor {

    /** No floor: answers as soon as the work is done. */
    public static final AnswerFloor NONE = new AnswerFloor(Duration.ZERO, System::nanoTime, pause -> { });

    private final Duration floor;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public AnswerFloor(Duration floor, LongSupplier nanoTime, Sleeper sleeper) {
        this.floor = Objects.requireNonNull(floor, "floor");
        if (floor.isNegative()) {
            throw new IllegalArgumentException("floor must not be negative");
        }
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A floor measured on the system's monotonic clock, waited out with {@link Thread#sleep}. */
    public static AnswerFloor of(Duration floor) {
        return floor.isZero() ? NONE : new AnswerFloor(floor, System::nanoTime,
                pause -> Thread.sleep(pause.toMillis(), pause.toNanosPart() % 1_000_000));
    }

    public Duration floor() {
        return floor;
    }

    /** Runs the work, then waits out what is left of the floor, also when the work threw. */
    public <T> T around(Supplier<T> work) {
        long start = nanoTime.getAsLong();
        try {
            return work.get();
        } finally {
            waitOut(start);
        }
    }

    /** {@link #around} for work without a result. */
    public void around(Runnable work) {
        around(() -> {
            work.run();
            return null;
        });
    }

    private void waitOut(long start) {
        long left = floor.toNanos() - (nanoTime.getAsLong() - start);
        if (left <= 0) {
            return;
        }
        try {
            sleeper.sleep(Duration.ofNanos(left));
        } catch (InterruptedException e) {
            // The runtime is shutting down: answer now rather than not at all.
            Thread.currentThread().interrupt();
        }
    }

    /** Waits; {@link Thread#sleep(long, int)} in production, a recorder in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration pause) throws InterruptedException;
    }
}
