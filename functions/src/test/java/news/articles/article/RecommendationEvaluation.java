package news.articles.article;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores a {@link RecommendationService} against judged articles: mean precision@k and nDCG@k of
 * RECOMMENDED against the clearly relevant ones, and the share of judged articles whose NEXT UP is
 * clearly relevant or related ({@code alsoRelevant}), with one line per judged article. Shared, through
 * the test-jar, by functions' RecommendationQualityTest (the labelled corpus) and tools'
 * SampleContentRecommendationQualityTest (the real content on moto), so that both measure alike.
 */
public final class RecommendationEvaluation {

    private RecommendationEvaluation() {
    }

    /** The corpus as its editors tagged it, or with every tag removed; names its floors in the judgements' file. */
    public enum Variant {
        TAGGED("tagged"),
        TAGS_STRIPPED("tagsStripped");

        public final String floors;

        Variant(String floors) {
            this.floors = floors;
        }
    }

    /** What one evaluation measured; {@code details} has one line per judged article. */
    public record Figures(int judged, double precision, double ndcg, int relevantNextUps, List<String> details) {

        public Figures {
            details = List.copyOf(Objects.requireNonNull(details, "details"));
        }

        public double nextUpRelevance() {
            return (double) relevantNextUps / judged;
        }

        public String perArticle() {
            return String.join("\n", details);
        }

        /** Fails, with every article's line, when a figure is below its recorded floor. */
        public void assertAtLeast(double precisionFloor, double ndcgFloor, double nextUpFloor) {
            assertTrue(precision >= precisionFloor, () -> String.format(
                    "mean precision@k %.3f fell below the recorded %.2f:%n%s", precision, precisionFloor, perArticle()));
            assertTrue(ndcg >= ndcgFloor, () -> String.format(
                    "mean nDCG@k %.3f fell below the recorded %.2f:%n%s", ndcg, ndcgFloor, perArticle()));
            assertTrue(nextUpRelevance() >= nextUpFloor, () -> String.format(
                    "NEXT UP relevance %.3f fell below the recorded %.2f:%n%s", nextUpRelevance(), nextUpFloor,
                    perArticle()));
        }
    }

    /**
     * Asks {@code service} for each judged article's list of {@code k} and scores it.
     *
     * @param judgements each judged article's clearly relevant ones
     * @param alsoRelevant each judged article's related but less close ones, for NEXT UP
     * @param label what a detail line shows after the slug (its keywords, say)
     */
    public static Figures evaluate(RecommendationService service, int k, Map<String, Set<String>> judgements,
            Map<String, Set<String>> alsoRelevant, Function<String, String> label) {
        double precision = 0;
        double ndcg = 0;
        int relevantNextUps = 0;
        List<String> details = new ArrayList<>();
        for (Map.Entry<String, Set<String>> judged : judgements.entrySet()) {
            String slug = judged.getKey();
            Set<String> related = alsoRelevant.getOrDefault(slug, Set.of());
            Recommendations recommendations = service.recommend(slug, k);
            List<String> ranked = recommendations.recommended().stream()
                    .map(recommendation -> recommendation.article().slug())
                    .toList();
            double p = RankingMetrics.precisionAt(k, ranked, judged.getValue());
            double n = RankingMetrics.ndcgAt(k, ranked, judged.getValue());
            precision += p;
            ndcg += n;
            String nextUp = recommendations.nextUp().map(next -> next.article().slug()).orElse(null);
            String nextUpRule = recommendations.nextUp().map(next -> next.rule().name()).orElse("none");
            boolean nextUpRelevant = judged.getValue().contains(nextUp) || related.contains(nextUp);
            relevantNextUps += nextUpRelevant ? 1 : 0;
            details.add(String.format("  %s %s: P@%d %.2f nDCG@%d %.2f %s, NEXT UP %s (%s, %s)", slug, label.apply(slug),
                    k, p, k, n, marked(ranked, judged.getValue(), related), nextUp, nextUpRule,
                    nextUpRelevant ? "relevant" : "not relevant"));
        }
        int judgedCount = judgements.size();
        return new Figures(judgedCount, precision / judgedCount, ndcg / judgedCount, relevantNextUps, details);
    }

    /** The ranked slugs, each clearly relevant one marked {@code *} and each related one {@code +}. */
    private static List<String> marked(List<String> ranked, Set<String> relevant, Set<String> related) {
        return ranked.stream()
                .map(slug -> slug + (relevant.contains(slug) ? "*" : related.contains(slug) ? "+" : ""))
                .toList();
    }
}
