package news.articles.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;

/** Articles for tests: {@code Articles.article("slug").section("science").tags("a").daysAgo(3).build()}. */
public final class Articles {

    /** The instant every test's clock starts at. */
    public static final Instant NOW = Instant.parse("2025-06-02T09:30:00Z");

    private final String slug;
    private String title;
    private String summary;
    private List<String> keywords = List.of();
    private String section = "science";
    private List<String> tags = List.of();
    private ArticleStatus status = ArticleStatus.PUBLISHED;
    private Instant publishedAt = NOW.minus(Duration.ofDays(1));

    private Articles(String slug) {
        this.slug = slug;
        this.title = "Title of " + slug;
        this.summary = "Summary of " + slug;
    }

    public Articles title(String title) {
        this.title = title;
        return this;
    }

    public Articles summary(String summary) {
        this.summary = summary;
        return this;
    }

    public Articles keywords(String... keywords) {
        this.keywords = List.of(keywords);
        return this;
    }

    public static Articles article(String slug) {
        return new Articles(slug);
    }

    public Articles section(String section) {
        this.section = section;
        return this;
    }

    public Articles tags(String... tags) {
        this.tags = List.of(tags);
        return this;
    }

    public Articles draft() {
        this.status = ArticleStatus.DRAFT;
        return this;
    }

    public Articles publishedAt(Instant publishedAt) {
        this.publishedAt = publishedAt;
        return this;
    }

    public Articles daysAgo(int days) {
        return publishedAt(NOW.minus(Duration.ofDays(days)));
    }

    public Articles inDays(int days) {
        return publishedAt(NOW.plus(Duration.ofDays(days)));
    }

    public Article build() {
        return new Article(slug, title, summary, "<p>Body of " + slug + "</p>",
                "Ada Writer", section, tags, status, publishedAt, publishedAt.plus(Duration.ofHours(2)), 4, keywords);
    }
}
