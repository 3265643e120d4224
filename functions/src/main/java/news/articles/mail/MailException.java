package news.articles.mail;

/** The mail service did not accept a message; {@code retryable} says whether trying again may help. */
public class MailException extends RuntimeException {

    private final boolean retryable;

    public MailException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
