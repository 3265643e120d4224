package news.articles.error;

/** A data store could not do what was asked; {@code retryable} says whether trying again may help. */
public class StoreException extends RuntimeException {

    private final boolean retryable;

    public StoreException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
