package news.articles.error;

import java.util.Objects;

/**
 * The domain's refusal of what a caller asked: something invalid, absent or expired, with a
 * stable code and a message fit to show the caller. The HTTP layer picks the status.
 */
public final class RejectedException extends RuntimeException {

    /** Why the request was refused. */
    public enum Reason {
        INVALID,
        NOT_FOUND,
        EXPIRED,
        /** The caller asked too often; {@link #retryAfterSeconds()} says when to try again. */
        TOO_MANY_REQUESTS
    }

    private final Reason reason;
    private final String code;
    private final long retryAfterSeconds;

    private RejectedException(Reason reason, String code, String message) {
        this(reason, code, message, 0);
    }

    private RejectedException(Reason reason, String code, String message, long retryAfterSeconds) {
        // No stack trace: this is an answer, not a fault, and it is thrown on bad input at any rate.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.code = Objects.requireNonNull(code, "code");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static RejectedException tooManyRequests(String code, String message, java.time.Duration retryAfter) {
        return new RejectedException(Reason.TOO_MANY_REQUESTS, code, message, Math.max(1, retryAfter.toSeconds()));
    }

    /** Seconds after which trying again may succeed; 0 when the reason is not {@link Reason#TOO_MANY_REQUESTS}. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static RejectedException invalid(String code, String message) {
        return new RejectedException(Reason.INVALID, code, message);
    }

    public static RejectedException notFound(String code, String message) {
        return new RejectedException(Reason.NOT_FOUND, code, message);
    }

    public static RejectedException expired(String code, String message) {
        return new RejectedException(Reason.EXPIRED, code, message);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }
}
