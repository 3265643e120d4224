package news.articles.article;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Scores the candidates for one article's RECOMMENDED list and orders them; the formula is
 * documented on {@link RecommendationService}.
 *
 * <p>An article's topics are its tags, each of strength 1, and its derived keywords, each of
 * strength {@value RecommendationService#KEYWORD_STRENGTH} (a topic that is both counts as a tag):
 * editors' tags weigh more than words a program picked. The overlap of two articles is the
 * weighted Jaccard (Ruzicka) of their topics: the sum over topics of {@code min(strength here,
 * strength there) × weight} over the sum of {@code max(...) × weight}, so two articles sharing
 * only tags score as before keywords existed.
 *
 * <p>Topic weights come from the article's own topic queries, the only counts at hand without
 * extra requests: a topic whose query returned {@code n} published articles (the article itself
 * included, at most {@link RecommendationService#CANDIDATES_PER_QUERY}) weighs
 * {@code 1 + ln(CANDIDATES_PER_QUERY / n)}, so a topic of two articles weighs about 3.3 and one of
 * a full page or more weighs 1. Every other topic (a candidate's own, the article's past the ones
 * queried) was not counted and weighs 1, as a common one.
 */
final class RecommendationRanking {

    /** Scores are compared rounded to this many parts of one, so that float noise never decides an order. */
    private static final double SCORE_GRID = 1_000_000;

    /**
     * The fallback chain first (sharing a tag, then only a keyword, then same section, then latest),
     * then the score, then the newer article, then the slug.
     */
    static final Comparator<Ranked> ORDER = Comparator
            .comparing((Ranked ranked) -> tier(ranked.kind()))
            .thenComparing(Ranked::roundedScore, Comparator.reverseOrder())
            .thenComparing((Ranked ranked) -> ranked.article().publishedAt(), Comparator.reverseOrder())
            .thenComparing(ranked -> ranked.article().slug());

    private final Article article;
    private final Map<String, Double> topics;
    private final Map<String, Integer> topicCounts;
    private final Instant now;
    private final double halfLifeSeconds;

    /**
     * @param topicCounts for each topic queried, how many published articles its query returned
     */
    RecommendationRanking(Article article, Map<String, Integer> topicCounts, Instant now, Duration halfLife) {
        this.article = Objects.requireNonNull(article, "article");
        this.topics = topics(article.tags(), article.keywords());
        this.topicCounts = Map.copyOf(Objects.requireNonNull(topicCounts, "topicCounts"));
        this.now = Objects.requireNonNull(now, "now");
        Objects.requireNonNull(halfLife, "halfLife");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive, was " + halfLife);
        }
        this.halfLifeSeconds = halfLife.getSeconds() + halfLife.getNano() / 1e9;
    }

    /**
     * An article sharing a tag comes before one sharing only keywords (editors' tags are the surer
     * sign), which comes before one of the same section only, then the rest.
     */
    static int tier(Recommendation.Reason kind) {
        return kind.ordinal();
    }

    Ranked rank(ArticleSummary candidate) {
        List<String> sharedTags = new ArrayList<>();
        for (String tag : article.tags()) {
            if (candidate.tags().contains(tag)) {
                sharedTags.add(tag);
            }
        }
        Map<String, Double> candidateTopics = topics(candidate.tags(), candidate.keywords());
        List<String> sharedKeywords = new ArrayList<>();
        for (String topic : topics.keySet()) {
            if (candidateTopics.containsKey(topic) && !sharedTags.contains(topic)) {
                sharedKeywords.add(topic);
            }
        }
        boolean sameSection = candidate.section().equals(article.section());
        double topicOverlap = weightedJaccard(candidateTopics);
        double score = RecommendationService.TAG_WEIGHT * topicOverlap
                + (sameSection ? RecommendationService.SECTION_WEIGHT : 0)
                + RecommendationService.RECENCY_WEIGHT * freshness(candidate.publishedAt());
        Recommendation.Reason kind = !sharedTags.isEmpty() ? Recommendation.Reason.SHARED_TAGS
                : !sharedKeywords.isEmpty() ? Recommendation.Reason.SHARED_KEYWORDS
                : sameSection ? Recommendation.Reason.SAME_SECTION : Recommendation.Reason.LATEST;
        return new Ranked(candidate, kind, sharedTags, sharedKeywords, sameSection, score);
    }

    /** The weighted Jaccard of the article's tags and a candidate's, neither having keywords. */
    double weightedJaccard(List<String> candidateTags) {
        return weightedJaccard(topics(candidateTags, List.of()));
    }

    /** The weighted overlap of the article's topics and the candidate's; 0 when neither has any. */
    double weightedJaccard(Map<String, Double> candidateTopics) {
        Set<String> union = new LinkedHashSet<>(topics.keySet());
        union.addAll(candidateTopics.keySet());
        double shared = 0;
        double all = 0;
        for (String topic : union) {
            double weight = weight(topic);
            double here = topics.getOrDefault(topic, 0.0);
            double there = candidateTopics.getOrDefault(topic, 0.0);
            all += Math.max(here, there) * weight;
            shared += Math.min(here, there) * weight;
        }
        return all == 0 ? 0 : shared / all;
    }

    /** Each topic with its strength, tags first: a tag 1, a keyword that is no tag less. */
    static Map<String, Double> topics(List<String> tags, List<String> keywords) {
        Map<String, Double> topics = new LinkedHashMap<>();
        for (String tag : tags) {
            topics.put(tag, 1.0);
        }
        for (String keyword : keywords) {
            topics.putIfAbsent(keyword, RecommendationService.KEYWORD_STRENGTH);
        }
        return topics;
    }

    /** How specific a topic is: rarer topics say more about what two articles have in common. */
    double weight(String topic) {
        Integer count = topicCounts.get(topic);
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
    record Ranked(ArticleSummary article, Recommendation.Reason kind, List<String> sharedTags,
            List<String> sharedKeywords, boolean sameSection, double score) {

        Ranked {
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(kind, "kind");
            sharedTags = List.copyOf(Objects.requireNonNull(sharedTags, "sharedTags"));
            sharedKeywords = List.copyOf(Objects.requireNonNull(sharedKeywords, "sharedKeywords"));
        }

        long roundedScore() {
            return Math.round(score * SCORE_GRID);
        }

        Recommendation toRecommendation() {
            return new Recommendation(article, kind, sharedTags, sharedKeywords, sameSection);
        }
    }
}
