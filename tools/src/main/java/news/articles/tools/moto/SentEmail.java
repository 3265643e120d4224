package news.articles.tools.moto;

import java.util.List;
import java.util.Objects;

/**
 * An email that moto's SES accepted. moto keeps one body per message: the HTML part when the
 * message had one, else the text part.
 */
public record SentEmail(String id, String source, List<String> to, String subject, String body) {

    public SentEmail {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
