package news.articles.article;

import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import news.articles.testing.Articles;
import org.junit.jupiter.api.Test;

/** The score's parts, against values worked out by hand. */
class RecommendationRankingTest {

    private static final double EPSILON = 1e-12;
    private static final Duration MONTH = Duration.ofDays(30);

    private final Article subject = article("subject").section("science").tags("heat-pumps", "energy", "homes").build();

    @Test
    void aTagWeighsMoreTheFewerArticlesItsQueryFound() {
        RecommendationRanking ranking = new RecommendationRanking(subject,
                Map.of("heat-pumps", 2, "energy", RecommendationService.CANDIDATES_PER_QUERY, "homes", 1), Articles.NOW, MONTH);

        assertEquals(1 + Math.log(10), ranking.weight("heat-pumps"), EPSILON);
        assertEquals(1, ranking.weight("energy"), EPSILON);
        assertEquals(1 + Math.log(20), ranking.weight("homes"), EPSILON);
        assertEquals(1, ranking.weight("never-queried"), EPSILON);
    }

    @Test
    void weightedJaccardIsTheSharedWeightOverTheWeightOfEitherTags() {
        RecommendationRanking ranking = new RecommendationRanking(subject,
                Map.of("heat-pumps", 2, "energy", 20, "homes", 20), Articles.NOW, MONTH);
        double heatPumps = 1 + Math.log(10);

        // Shared: heat-pumps and energy; either: those, homes and grants (unqueried, weight 1).
        assertEquals((heatPumps + 1) / (heatPumps + 3), ranking.weightedJaccard(List.of("energy", "heat-pumps", "grants")),
                EPSILON);
        assertEquals(1, ranking.weightedJaccard(List.of("homes", "energy", "heat-pumps")), EPSILON);
        assertEquals(0, ranking.weightedJaccard(List.of("space")), EPSILON);
        // With every weight 1 it is the plain Jaccard index: 1 shared of 4.
        RecommendationRanking plain = new RecommendationRanking(subject, Map.of(), Articles.NOW, MONTH);
        assertEquals(0.25, plain.weightedJaccard(List.of("energy", "solar")), EPSILON);
    }

    @Test
    void withoutTagsOnEitherSideTheOverlapIsZero() {
        Article untagged = article("untagged").build();
        RecommendationRanking ranking = new RecommendationRanking(untagged, Map.of(), Articles.NOW, MONTH);

        assertEquals(0, ranking.weightedJaccard(List.of()), EPSILON);
        assertEquals(0, ranking.weightedJaccard(List.of("energy")), EPSILON);
    }

    @Test
    void aKeywordCountsHalfATagInTheOverlap() {
        Article withKeywords = article("subject").tags("heat-pumps").keywords("boiler", "grant").build();
        RecommendationRanking ranking = new RecommendationRanking(withKeywords, Map.of(), Articles.NOW, MONTH);
        double keyword = RecommendationService.KEYWORD_STRENGTH;

        // Shared: boiler, a keyword here and a tag there (min 0.5, max 1); either: heat-pumps 1, grant 0.5.
        assertEquals(keyword / (1 + 1 + keyword),
                ranking.weightedJaccard(RecommendationRanking.topics(List.of("boiler"), List.of())), EPSILON);
        // A shared tag counts twice what a shared keyword does.
        double sharedTag = ranking.weightedJaccard(RecommendationRanking.topics(List.of("heat-pumps"), List.of()));
        double sharedKeyword = ranking.weightedJaccard(RecommendationRanking.topics(List.of(), List.of("grant")));
        assertEquals(1 / (1 + 2 * keyword), sharedTag, EPSILON);
        assertEquals(keyword / (1 + 2 * keyword), sharedKeyword, EPSILON);
        // A topic both a tag and a keyword counts as the tag.
        assertEquals(Map.of("grant", 1.0), RecommendationRanking.topics(List.of("grant"), List.of("grant")));
    }

    @Test
    void theReasonNamesSharedTagsApartFromSharedKeywords() {
        Article withKeywords = article("subject").section("science").tags("heat-pumps", "energy")
                .keywords("boiler", "grant").build();
        RecommendationRanking ranking = new RecommendationRanking(withKeywords, Map.of(), Articles.NOW, MONTH);

        RecommendationRanking.Ranked both = ranking.rank(article("both").section("business").tags("energy", "boiler")
                .keywords("grant").build().summarize());
        assertEquals(Recommendation.Reason.SHARED_TAGS, both.kind());
        assertEquals(List.of("energy"), both.sharedTags());
        assertEquals(List.of("boiler", "grant"), both.sharedKeywords());

        RecommendationRanking.Ranked keywordsOnly = ranking.rank(article("kw").section("business").keywords("grant")
                .build().summarize());
        assertEquals(Recommendation.Reason.SHARED_KEYWORDS, keywordsOnly.kind());
        assertEquals(List.of("grant"), keywordsOnly.toRecommendation().sharedKeywords());

        RecommendationRanking.Ranked sameSection = ranking.rank(article("near").section("science").build().summarize());
        assertEquals(Recommendation.Reason.SAME_SECTION, sameSection.kind());
        // Sharing a tag ranks first, then only a keyword, then the section, whatever the scores.
        assertEquals(List.of(both, keywordsOnly, sameSection), java.util.stream.Stream.of(sameSection, keywordsOnly, both)
                .sorted(RecommendationRanking.ORDER).toList());
    }

    @Test
    void freshnessHalvesWithEveryHalfLife() {
        RecommendationRanking ranking = new RecommendationRanking(subject, Map.of(), Articles.NOW, MONTH);

        assertEquals(1, ranking.freshness(Articles.NOW), EPSILON);
        assertEquals(0.5, ranking.freshness(Articles.NOW.minus(MONTH)), EPSILON);
        assertEquals(0.125, ranking.freshness(Articles.NOW.minus(Duration.ofDays(90))), EPSILON);
        assertEquals(Math.pow(0.5, 0.1), ranking.freshness(Articles.NOW.minus(Duration.ofDays(3))), EPSILON);
        // A half-life's fraction of a second counts: 1.5 s, so an article 3 s old has halved twice.
        RecommendationRanking fast = new RecommendationRanking(subject, Map.of(), Articles.NOW, Duration.ofMillis(1500));
        assertEquals(0.25, fast.freshness(Articles.NOW.minusSeconds(3)), EPSILON);
    }

    @Test
    void theScoreAddsTheWeightedParts() {
        RecommendationRanking ranking = new RecommendationRanking(subject, Map.of(), Articles.NOW, MONTH);
        ArticleSummary candidate = article("candidate").section("science").tags("energy", "homes")
                .publishedAt(Articles.NOW.minus(MONTH)).build().summarize();

        RecommendationRanking.Ranked ranked = ranking.rank(candidate);

        // Jaccard 2/3, same section, half fresh.
        assertEquals(0.6 * 2 / 3 + 0.15 + 0.25 * 0.5, ranked.score(), EPSILON);
        assertEquals(Recommendation.Reason.SHARED_TAGS, ranked.kind());
        assertEquals(List.of("energy", "homes"), ranked.sharedTags());
        assertEquals(675_000, ranked.roundedScore(), "0.4 + 0.15 + 0.125");
    }

    @Test
    void theWeightsAddUpToOne() {
        assertEquals(1, RecommendationService.TAG_WEIGHT + RecommendationService.SECTION_WEIGHT
                + RecommendationService.RECENCY_WEIGHT, EPSILON);
    }

    @Test
    void aHalfLifeMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new RecommendationRanking(subject, Map.of(), Articles.NOW, Duration.ZERO));
    }
}
