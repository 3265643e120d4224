package news.articles.localstack.runtime;

/**
 * This machine cannot run the AWS Lambda Runtime Interface Client: its native library is built for
 * Linux only. Callers may catch it and run handlers another way.
 */
public final class UnsupportedPlatformException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UnsupportedPlatformException(String message) {
        super(message);
    }
}
