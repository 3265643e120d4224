package news.articles.http;

import java.util.Objects;

/**
 * The request itself cannot be read (its size, media type or syntax): answered with a 4xx, a
 * stable code and this message. What the domain refuses is a {@link news.articles.error.RejectedException}.
 */
public class ClientErrorException extends RuntimeException {

    private final int status;
    private final String code;

    public ClientErrorException(int status, String code, String message) {
        super(message, null, false, false);
        if (status < 400 || status > 499) {
            throw new IllegalArgumentException("a client error has a 4xx status, not " + status);
        }
        this.status = status;
        this.code = Objects.requireNonNull(code, "code");
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
