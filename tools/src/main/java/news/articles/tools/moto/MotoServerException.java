package news.articles.tools.moto;

/** moto_server could not be found, started, asked or stopped. */
public class MotoServerException extends RuntimeException {

    public MotoServerException(String message) {
        super(message);
    }

    public MotoServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
