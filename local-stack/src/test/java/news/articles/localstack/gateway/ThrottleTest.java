package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ThrottleTest {

    private final AtomicLong now = new AtomicLong();
    private final Throttle throttle = new Throttle(2, 3, now::get);

    @Test
    void allowsTheBurstThenTheRate() {
        assertTrue(throttle.tryAcquire("GET /a"));
        assertTrue(throttle.tryAcquire("GET /a"));
        assertTrue(throttle.tryAcquire("GET /a"));
        assertFalse(throttle.tryAcquire("GET /a"));

        now.addAndGet(500_000_000L); // half a second at 2 per second: one token
        assertTrue(throttle.tryAcquire("GET /a"));
        assertFalse(throttle.tryAcquire("GET /a"));

        now.addAndGet(60_000_000_000L); // a minute refills no more than the burst
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.tryAcquire("GET /a"));
        }
        assertFalse(throttle.tryAcquire("GET /a"));
    }

    @Test
    void eachRouteHasItsOwnBucket() {
        for (int i = 0; i < 3; i++) {
            assertTrue(throttle.tryAcquire("GET /a"));
        }
        assertFalse(throttle.tryAcquire("GET /a"));
        assertTrue(throttle.tryAcquire("POST /b"));
    }

    @Test
    void refusesNegativeSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Throttle(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> new Throttle(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Throttle(Double.NaN, 1));
    }
}
