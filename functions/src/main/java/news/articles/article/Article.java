package news.articles.article;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** An article as stored and served: the body is HTML rendered once, at import. */
public record Article(
        String slug,
        String title,
        String summary,
        String bodyHtml,
        String author,
        String section,
        List<String> tags,
        ArticleStatus status,
        Instant publishedAt,
        Instant updatedAt,
        int readingMinutes) {

    public Article {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(bodyHtml, "bodyHtml");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(section, "section");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        if (new HashSet<>(tags).size() != tags.size()) {
            throw new IllegalArgumentException("tags must not repeat: " + tags);
        }
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        if (readingMinutes < 1) {
            throw new IllegalArgumentException("readingMinutes must be at least 1, was " + readingMinutes);
        }
    }

    /** Readers see an article only once it is published and its publication time has come. */
    public boolean isVisibleAt(Instant now) {
        return status == ArticleStatus.PUBLISHED && !publishedAt.isAfter(now);
    }

    public ArticleSummary summarize() {
        return new ArticleSummary(slug, title, summary, author, section, tags, publishedAt, updatedAt, readingMinutes);
    }
}
