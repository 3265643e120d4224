package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pace on a fake clock that only sleeping moves: what it waits, never how long a test takes. */
class SendPaceTest {

    private long now = 5_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    private SendPace pace(double perSecond) {
        return new SendPace(perSecond, () -> now, duration -> {
            sleeps.add(duration);
            now += duration.toNanos();
        });
    }

    @Test
    void sendsAreSpacedEvenlyAtTheRate() {
        SendPace pace = pace(4);
        long start = now;
        for (int i = 0; i < 9; i++) {
            assertTrue(pace.acquire(Duration.ofMinutes(1)));
        }
        assertEquals(Duration.ofSeconds(2), Duration.ofNanos(now - start), "nine sends at 4 a second: the first at once, eight a quarter second apart");
        assertEquals(8, sleeps.size());
        assertTrue(sleeps.stream().allMatch(Duration.ofMillis(250)::equals), sleeps.toString());
    }

    @Test
    void timeSpentElsewhereCountsTowardsTheNextTurnWithoutABurstAfterIt() {
        SendPace pace = pace(2);
        pace.acquire(Duration.ofMinutes(1));
        now += 3_000_000_000L;
        assertTrue(pace.acquire(Duration.ZERO), "a turn long due is taken at once");
        assertTrue(pace.acquire(Duration.ofMinutes(1)));
        assertEquals(List.of(Duration.ofMillis(500)), sleeps, "idle time is not saved up for a burst");
    }

    @Test
    void aTurnFurtherAwayThanTheTimeLeftIsNotTakenNorWaitedFor() {
        SendPace pace = pace(1);
        pace.acquire(Duration.ofMinutes(1));
        assertFalse(pace.acquire(Duration.ofMillis(999)));
        assertEquals(List.of(), sleeps);
        assertTrue(pace.acquire(Duration.ofSeconds(1)));
    }

    @Test
    void throttlingPausesForLongerEachTimeInARowUntilASendPasses() {
        SendPace pace = pace(1000);
        pace.acquire(Duration.ofMinutes(1));
        List<Duration> backoffs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pace.throttled();
            backoffs.add(pace.backoff());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 16L), backoffs.stream().map(Duration::toSeconds).toList());
        pace.passed();
        assertEquals(Duration.ZERO, pace.backoff());
        pace.throttled();
        assertEquals(Duration.ofSeconds(1), pace.backoff());
    }

    @Test
    void afterThrottlingTheNextTurnWaitsThePause() {
        SendPace pace = pace(10);
        pace.acquire(Duration.ofMinutes(1));
        pace.throttled();
        long before = now;
        assertTrue(pace.acquire(Duration.ofMinutes(1)));
        assertEquals(Duration.ofMillis(1100), Duration.ofNanos(now - before), "the 100 ms turn, then the 1 s pause");
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> pace(0));
        assertThrows(IllegalArgumentException.class, () -> pace(Double.NaN));
    }
}
