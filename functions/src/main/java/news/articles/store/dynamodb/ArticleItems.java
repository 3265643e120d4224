package news.articles.store.dynamodb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPosition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps articles to the items of the Articles table and back.
 *
 * <p>An article is one item ({@code pk = ARTICLE#<slug>}, {@code sk = ARTICLE}) plus, while it is
 * published, one item per tag ({@code sk = TAG#<tag>}) and one per derived keyword that is no tag
 * ({@code sk = KEYWORD#<keyword>}), each carrying its summary. Only published items carry the index
 * attributes ({@code feed}, {@code sectionKey}, {@code tagKey}, {@code topicKey}, {@code publishedKey}),
 * so the indexes stay sparse and never list a draft. Tag items carry both {@code tagKey} (tag pages)
 * and {@code topicKey}; keyword items only {@code topicKey}, so the ByTopic index finds an article by
 * a tag or a keyword alike while tag pages list tags only.
 */
final class ArticleItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String FEED = "feed";
    static final String SECTION_KEY = "sectionKey";
    static final String TAG_KEY = "tagKey";
    static final String TOPIC_KEY = "topicKey";
    static final String PUBLISHED_KEY = "publishedKey";
    static final String REVISION = "revision";
    /** Absent on items stored before keywords existed, and on index entries that do not project it. */
    static final String KEYWORDS = "keywords";

    static final String ARTICLE_SK = "ARTICLE";
    static final String PUBLISHED_FEED = "PUBLISHED";

    private static final String ARTICLE_PREFIX = "ARTICLE#";
    private static final String TAG_PREFIX = "TAG#";
    private static final String KEYWORD_PREFIX = "KEYWORD#";

    private ArticleItems() {
    }

    static Map<String, AttributeValue> articleKey(String slug) {
        return Map.of(PK, s(ARTICLE_PREFIX + slug), SK, s(ARTICLE_SK));
    }

    static Map<String, AttributeValue> tagKey(String slug, String tag) {
        return Map.of(PK, s(ARTICLE_PREFIX + slug), SK, s(TAG_PREFIX + tag));
    }

    static Map<String, AttributeValue> keywordKey(String slug, String keyword) {
        return Map.of(PK, s(ARTICLE_PREFIX + slug), SK, s(KEYWORD_PREFIX + keyword));
    }

    /**
     * Sort key of every listing: the publication instant (fixed width, so text order is time
     * order) then the slug, which breaks ties deterministically.
     */
    static String publishedKey(Instant publishedAt, String slug) {
        return instant(publishedAt) + "#" + slug;
    }

    /** The smallest sort key above every entry published at or before {@code asOf}: '$' follows '#'. */
    static String publishedUpperBound(Instant asOf) {
        return instant(asOf) + "$";
    }

    static Map<String, AttributeValue> toArticleItem(Article article) {
        Map<String, AttributeValue> item = summaryAttributes(article.summarize());
        item.putAll(articleKey(article.slug()));
        item.put("bodyHtml", s(article.bodyHtml()));
        item.put("status", s(article.status().name()));
        item.put(REVISION, s(revision(article)));
        if (article.status() == ArticleStatus.PUBLISHED) {
            item.put(FEED, s(PUBLISHED_FEED));
            item.put(SECTION_KEY, s(article.section()));
            item.put(PUBLISHED_KEY, s(publishedKey(article.publishedAt(), article.slug())));
        }
        return item;
    }

    static Map<String, AttributeValue> toTagItem(Article article, String tag) {
        Map<String, AttributeValue> item = summaryAttributes(article.summarize());
        item.putAll(tagKey(article.slug(), tag));
        item.put(TAG_KEY, s(tag));
        item.put(TOPIC_KEY, s(tag));
        item.put(PUBLISHED_KEY, s(publishedKey(article.publishedAt(), article.slug())));
        return item;
    }

    static Map<String, AttributeValue> toKeywordItem(Article article, String keyword) {
        Map<String, AttributeValue> item = summaryAttributes(article.summarize());
        item.putAll(keywordKey(article.slug(), keyword));
        item.put(TOPIC_KEY, s(keyword));
        item.put(PUBLISHED_KEY, s(publishedKey(article.publishedAt(), article.slug())));
        return item;
    }

    static Article toArticle(Map<String, AttributeValue> item) {
        return new Article(
                string(item, "slug"),
                string(item, "title"),
                string(item, "summary"),
                string(item, "bodyHtml"),
                string(item, "author"),
                string(item, "section"),
                tags(item),
                ArticleStatus.valueOf(string(item, "status")),
                Instant.parse(string(item, "publishedAt")),
                Instant.parse(string(item, "updatedAt")),
                Integer.parseInt(number(item, "readingMinutes")),
                strings(item, KEYWORDS));
    }

    static ArticleSummary toSummary(Map<String, AttributeValue> item) {
        return new ArticleSummary(
                string(item, "slug"),
                string(item, "title"),
                string(item, "summary"),
                string(item, "author"),
                string(item, "section"),
                tags(item),
                Instant.parse(string(item, "publishedAt")),
                Instant.parse(string(item, "updatedAt")),
                Integer.parseInt(number(item, "readingMinutes")),
                strings(item, KEYWORDS));
    }

    static ListingPosition toPosition(Map<String, AttributeValue> lastEvaluatedKey) {
        String publishedKey = string(lastEvaluatedKey, PUBLISHED_KEY);
        int separator = publishedKey.indexOf('#');
        return new ListingPosition(
                Instant.parse(publishedKey.substring(0, separator)), publishedKey.substring(separator + 1));
    }

    /** A hash of everything stored, so that re-importing unchanged content writes nothing. */
    static String revision(Article article) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : List.of(article.slug(), article.title(), article.summary(), article.bodyHtml(),
                    article.author(), article.section(), String.join("\u001f", article.tags()),
                    article.status().name(), instant(article.publishedAt()), instant(article.updatedAt()),
                    Integer.toString(article.readingMinutes()), String.join("\u001f", article.keywords()))) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static Map<String, AttributeValue> summaryAttributes(ArticleSummary summary) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("slug", s(summary.slug()));
        item.put("title", s(summary.title()));
        item.put("summary", s(summary.summary()));
        item.put("author", s(summary.author()));
        item.put("section", s(summary.section()));
        // A list, not a string set: sets cannot be empty and lose the editor's order.
        List<AttributeValue> tags = new ArrayList<>(summary.tags().size());
        for (String tag : summary.tags()) {
            tags.add(s(tag));
        }
        item.put("tags", AttributeValue.fromL(tags));
        List<AttributeValue> keywords = new ArrayList<>(summary.keywords().size());
        for (String keyword : summary.keywords()) {
            keywords.add(s(keyword));
        }
        item.put(KEYWORDS, AttributeValue.fromL(keywords));
        item.put("publishedAt", s(instant(summary.publishedAt())));
        item.put("updatedAt", s(instant(summary.updatedAt())));
        item.put("readingMinutes", AttributeValue.fromN(Integer.toString(summary.readingMinutes())));
        return item;
    }

    /** The tags as stored, without the checks a whole article gets: only to clean up its entries. */
    static List<String> storedTags(Map<String, AttributeValue> item) {
        return tags(item);
    }

    /** The keywords as stored, to clean up the entries of those an update drops. */
    static List<String> storedKeywords(Map<String, AttributeValue> item) {
        return strings(item, KEYWORDS);
    }

    private static List<String> tags(Map<String, AttributeValue> item) {
        return strings(item, "tags");
    }

    private static List<String> strings(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<String> tags = new ArrayList<>(value.l().size());
        for (AttributeValue tag : value.l()) {
            tags.add(tag.s());
        }
        return tags;
    }

    private static String instant(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("stored article item lacks string attribute " + name);
        }
        return value.s();
    }

    private static String number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalStateException("stored article item lacks number attribute " + name);
        }
        return value.n();
    }
}
