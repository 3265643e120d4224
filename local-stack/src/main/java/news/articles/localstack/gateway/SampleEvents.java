package news.articles.localstack.gateway;

import java.time.Instant;
import java.util.Optional;

/** The events a function's non-HTTP triggers send, for {@code POST /_local/invoke/{Function}} without a body. */
@FunctionalInterface
public interface SampleEvents {

    /**
     * The event the function's trigger would send for a run at {@code time}; empty when it has no
     * such trigger (the gateway then builds a request of its first route, if it has one).
     *
     * @throws NoSampleEventException when the trigger has no sample event: the message says what to send instead
     */
    Optional<byte[]> sample(String functionLogicalId, Instant time);

    static SampleEvents none() {
        return (function, time) -> Optional.empty();
    }

    /** The function's trigger gives no sample event; the message tells the caller what to send instead. */
    final class NoSampleEventException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoSampleEventException(String message) {
            super(message);
        }
    }
}
