package news.articles.newsletter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which edition each subscriber has been sent, recorded on the subscriber with one conditional
 * write before the email goes out (at most once: a sender that dies between the claim and the send
 * leaves that one recipient without this edition, never with two). {@code DeliveryLogContract} (in
 * the tests) holds every implementation to this.
 */
public interface DeliveryLog {

    /**
     * Claims the delivery of {@code edition} to the subscriber, atomically: only if the subscriber
     * is confirmed at the moment of the write and has not been claimed for this edition or a later
     * one. A claim also records the hash of the unsubscribe token the email will carry, so that its
     * link works.
     */
    Claim claim(EditionId edition, String subscriberId, String unsubscribeTokenHash, Instant at);

    /**
     * Gives back a claim whose email was certainly not sent (throttled or refused before sending),
     * so that a retry sends it: restores {@code previous} if the record still holds this claim;
     * false otherwise, changing nothing.
     */
    boolean release(EditionId edition, String subscriberId, Optional<EditionId> previous);

    /** Records that the email of this edition failed for good for this subscriber; the claim stays, so it is not retried. */
    void recordFailure(EditionId edition, String subscriberId, String reason, Instant at);

    /** What {@link #claim} found. */
    enum ClaimOutcome {
        /** The email may be sent now, to {@link Claim#to}. */
        CLAIMED,
        /** This edition (or a later one) was claimed before: send nothing. */
        ALREADY_CLAIMED,
        /** Not confirmed now (unsubscribed, suppressed, pending, gone): send nothing. */
        NOT_CONFIRMED
    }

    /** The outcome; when claimed, the address to send to and the edition claimed before (for {@link #release}). */
    record Claim(ClaimOutcome outcome, Optional<String> to, Optional<EditionId> previous) {
        public Claim {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(previous, "previous");
            if ((outcome == ClaimOutcome.CLAIMED) != to.isPresent()) {
                throw new IllegalArgumentException("a claim has an address exactly when it is CLAIMED");
            }
        }

        public static Claim claimed(String to, Optional<EditionId> previous) {
            return new Claim(ClaimOutcome.CLAIMED, Optional.of(to), previous);
        }

        public static Claim refused(ClaimOutcome outcome) {
            return new Claim(outcome, Optional.empty(), Optional.empty());
        }
    }
}
