package news.articles.article;

import static news.articles.article.RankingMetrics.ndcgAt;
import static news.articles.article.RankingMetrics.precisionAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The evaluation's metrics against values worked out by hand. */
class RankingMetricsTest {

    private static final double EPSILON = 1e-9;
    /** 1 / log2(3), the discount of the second place. */
    private static final double SECOND = 0.6309297535714574;

    @Test
    void precisionCountsHitsAmongTheFirstK() {
        assertEquals(1.0, precisionAt(3, List.of("a", "b", "c"), Set.of("a", "b", "c", "d")), EPSILON);
        assertEquals(2.0 / 3, precisionAt(3, List.of("a", "x", "c", "b"), Set.of("a", "b", "c")), EPSILON);
        assertEquals(0.0, precisionAt(3, List.of("x", "y", "z", "a"), Set.of("a")), EPSILON);
        // Fewer than k relevant items caps precision below 1, as the definition says.
        assertEquals(1.0 / 3, precisionAt(3, List.of("a", "x", "y"), Set.of("a")), EPSILON);
    }

    @Test
    void aShortListCountsItsEmptyPlacesAsMisses() {
        assertEquals(1.0 / 3, precisionAt(3, List.of("a"), Set.of("a", "b")), EPSILON);
        assertEquals(0.0, precisionAt(3, List.of(), Set.of("a")), EPSILON);
        assertEquals(0.0, ndcgAt(3, List.of(), Set.of("a")), EPSILON);
    }

    @Test
    void ndcgIsOneForAnIdealRanking() {
        assertEquals(1.0, ndcgAt(3, List.of("a", "b", "c"), Set.of("a", "b", "c")), EPSILON);
        assertEquals(1.0, ndcgAt(3, List.of("b", "a", "x"), Set.of("a", "b")), EPSILON);
        assertEquals(1.0, ndcgAt(3, List.of("a", "x", "y"), Set.of("a")), EPSILON);
    }

    @Test
    void ndcgOnHandWorkedRankings() {
        // DCG = 1 + 0 + 1/log2(4) = 1.5; ideal = 1 + 1/log2(3) = 1.6309...
        assertEquals(1.5 / (1 + SECOND), ndcgAt(3, List.of("a", "x", "c"), Set.of("a", "c")), EPSILON);
        assertEquals(0.9197207891481877, ndcgAt(3, List.of("a", "x", "c"), Set.of("a", "c")), EPSILON);
        // DCG = 1/log2(3); ideal = 1 + 1/log2(3) + 1/2 = 2.1309...
        assertEquals(SECOND / (1 + SECOND + 0.5), ndcgAt(3, List.of("x", "a", "y"), Set.of("a", "b", "c")), EPSILON);
        assertEquals(0.2960819109658652, ndcgAt(3, List.of("x", "a", "y"), Set.of("a", "b", "c")), EPSILON);
        // Only the first k places count: the hit at place 4 adds nothing.
        assertEquals(0.0, ndcgAt(3, List.of("x", "y", "z", "a"), Set.of("a")), EPSILON);
        // A hit lower down is worth less: place 3 alone against place 1 alone.
        assertEquals(0.5, ndcgAt(3, List.of("x", "y", "a"), Set.of("a")), EPSILON);
    }

    @Test
    void nothingRelevantScoresZero() {
        assertEquals(0.0, ndcgAt(3, List.of("a", "b", "c"), Set.of()), EPSILON);
        assertEquals(0.0, precisionAt(3, List.of("a", "b", "c"), Set.of()), EPSILON);
    }

    @Test
    void kMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> precisionAt(0, List.of("a"), Set.of("a")));
        assertThrows(IllegalArgumentException.class, () -> ndcgAt(0, List.of("a"), Set.of("a")));
    }
}
