package news.articles.article;

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
import news.articles.article.RecommendationEvaluation.Variant;
import news.articles.json.Json;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import org.junit.jupiter.api.Test;

/**
 * The ranking against a labelled corpus (src/test/resources/evaluation/corpus.json): for each
 * judged article, the articles a reader would expect next, labelled by topic. Prints mean
 * precision@3 and nDCG@3 of RECOMMENDED and the share of judged articles whose NEXT UP is relevant
 * (one of the judged articles or of the {@code nextUpAlsoRelevant} ones, which are related but
 * less close), and fails when any falls below the floor recorded beside the corpus. Two variants:
 * the corpus as tagged by its editors, and the same corpus with every tag stripped, as an
 * untagged archive would be. Both derive keywords from the titles and summaries first, as the
 * importer does ({@link KeywordExtractor}). Raise the floors when the ranking gets better; lowering one needs a
 * reason. {@code -Devaluation.details=true} prints each judged article's list too.
 */
class RecommendationQualityTest {

    private static final String CORPUS = "/evaluation/corpus.json";
    private static final int K = 3;

    @Test
    void theTaggedCorpusStaysAboveTheRecordedFloors() {
        evaluate(Variant.TAGGED);
    }

    @Test
    void theCorpusWithItsTagsStrippedStaysAboveTheRecordedFloors() {
        evaluate(Variant.TAGS_STRIPPED);
    }

    private static void evaluate(Variant variant) {
        Object corpus = readCorpus();
        Instant asOf = Instant.parse((String) member(corpus, "asOf"));
        Map<String, Article> articles = articles(corpus, variant);
        Map<String, Set<String>> judgements = judgements(corpus, "judgements", articles, false);
        Map<String, Set<String>> alsoRelevant = judgements(corpus, "nextUpAlsoRelevant", articles, true);
        assertEquals(judgements.keySet(), alsoRelevant.keySet(), "nextUpAlsoRelevant judges the same articles");
        RecommendationService service = new RecommendationService(
                new InMemoryArticleStore(articles.values().toArray(Article[]::new)), Clock.fixed(asOf, ZoneOffset.UTC));

        RecommendationEvaluation.Figures figures = RecommendationEvaluation.evaluate(service, K, judgements, alsoRelevant,
                slug -> articles.get(slug).keywords().toString());
        Object floors = member(member(corpus, "recordedFloors"), variant.floors);
        double precisionFloor = number(floors, "precisionAt3");
        double ndcgFloor = number(floors, "ndcgAt3");
        double nextUpFloor = number(floors, "nextUpRelevance");

        System.out.printf("Recommendation quality, %s, over %d judged articles of %d: mean precision@3 = %.3f (floor %.2f),"
                        + " mean nDCG@3 = %.3f (floor %.2f), NEXT UP relevant for %d = %.3f (floor %.2f)%n",
                variant.floors, figures.judged(), articles.size(), figures.precision(), precisionFloor, figures.ndcg(),
                ndcgFloor, figures.relevantNextUps(), figures.nextUpRelevance(), nextUpFloor);
        if (Boolean.getBoolean("evaluation.details")) {
            System.out.println(figures.perArticle());
        }
        figures.assertAtLeast(precisionFloor, ndcgFloor, nextUpFloor);
    }

    private static Object readCorpus() {
        try (InputStream in = RecommendationQualityTest.class.getResourceAsStream(CORPUS)) {
            if (in == null) {
                throw new AssertionError("no " + CORPUS + " on the test class path");
            }
            return Json.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Article> articles(Object corpus, Variant variant) {
        Map<String, Article> articles = new LinkedHashMap<>();
        for (Object entry : (List<?>) member(corpus, "articles")) {
            String slug = (String) member(entry, "slug");
            Article article = Articles.article(slug)
                    .title((String) member(entry, "title"))
                    .summary((String) member(entry, "summary"))
                    .section((String) member(entry, "section"))
                    .tags(variant == Variant.TAGS_STRIPPED
                            ? new String[0]
                            : ((List<?>) member(entry, "tags")).stream().map(String.class::cast).toArray(String[]::new))
                    .publishedAt(Instant.parse((String) member(entry, "publishedAt")))
                    .build();
            assertEquals(null, articles.put(slug, article), "the corpus lists " + slug + " twice");
        }
        // As the importer does: keywords derived over the whole corpus, from the text alone.
        Map<String, Article> withKeywords = new LinkedHashMap<>();
        KeywordExtractor.withKeywords(List.copyOf(articles.values()))
                .forEach(article -> withKeywords.put(article.slug(), article));
        return withKeywords;
    }

    private static Map<String, Set<String>> judgements(
            Object corpus, String name, Map<String, Article> articles, boolean mayBeEmpty) {
        Map<String, Set<String>> judgements = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) member(corpus, name)).entrySet()) {
            String slug = (String) entry.getKey();
            Set<String> relevant = new LinkedHashSet<>();
            ((List<?>) entry.getValue()).forEach(value -> relevant.add((String) value));
            assertTrue(articles.containsKey(slug), "judged article " + slug + " is not in the corpus");
            assertTrue(articles.keySet().containsAll(relevant), slug + " expects articles the corpus lacks: " + relevant);
            assertFalse(relevant.contains(slug), slug + " is judged relevant to itself");
            assertTrue(mayBeEmpty || !relevant.isEmpty(), slug + " has no relevant article");
            judgements.put(slug, relevant);
        }
        assertTrue(judgements.size() >= 10, "at least ten judged articles");
        return judgements;
    }

    private static double number(Object object, String name) {
        return Double.parseDouble(((Json.JsonNumber) member(object, name)).text());
    }

    private static Object member(Object object, String name) {
        if (!(object instanceof Map<?, ?> map) || !map.containsKey(name)) {
            throw new AssertionError("corpus: no member '" + name + "' in " + object);
        }
        return map.get(name);
    }
}
