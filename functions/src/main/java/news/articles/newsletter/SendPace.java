package news.articles.newsletter;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The pace of one sender: at most {@code perSecond} sends a second, spaced evenly (no burst, so
 * that the senders together stay under SES's account rate, {@code MaxSendRatePerSecond}, divided
 * among the event source's {@code MaximumConcurrency}), and, after SES throttled, a pause that
 * doubles with each throttling in a row (1 s to 16 s) and ends with the next send that passes.
 * Not thread-safe: Lambda runs one invocation at a time per instance.
 */
public final class SendPace {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(16);

    /** Waits; the sender's tests pass one that moves a fake clock. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private long nextFree;
    private boolean started;
    private Duration backoff = Duration.ZERO;

    public SendPace(double perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be positive");
        }
        this.intervalNanos = Math.max(1, Math.round(1_000_000_000d / perSecond));
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** The real clock and {@link Thread#sleep}. */
    public static SendPace of(double perSecond) {
        return new SendPace(perSecond, System::nanoTime, duration -> Thread.sleep(duration.toMillis(),
                (int) (duration.toNanos() % 1_000_000)));
    }

    /**
     * Waits for the next send's turn and takes it; false, without waiting or taking it, when the
     * turn comes later than {@code atMost} from now (the invocation would run out of time).
     */
    public boolean acquire(Duration atMost) {
        long now = nanoTime.getAsLong();
        if (!started) {
            nextFree = now;
            started = true;
        }
        long wait = Math.max(0, nextFree - now);
        if (wait > atMost.toNanos()) {
            return false;
        }
        if (wait > 0) {
            try {
                sleeper.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        nextFree = Math.max(nextFree, now) + intervalNanos;
        return true;
    }

    /** A send went through: the throttling pause, if any, is over. */
    public void passed() {
        backoff = Duration.ZERO;
    }

    /** SES throttled: the next turn comes after a pause, twice the last one in a row. */
    public void throttled() {
        backoff = backoff.isZero() ? FIRST_BACKOFF : min(backoff.multipliedBy(2), MAX_BACKOFF);
        long now = nanoTime.getAsLong();
        nextFree = Math.max(nextFree, now) + backoff.toNanos();
        started = true;
    }

    /** The pause the last throttling added (zero when none is running). */
    public Duration backoff() {
        return backoff;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
