package news.articles.subscription;

import java.util.Objects;

/** Who made a request, as the consent record keeps it: the client's IP address and user agent ("" when unknown). */
public record Requester(String ip, String userAgent) {

    public Requester {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
    }

    /** Personal data: keep it out of logs. */
    @Override
    public String toString() {
        return "Requester[redacted]";
    }
}
