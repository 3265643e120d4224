package news.articles.article;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import news.articles.error.RejectedException;
import news.articles.store.ArticleQuery;
import news.articles.store.ArticleStore;
import news.articles.store.ListingPosition;

/**
 * Picks the RECOMMENDED list and the NEXT UP article for a published article.
 *
 * <p>Ranking: articles sharing more of its tags first, then newer first, then by slug. When
 * fewer than {@code limit} share a tag, the list is filled with the same section's articles
 * published nearest in time to it, then with the newest on the site. NEXT UP is the article published next in the same section, else the
 * one published just before it, else the newest not already offered; never one of the list.
 *
 * <p>Cost is bounded whatever the size of the site: one GetItem and at most
 * {@value #MAX_TAGS_CONSIDERED} + 3 index queries, each reading at most {@value #CANDIDATES_PER_QUERY} items.
 */
public final class RecommendationService {

    public static final int DEFAULT_LIMIT = 3;
    public static final int MAX_LIMIT = 10;
    /** Only the editor's first tags count: they are the most telling, and each costs a query. */
    public static final int MAX_TAGS_CONSIDERED = 5;
    public static final int CANDIDATES_PER_QUERY = 20;

    private static final Comparator<Candidate> RANKING = Comparator
            .comparingInt((Candidate candidate) -> candidate.sharedTags.size()).reversed()
            .thenComparing((Candidate candidate) -> candidate.article.publishedAt(), Comparator.reverseOrder())
            .thenComparing(candidate -> candidate.article.slug());

    private final ArticleStore store;
    private final Clock clock;

    public RecommendationService(ArticleStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Validates the {@code limit} query parameter: absent means the default. */
    public static int parseLimit(Optional<String> raw) {
        if (raw.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        String text = raw.get();
        if (text.length() <= 2 && !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        }
        throw RejectedException.invalid("INVALID_LIMIT", "limit must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    public Recommendations recommend(String slug, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
        }
        Slug.require(slug);
        Instant now = clock.instant();
        Article article = store.find(slug)
                .filter(found -> found.isVisibleAt(now))
                .orElseThrow(ArticleService::notFound);
        ListingPosition position = ListingPosition.of(article.summarize());

        Map<String, Candidate> byTag = new LinkedHashMap<>();
        List<String> tags = article.tags().subList(0, Math.min(article.tags().size(), MAX_TAGS_CONSIDERED));
        for (String tag : tags) {
            for (ArticleSummary found : store.list(ArticleQuery.withTag(tag, now, CANDIDATES_PER_QUERY)).items()) {
                if (!found.slug().equals(slug)) {
                    byTag.computeIfAbsent(found.slug(), key -> new Candidate(found, sharedTags(article, found)));
                }
            }
        }
        ArticleQuery section = ArticleQuery.inSection(article.section(), now, CANDIDATES_PER_QUERY).after(position);
        List<ArticleSummary> newerInSection = store.list(section.oldestFirst()).items();
        List<ArticleSummary> olderInSection = store.list(section).items();
        List<ArticleSummary> latest = store.list(ArticleQuery.latest(now, MAX_LIMIT + 2)).items();

        List<Recommendation> recommended = new ArrayList<>(limit);
        Set<String> taken = new HashSet<>();
        taken.add(slug);
        byTag.values().stream().sorted(RANKING).forEach(candidate -> take(recommended, taken, limit,
                candidate.article, Recommendation.Reason.SHARED_TAGS, candidate.sharedTags));
        List<ArticleSummary> sameSection = new ArrayList<>(newerInSection);
        sameSection.addAll(olderInSection);
        // Nearest in time first: the section's stories from around the same moment.
        sameSection.sort(Comparator.comparingLong((ArticleSummary found) ->
                        Math.abs(found.publishedAt().getEpochSecond() - article.publishedAt().getEpochSecond()))
                .thenComparing(ArticleSummary::slug));
        sameSection.forEach(found -> take(recommended, taken, limit, found, Recommendation.Reason.SAME_SECTION, List.of()));
        latest.forEach(found -> take(recommended, taken, limit, found, Recommendation.Reason.LATEST, List.of()));

        Optional<NextUp> nextUp = first(newerInSection, taken).map(found -> new NextUp(found, NextUp.Rule.NEXT_IN_SECTION))
                .or(() -> first(olderInSection, taken).map(found -> new NextUp(found, NextUp.Rule.PREVIOUS_IN_SECTION)))
                .or(() -> first(latest, taken).map(found -> new NextUp(found, NextUp.Rule.LATEST)));
        return new Recommendations(slug, recommended, nextUp);
    }

    private static void take(List<Recommendation> recommended, Set<String> taken, int limit,
            ArticleSummary article, Recommendation.Reason reason, List<String> sharedTags) {
        if (recommended.size() < limit && taken.add(article.slug())) {
            recommended.add(new Recommendation(article, reason, sharedTags));
        }
    }

    private static Optional<ArticleSummary> first(List<ArticleSummary> articles, Set<String> taken) {
        return articles.stream().filter(found -> !taken.contains(found.slug())).findFirst();
    }

    private static List<String> sharedTags(Article article, ArticleSummary other) {
        List<String> shared = new ArrayList<>();
        for (String tag : article.tags()) {
            if (other.tags().contains(tag)) {
                shared.add(tag);
            }
        }
        return shared;
    }

    private record Candidate(ArticleSummary article, List<String> sharedTags) {
    }
}
