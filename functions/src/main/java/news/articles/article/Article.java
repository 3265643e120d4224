package news.articles.article;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * An article as stored and served: the body is HTML rendered once, at import. The keywords are
 * derived from the text at import ({@link KeywordExtractor}), never written by an editor.
 */
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
        int readingMinutes,
        List<String> keywords) {

    /** An article without keywords: before the importer derives them. */
    public Article(String slug, String title, String summary, String bodyHtml, String author, String section,
            List<String> tags, ArticleStatus status, Instant publishedAt, Instant updatedAt, int readingMinutes) {
        this(slug, title, summary, bodyHtml, author, section, tags, status, publishedAt, updatedAt, readingMinutes,
                List.of());
    }

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
        keywords = List.copyOf(Objects.requireNonNull(keywords, "keywords"));
        if (new HashSet<>(keywords).size() != keywords.size()) {
            throw new IllegalArgumentException("keywords must not repeat: " + keywords);
        }
    }

    /** The same article with these keywords. */
    public Article withKeywords(List<String> keywords) {
        return new Article(slug, title, summary, bodyHtml, author, section, tags, status, publishedAt, updatedAt,
                readingMinutes, keywords);
    }

    /** Readers see an article only once it is published and its publication time has come. */
    public boolean isVisibleAt(Instant now) {
        return status == ArticleStatus.PUBLISHED && !publishedAt.isAfter(now);
    }

    public ArticleSummary summarize() {
        return new ArticleSummary(slug, title, summary, author, section, tags, publishedAt, updatedAt, readingMinutes,
                keywords);
    }
}
