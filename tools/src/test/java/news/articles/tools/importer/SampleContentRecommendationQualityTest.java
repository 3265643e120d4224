package news.articles.tools.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.article.KeywordExtractor;
import news.articles.article.RecommendationEvaluation;
import news.articles.article.RecommendationEvaluation.Variant;
import news.articles.article.RecommendationService;
import news.articles.json.Json;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.ProjectRoot;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The ranking against the real sample articles of content/, judged by an editor
 * (src/test/resources/evaluation/sample-content-judgements.json): the second evaluation beside
 * functions' RecommendationQualityTest, whose corpus is synthetic. The content is parsed as the
 * importer parses it (keywords derived over the whole folder), saved in the real DynamoDB store on
 * moto and ranked by the real {@link RecommendationService} at the judgements' {@code asOf}, so the
 * store's queries and indexes are part of what is measured. Prints mean precision@3 and nDCG@3 of
 * RECOMMENDED against the clearly relevant articles ({@code judgements}), the share of judged
 * articles whose NEXT UP is clearly relevant or related ({@code alsoRelevant}), and one line per
 * judged article, always: sixteen lines that say in a CI log which article moved. Fails when a
 * figure falls below the floor recorded beside the judgements. Two variants: the content as
 * tagged, and with every tag stripped before keywords are derived, as an untagged archive would be.
 */
@ExtendWith(MotoExtension.class)
class SampleContentRecommendationQualityTest {

    private static final String JUDGEMENTS = "/evaluation/sample-content-judgements.json";
    private static final int K = 3;

    @Test
    void theTaggedSampleContentStaysAboveTheRecordedFloors(MotoServer moto) {
        evaluate(moto, Variant.TAGGED);
    }

    @Test
    void theSampleContentWithItsTagsStrippedStaysAboveTheRecordedFloors(MotoServer moto) {
        evaluate(moto, Variant.TAGS_STRIPPED);
    }

    private static void evaluate(MotoServer moto, Variant variant) {
        Object file = readJudgements();
        Instant asOf = Instant.parse((String) member(file, "asOf"));
        List<Article> articles = articles(variant);
        Map<String, Article> bySlug = new LinkedHashMap<>();
        articles.forEach(article -> bySlug.put(article.slug(), article));
        Set<String> recommendable = new TreeSet<>();
        articles.stream().filter(article -> article.status() == ArticleStatus.PUBLISHED && article.isVisibleAt(asOf))
                .forEach(article -> recommendable.add(article.slug()));
        Map<String, Set<String>> judgements = judgements(file, "judgements", recommendable, false);
        Map<String, Set<String>> alsoRelevant = judgements(file, "alsoRelevant", recommendable, true);
        // Judged by reading every article: one added to content/ without a judgement would move the
        // figures without anyone having said what a reader of it should get.
        assertEquals(recommendable, new TreeSet<>(judgements.keySet()),
                "every published article of content/ dated before asOf is judged, and only those");
        assertEquals(judgements.keySet(), alsoRelevant.keySet(), "alsoRelevant judges the same articles");
        judgements.forEach((slug, relevant) -> assertFalse(relevant.stream().anyMatch(alsoRelevant.get(slug)::contains),
                slug + ": an article is either clearly relevant or related, not both"));

        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint())) {
            DynamoDbArticleStore store = new DynamoDbArticleStore(dynamoDb, TestTables.createArticlesTable(dynamoDb));
            new ContentImporter(store).importArticles(articles, entry -> { });
            RecommendationService service = new RecommendationService(store, Clock.fixed(asOf, ZoneOffset.UTC));

            RecommendationEvaluation.Figures figures = RecommendationEvaluation.evaluate(service, K, judgements,
                    alsoRelevant, slug -> bySlug.get(slug).keywords().toString());
            Object floors = member(member(file, "recordedFloors"), variant.floors);
            double precisionFloor = number(floors, "precisionAt3");
            double ndcgFloor = number(floors, "ndcgAt3");
            double nextUpFloor = number(floors, "nextUpRelevance");

            System.out.printf("Sample content recommendation quality, %s, over %d judged articles of %d:"
                            + " mean precision@3 = %.3f (floor %.2f), mean nDCG@3 = %.3f (floor %.2f),"
                            + " NEXT UP relevant for %d = %.3f (floor %.2f)%n",
                    variant.floors, figures.judged(), articles.size(), figures.precision(), precisionFloor,
                    figures.ndcg(), ndcgFloor, figures.relevantNextUps(), figures.nextUpRelevance(), nextUpFloor);
            System.out.println(figures.perArticle());
            figures.assertAtLeast(precisionFloor, ndcgFloor, nextUpFloor);
        }
    }

    /**
     * content/ as the importer parses it; stripped, each article loses its tags and its keywords are
     * derived again, because the extractor leaves out words that are the article's own tags.
     */
    private static List<Article> articles(Variant variant) {
        List<Article> parsed = ContentImporter.parseFolder(ProjectRoot.require().resolve("content"));
        if (variant == Variant.TAGGED) {
            return parsed;
        }
        List<Article> untagged = parsed.stream()
                .map(article -> new Article(article.slug(), article.title(), article.summary(), article.bodyHtml(),
                        article.author(), article.section(), List.of(), article.status(), article.publishedAt(),
                        article.updatedAt(), article.readingMinutes()))
                .toList();
        return KeywordExtractor.withKeywords(untagged);
    }

    private static Object readJudgements() {
        try (InputStream in = SampleContentRecommendationQualityTest.class.getResourceAsStream(JUDGEMENTS)) {
            if (in == null) {
                throw new AssertionError("no " + JUDGEMENTS + " on the test class path");
            }
            return Json.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Set<String>> judgements(
            Object file, String name, Set<String> recommendable, boolean mayBeEmpty) {
        Map<String, Set<String>> judgements = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) member(file, name)).entrySet()) {
            String slug = (String) entry.getKey();
            Set<String> relevant = new LinkedHashSet<>();
            ((List<?>) entry.getValue()).forEach(value -> relevant.add((String) value));
            // The draft and the article dated after asOf are never recommended: judging one relevant
            // would count a miss the ranking cannot avoid.
            assertTrue(recommendable.containsAll(relevant),
                    slug + " (" + name + ") names articles that are not published before asOf: " + relevant);
            assertFalse(relevant.contains(slug), slug + " is judged relevant to itself");
            assertTrue(mayBeEmpty || !relevant.isEmpty(), slug + " has no clearly relevant article");
            judgements.put(slug, relevant);
        }
        return judgements;
    }

    private static double number(Object object, String name) {
        return Double.parseDouble(((Json.JsonNumber) member(object, name)).text());
    }

    private static Object member(Object object, String name) {
        if (!(object instanceof Map<?, ?> map) || !map.containsKey(name)) {
            throw new AssertionError(JUDGEMENTS + ": no member '" + name + "' in " + object);
        }
        return map.get(name);
    }
}
