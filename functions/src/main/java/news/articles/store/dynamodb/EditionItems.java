package news.articles.store.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.articles.article.ArticleSummary;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps editions to the items of the Editions table and back.
 *
 * <p>An edition is one item ({@code pk = EDITION}, {@code sk = <edition id>}) holding its window and
 * its articles' summaries in order; a week without an edition is one item ({@code pk = NO_EDITION},
 * {@code sk = <edition id>}) with the reason. One partition for editions, so the archive and the
 * previous edition are a Query in id order (ISO weeks sort as text). Attributes this mapper does not
 * know (the delivery's fan-out progress) are left alone when reading.
 */
final class EditionItems {

    static final String PK = "pk";
    static final String SK = "sk";
    static final String EDITION_PK = "EDITION";
    static final String NO_EDITION_PK = "NO_EDITION";

    static final String SCHEDULED_AT = "scheduledAt";
    static final String WINDOW_START = "windowStart";
    static final String WINDOW_END = "windowEnd";
    static final String COMPOSED_AT = "composedAt";
    static final String ARTICLES = "articles";
    static final String REASON = "reason";

    private EditionItems() {
    }

    static Map<String, AttributeValue> editionKey(EditionId id) {
        return Map.of(PK, s(EDITION_PK), SK, s(id.value()));
    }

    static Map<String, AttributeValue> noEditionKey(EditionId id) {
        return Map.of(PK, s(NO_EDITION_PK), SK, s(id.value()));
    }

    static Map<String, AttributeValue> toItem(Edition edition) {
        Map<String, AttributeValue> item = new HashMap<>(editionKey(edition.id()));
        // Instant.toString keeps every digit, so an edition reads back exactly as it was stored.
        item.put(SCHEDULED_AT, s(edition.scheduledAt().toString()));
        item.put(WINDOW_START, s(edition.windowStart().toString()));
        item.put(WINDOW_END, s(edition.windowEnd().toString()));
        item.put(COMPOSED_AT, s(edition.composedAt().toString()));
        List<AttributeValue> articles = new ArrayList<>(edition.articles().size());
        for (ArticleSummary summary : edition.articles()) {
            articles.add(AttributeValue.fromM(toArticle(summary)));
        }
        item.put(ARTICLES, AttributeValue.fromL(articles));
        return item;
    }

    static Map<String, AttributeValue> toNoEditionItem(EditionId id, Instant scheduledAt, String reason) {
        Map<String, AttributeValue> item = new HashMap<>(noEditionKey(id));
        item.put(SCHEDULED_AT, s(scheduledAt.toString()));
        item.put(REASON, s(reason));
        return item;
    }

    static Edition toEdition(Map<String, AttributeValue> item) {
        AttributeValue articles = item.get(ARTICLES);
        if (articles == null || !articles.hasL()) {
            throw new IllegalStateException("stored edition item lacks list attribute " + ARTICLES);
        }
        List<ArticleSummary> summaries = new ArrayList<>(articles.l().size());
        for (AttributeValue article : articles.l()) {
            summaries.add(toSummary(article.m()));
        }
        return new Edition(
                new EditionId(string(item, SK)),
                instant(item, SCHEDULED_AT),
                instant(item, WINDOW_START),
                instant(item, WINDOW_END),
                instant(item, COMPOSED_AT),
                summaries);
    }

    private static Map<String, AttributeValue> toArticle(ArticleSummary summary) {
        Map<String, AttributeValue> article = new HashMap<>();
        article.put("slug", s(summary.slug()));
        article.put("title", s(summary.title()));
        article.put("summary", s(summary.summary()));
        article.put("author", s(summary.author()));
        article.put("section", s(summary.section()));
        List<AttributeValue> tags = new ArrayList<>(summary.tags().size());
        for (String tag : summary.tags()) {
            tags.add(s(tag));
        }
        article.put("tags", AttributeValue.fromL(tags));
        article.put("publishedAt", s(summary.publishedAt().toString()));
        article.put("updatedAt", s(summary.updatedAt().toString()));
        article.put("readingMinutes", AttributeValue.fromN(Integer.toString(summary.readingMinutes())));
        return article;
    }

    private static ArticleSummary toSummary(Map<String, AttributeValue> article) {
        AttributeValue tags = article.get("tags");
        List<String> tagList = new ArrayList<>();
        if (tags != null && tags.hasL()) {
            for (AttributeValue tag : tags.l()) {
                tagList.add(tag.s());
            }
        }
        AttributeValue minutes = article.get("readingMinutes");
        if (minutes == null || minutes.n() == null) {
            throw new IllegalStateException("stored edition article lacks number attribute readingMinutes");
        }
        return new ArticleSummary(
                string(article, "slug"),
                string(article, "title"),
                string(article, "summary"),
                string(article, "author"),
                string(article, "section"),
                tagList,
                instant(article, "publishedAt"),
                instant(article, "updatedAt"),
                Integer.parseInt(minutes.n()));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static Instant instant(Map<String, AttributeValue> item, String name) {
        return Instant.parse(string(item, name));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("stored edition item lacks string attribute " + name);
        }
        return value.s();
    }
}
