package news.articles.article;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores the candidates for one article's RECOMMENDED list and orders them; the formula is
 * documented on {@link RecommendationService}.
 *
 * <p>Tag weights come from the article's own tag queries, the only counts at hand without extra
 * requests: a tag whose query returned {@code n} published articles (the article itself included,
 * at most {@link RecommendationService#CANDIDATES_PER_QUERY}) weighs
 * {@code 1 + ln(CANDIDATES_PER_QUERY / n)}, so a tag on two articles weighs about 3.3 and one on a
 * full page or more weighs 1. Every other tag (a candidate's own tags, the article's tags past
 * {@link RecommendationService#MAX_TAGS_CONSIDERED}) was not counted and weighs 1, as a common one.
 */
final class RecommendationRanking {

    /** Scores are compared rounded to this many parts of one, so that float noise never decides an order. */
    private static final double SCORE_GRID = 1_000_000;

    /**
     * The fallback chain first (related, then same section, then latest), then the score, then
     * the newer article, then the slug.
     */
    static final Comparator<Ranked> ORDER = Comparator
            .comparing(Ranked::kind)
            .thenComparing(Ranked::roundedScore, Comparator.reverseOrder())
            .thenComparing((Ranked ranked) -> ranked.article().publishedAt(), Comparator.reverseOrder())
            .thenComparing(ranked -> ranked.article().slug());

    private final Article article;
    private final Map<String, Integer> tagCounts;
    private final Instant now;
    private final double halfLifeSeconds;

    /**
     * @param tagCounts for each tag queried, how many published articles its query returned
     */
    RecommendationRanking(Article article, Map<String, Integer> tagCounts, Instant now, Duration halfLife) {
        this.article = Objects.requireNonNull(article, "article");
        this.tagCounts = Map.copyOf(Objects.requireNonNull(tagCounts, "tagCounts"));
        this.now = Objects.requireNonNull(now, "now");
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive, was " + halfLife);
        }
        this.halfLifeSeconds = halfLife.getSeconds() + halfLife.getNano() / 1e9;
    }

    Ranked rank(ArticleSummary candidate) {
        List<String> sharedTags = new ArrayList<>();
        for (String tag : article.tags()) {
            if (candidate.tags().contains(tag)) {
                sharedTags.add(tag);
            }
        }
        boolean sameSection = candidate.section().equals(article.section());
        double tagOverlap = weightedJaccard(candidate.tags());
        double score = RecommendationService.TAG_WEIGHT * tagOverlap
                + (sameSection ? RecommendationService.SECTION_WEIGHT : 0)
                + RecommendationService.RECENCY_WEIGHT * freshness(candidate.publishedAt());
        Recommendation.Reason kind = !sharedTags.isEmpty()
                ? Recommendation.Reason.SHARED_TAGS
                : sameSection ? Recommendation.Reason.SAME_SECTION : Recommendation.Reason.LATEST;
        return new Ranked(candidate, kind, sharedTags, sameSection, score);
    }

    /** The weight of the tags both have over the weight of the tags either has; 0 when neither has any. */
    double weightedJaccard(List<String> candidateTags) {
        Set<String> union = new LinkedHashSet<>(article.tags());
        union.addAll(candidateTags);
        double shared = 0;
        double all = 0;
        for (String tag : union) {
            double weight = weight(tag);
            all += weight;
            if (article.tags().contains(tag) && candidateTags.contains(tag)) {
                shared += weight;
            }
        }
        return all == 0 ? 0 : shared / all;
    }

    /** How specific a tag is: rarer tags say more about what two articles have in common. */
    double weight(String tag) {
        Integer count = tagCounts.get(tag);
        if (count == null) {
            return 1;
        }
        int seen = Math.max(1, Math.min(count, RecommendationService.CANDIDATES_PER_QUERY));
        return 1 + Math.log((double) RecommendationService.CANDIDATES_PER_QUERY / seen);
    }

    /** 1 for an article published now, halving with every half-life of age. */
    double freshness(Instant publishedAt) {
        double ageSeconds = Math.max(0, Duration.between(publishedAt, now).getSeconds());
        return Math.pow(0.5, ageSeconds / halfLifeSeconds);
    }

    /** A candidate with what the ranking found out about it. */
    record Ranked(ArticleSummary article, Recommendation.Reason kind, List<String> sharedTags, boolean sameSection,
            double score) {

        Ranked {
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(kind, "kind");
            sharedTags = List.copyOf(Objects.requireNonNull(sharedTags, "sharedTags"));
        }

        long roundedScore() {
            return Math.round(score * SCORE_GRID);
        }

        Recommendation toRecommendation() {
            return new Recommendation(article, kind, sharedTags, sameSection);
        }
    }
}
