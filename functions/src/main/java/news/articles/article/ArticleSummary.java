package news.articles.article;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a list of articles shows: everything but the body; the keywords are for ranking, not shown. */
public record ArticleSummary(
        String slug,
        String title,
        String summary,
        String author,
        String section,
        List<String> tags,
        Instant publishedAt,
        Instant updatedAt,
        int readingMinutes,
        List<String> keywords) {

    /** A summary without keywords. */
    public ArticleSummary(String slug, String title, String summary, String author, String section, List<String> tags,
            Instant publishedAt, Instant updatedAt, int readingMinutes) {
        this(slug, title, summary, author, section, tags, publishedAt, updatedAt, readingMinutes, List.of());
    }

    public ArticleSummary {
        Objects.requireNonNull(slug, "slug");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(author, "author");
        Objects.requireNonNull(section, "section");
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
    }
}
