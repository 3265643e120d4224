package news.articles.localstack.gateway;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The stage's default route throttling ({@code DefaultRouteSettings}: {@code ThrottlingRateLimit},
 * {@code ThrottlingBurstLimit}) as a token bucket per route, as those settings apply to each route:
 * the bucket holds up to {@code burst} requests and refills at {@code ratePerSecond}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html">Throttling requests to HTTP APIs</a>
 */
public final class Throttle {

    private final double ratePerSecond;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public Throttle(double ratePerSecond, int burst) {
        this(ratePerSecond, burst, System::nanoTime);
    }

    Throttle(double ratePerSecond, int burst, LongSupplier nanoTime) {
        if (!(ratePerSecond >= 0) || Double.isInfinite(ratePerSecond) || burst < 0) {
            throw new IllegalArgumentException("throttling: rate " + ratePerSecond + "/s, burst " + burst);
        }
        this.ratePerSecond = ratePerSecond;
        this.burst = burst;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    public double ratePerSecond() {
        return ratePerSecond;
    }

    public int burst() {
        return burst;
    }

    /** Takes a token for the route; false when the request is to be answered 429. */
    public boolean tryAcquire(String routeKey) {
        Objects.requireNonNull(routeKey, "routeKey");
        return buckets.computeIfAbsent(routeKey, key -> new Bucket(burst, nanoTime.getAsLong())).tryAcquire();
    }

    @Override
    public String toString() {
        return "Throttle[" + ratePerSecond + "/s, burst " + burst + "]";
    }

    private final class Bucket {
        private double tokens;
        private long updatedAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updatedAt = now;
        }

        synchronized boolean tryAcquire() {
            long now = nanoTime.getAsLong();
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * ratePerSecond);
            updatedAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }
    }
}
