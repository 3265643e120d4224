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
        EXPIRED
    }

    private final Reason reason;
    private final String code;

    private RejectedException(Reason reason, String code, String message) {
        // No stack trace: this is an answer, not a fault, and it is thrown on bad input at any rate.
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.code = Objects.requireNonNull(code, "code");
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
