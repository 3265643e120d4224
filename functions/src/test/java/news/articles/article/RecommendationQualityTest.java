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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import news.articles.json.Json;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import org.junit.jupiter.api.Test;

/**
 * The ranking against a labelled corpus (src/test/resources/evaluation/corpus.json): for each
 * judged article, the articles a reader would expect next, labelled by topic. Prints mean
 * precision@3 and nDCG@3 over the judged articles and fails when either falls below the floor
 * recorded beside the corpus. Raise the floors when the ranking gets better; lowering one needs a reason.
 * {@code -Devaluation.details=true} prints each judged article's list too.
 */
class RecommendationQualityTest {

    private static final String CORPUS = "/evaluation/corpus.json";
    private static final int K = 3;

    @Test
    void meanPrecisionAndNdcgAtThreeStayAboveTheRecordedFloors() {
        Object corpus = readCorpus();
        Instant asOf = Instant.parse((String) member(corpus, "asOf"));
        Map<String, Article> articles = articles(corpus);
        Map<String, Set<String>> judgements = judgements(corpus, articles);
        RecommendationService service = new RecommendationService(
                new InMemoryArticleStore(articles.values().toArray(Article[]::new)), Clock.fixed(asOf, ZoneOffset.UTC));

        double precision = 0;
        double ndcg = 0;
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, Set<String>> judged : judgements.entrySet()) {
            List<String> ranked = service.recommend(judged.getKey(), K).recommended().stream()
                    .map(recommendation -> recommendation.article().slug())
                    .toList();
            double p = RankingMetrics.precisionAt(K, ranked, judged.getValue());
            double n = RankingMetrics.ndcgAt(K, ranked, judged.getValue());
            precision += p;
            ndcg += n;
            details.add(String.format("%s: P@3 %.2f nDCG@3 %.2f %s", judged.getKey(), p, n, ranked));
        }
        precision /= judgements.size();
        ndcg /= judgements.size();
        double precisionFloor = floor(corpus, "precisionAt3");
        double ndcgFloor = floor(corpus, "ndcgAt3");

        System.out.printf("Recommendation quality over %d judged articles of %d: mean precision@3 = %.3f (floor %.2f),"
                        + " mean nDCG@3 = %.3f (floor %.2f)%n",
                judgements.size(), articles.size(), precision, precisionFloor, ndcg, ndcgFloor);
        String perArticle = String.join("\n", details);
        if (Boolean.getBoolean("evaluation.details")) {
            System.out.println(perArticle);
        }
        double measuredPrecision = precision;
        double measuredNdcg = ndcg;
        assertTrue(measuredPrecision >= precisionFloor, () -> String.format(
                "mean precision@3 %.3f fell below the recorded %.2f:%n%s", measuredPrecision, precisionFloor, perArticle));
        assertTrue(measuredNdcg >= ndcgFloor, () -> String.format(
                "mean nDCG@3 %.3f fell below the recorded %.2f:%n%s", measuredNdcg, ndcgFloor, perArticle));
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

    private static Map<String, Article> articles(Object corpus) {
        Map<String, Article> articles = new LinkedHashMap<>();
        for (Object entry : (List<?>) member(corpus, "articles")) {
            String slug = (String) member(entry, "slug");
            Article article = Articles.article(slug)
                    .section((String) member(entry, "section"))
                    .tags(((List<?>) member(entry, "tags")).stream().map(String.class::cast).toArray(String[]::new))
                    .publishedAt(Instant.parse((String) member(entry, "publishedAt")))
                    .build();
            assertEquals(null, articles.put(slug, article), "the corpus lists " + slug + " twice");
        }
        return articles;
    }

    private static Map<String, Set<String>> judgements(Object corpus, Map<String, Article> articles) {
        Map<String, Set<String>> judgements = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) member(corpus, "judgements")).entrySet()) {
            String slug = (String) entry.getKey();
            Set<String> relevant = new LinkedHashSet<>();
            ((List<?>) entry.getValue()).forEach(value -> relevant.add((String) value));
            assertTrue(articles.containsKey(slug), "judged article " + slug + " is not in the corpus");
            assertTrue(articles.keySet().containsAll(relevant), slug + " expects articles the corpus lacks: " + relevant);
            assertFalse(relevant.contains(slug), slug + " is judged relevant to itself");
            assertFalse(relevant.isEmpty(), slug + " has no relevant article");
            judgements.put(slug, relevant);
        }
        assertTrue(judgements.size() >= 10, "at least ten judged articles");
        return judgements;
    }

    private static double floor(Object corpus, String name) {
        return Double.parseDouble(((Json.JsonNumber) member(member(corpus, "recordedFloors"), name)).text());
    }

    private static Object member(Object object, String name) {
        if (!(object instanceof Map<?, ?> map) || !map.containsKey(name)) {
            throw new AssertionError("corpus: no member '" + name + "' in " + object);
        }
        return map.get(name);
    }
}
