package news.articles.mail;

/**
 * The mail service did not confirm a message: {@code retryable} says whether trying again may
 * help, {@code mayHaveBeenSent} whether the message may have gone out all the same (a timeout or
 * a lost answer, rather than a refusal).
 */
public class MailException extends RuntimeException {

    private final boolean retryable;
    private final boolean mayHaveBeenSent;

    public MailException(String message, boolean retryable, Throwable cause) {
        this(message, retryable, false, cause);
    }

    public MailException(String message, boolean retryable, boolean mayHaveBeenSent, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.mayHaveBeenSent = mayHaveBeenSent;
    }

    public boolean retryable() {
        return retryable;
    }

    public boolean mayHaveBeenSent() {
        return mayHaveBeenSent;
    }
}
