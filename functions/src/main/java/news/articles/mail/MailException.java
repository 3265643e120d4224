package news.articles.mail;

/**
 * The mail service did not confirm a message: {@code retryable} says whether trying again may
 * help, {@code mayHaveBeenSent} whether the message may have gone out all the same (a timeout or
 * a lost answer, rather than a refusal), {@code throttled} whether the service asked us to slow
 * down (its sending rate or quota: the message did not go, and will go later), and
 * {@code accountWide} whether the refusal concerns every message rather than this one (the
 * account suspended or its sending paused, the sender or configuration set unknown): a bulk
 * sender must stop rather than give up on each recipient in turn.
 */
public class MailException extends RuntimeException {

    private final boolean retryable;
    private final boolean mayHaveBeenSent;
    private final boolean throttled;
    private final boolean accountWide;

    public MailException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    public MailException(String message, boolean retryable, boolean mayHaveBeenSent, Throwable cause) {
        this(message, retryable, mayHaveBeenSent, false, false, cause);
    }

    public MailException(String message, boolean retryable, boolean mayHaveBeenSent, boolean throttled,
            boolean accountWide, Throwable cause) {
        super(message, cause);
        if (throttled && (!retryable || mayHaveBeenSent)) {
            throw new IllegalArgumentException("a throttled message was not sent and may be retried");
        }
        if (accountWide && mayHaveBeenSent) {
            throw new IllegalArgumentException("an account-wide refusal sent nothing");
        }
        this.retryable = retryable;
        this.mayHaveBeenSent = mayHaveBeenSent;
        this.throttled = throttled;
        this.accountWide = accountWide;
    }

    /** A refusal to slow down: nothing was sent, and the same message may be sent later. */
    public static MailException throttled(String message, Throwable cause) {
        return new MailException(message, true, false, true, false, cause);
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean mayHaveBeenSent() {
        return mayHaveBeenSent;
    }

    public boolean throttled() {
        return throttled;
    }

    public boolean accountWide() {
        return accountWide;
    }
}
