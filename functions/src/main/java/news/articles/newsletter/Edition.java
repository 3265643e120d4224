package news.articles.newsletter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import news.articles.article.ArticleSummary;

/**
 * One week's newsletter as composed and stored before anything is sent: the articles published in
 * {@code [windowStart, windowEnd)}, in the order the email shows them. Holds no personal data, so
 * the same record serves the public web version.
 */
public record Edition(EditionId id, Instant scheduledAt, Instant windowStart, Instant windowEnd, Instant composedAt,
        List<ArticleSummary> articles) {

    public Edition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(windowEnd, "windowEnd");
        Objects.requireNonNull(composedAt, "composedAt");
        articles = List.copyOf(Objects.requireNonNull(articles, "articles"));
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("an edition has at least one article");
        }
        if (!windowStart.isBefore(windowEnd)) {
            throw new IllegalArgumentException("an edition's window starts before it ends");
        }
    }
}
