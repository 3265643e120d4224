package news.articles.article;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Ranking quality with binary relevance: precision@k and nDCG@k (Järvelin and Kekäläinen's
 * discounted cumulative gain, gain 1 for a relevant item, discount log2(rank + 1)).
 * See https://en.wikipedia.org/wiki/Discounted_cumulative_gain. Used by {@link RecommendationEvaluation}.
 */
final class RankingMetrics {

    private RankingMetrics() {
    }

    /** The share of the first {@code k} places that hold a relevant item; an empty place counts as a miss. */
    static double precisionAt(int k, List<String> ranked, Set<String> relevant) {
        requireK(k);
        Objects.requireNonNull(relevant, "relevant");
        int hits = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                hits++;
            }
        }
        return (double) hits / k;
    }

    /**
     * DCG of the first {@code k} places divided by the DCG of an ideal ranking, which puts
     * {@code min(k, |relevant|)} relevant items first; 0 when nothing is relevant.
     */
    static double ndcgAt(int k, List<String> ranked, Set<String> relevant) {
        requireK(k);
        Objects.requireNonNull(relevant, "relevant");
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += discount(i + 1);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(k, relevant.size()); rank++) {
            ideal += discount(rank);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    private static double discount(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }

    private static void requireK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, was " + k);
        }
    }
}
