package news.articles.article;

import java.time.Instant;
import java.util.Objects;

/** A place in a listing ordered by publication time, ties broken by slug. */
public record ListingPosition(Instant publishedAt, String slug) {

    public ListingPosition {
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(slug, "slug");
    }

    public static ListingPosition of(ArticleSummary article) {
        return new ListingPosition(article.publishedAt(), article.slug());
    }
}
