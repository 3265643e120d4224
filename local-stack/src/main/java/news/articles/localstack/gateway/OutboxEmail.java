package news.articles.localstack.gateway;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A sent email as the outbox shows it; {@code body} is the HTML part when there was one, else the text. */
public record OutboxEmail(Instant sentAt, String from, List<String> to, String subject, String body) {

    public OutboxEmail {
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(from, "from");
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }
}
