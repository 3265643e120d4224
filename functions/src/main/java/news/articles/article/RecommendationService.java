package news.articles.article;

import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Picks the RECOMMENDED list and the NEXT UP article for a published article.
 *
 * <p><b>Candidates.</b> The published articles (never drafts, never dated after now) that these
 * reads return, the article itself left out: the newest {@value #CANDIDATES_PER_QUERY} about each
 * of its first {@value #MAX_TAGS_CONSIDERED} tags and its first {@value #MAX_KEYWORDS_CONSIDERED}
 * derived keywords that are no tag (one query of the topic index each, which finds an article by a
 * tag or a keyword alike), the {@value #CANDIDATES_PER_QUERY} of its section
 * published just after it and the {@value #CANDIDATES_PER_QUERY} newest of its section, and the
 * {@value #LATEST_CANDIDATES} newest on the site.
 *
 * <p><b>Score</b> of a candidate:
 * <pre>
 *   {@value #TAG_WEIGHT} × weighted Jaccard of the two topic sets (tags, and keywords at strength {@value #KEYWORD_STRENGTH})
 * + {@value #SECTION_WEIGHT} × (1 if same section, else 0)
 * + {@value #RECENCY_WEIGHT} × 0.5^(age / half-life)      age from now; half-life 30 days unless configured
 * </pre>
 * The weighted Jaccard is the weight of the shared topics over the weight of all the topics either
 * has; a topic's weight grows as it gets rarer, and a derived keyword counts for less than an
 * editor's tag, as {@link RecommendationRanking} explains. There is
 * no popularity term: the site records no views or reads.
 *
 * <p><b>Order</b>, which is also the fallback chain: first the candidates sharing a tag
 * ({@link Recommendation.Reason#SHARED_TAGS}), then those sharing only a keyword-derived topic
 * ({@link Recommendation.Reason#SHARED_KEYWORDS}), then those of the same section
 * ({@link Recommendation.Reason#SAME_SECTION}), then the rest, newest on the site first
 * ({@link Recommendation.Reason#LATEST}); within each, higher score first (scores equal to six
 * decimals tie), then the newer, then the slug in alphabetical order. The list is full whenever
 * the site has {@code limit} other published articles: the newest ones are always candidates.
 *
 * <p><b>NEXT UP</b> follows the rules of {@link NextUp}: the best related candidate past the first
 * {@value #DEFAULT_LIMIT} ranked (one sharing a tag before one sharing only a keyword), preferring
 * one published after the article, else the section's next or previous, else the site's newest; the
 * same whatever the limit, and never on the list (a longer list skips it).
 *
 * <p><b>Cost</b> is bounded whatever the size of the site: one GetItem and at most
 * {@value #MAX_TAGS_CONSIDERED} + {@value #MAX_KEYWORDS_CONSIDERED} + 3 = {@value #MAX_QUERIES} queries of
 * an index, each reading at most {@value #CANDIDATES_PER_QUERY} items; exactly 1 + min(tags,
 * {@value #MAX_TAGS_CONSIDERED}) + min(keywords that are no tag, {@value #MAX_KEYWORDS_CONSIDERED}) + 3
 * calls for a found article (before any retry by the SDK), one GetItem for an absent one. No scan.
 * The queries depend only on the article, so they run at the same time on the {@code reads}
 * executor ({@link #newReadPool()} in production): a call waits for two round trips, the GetItem's
 * and the slowest query's. Their results are put together in a fixed order, whatever order they
 * arrive in, so the answer is the same as if they ran one after another; should one fail, the call
 * fails with the first failure in that order, once every query has finished.
 */
public final class RecommendationService {

    public static final int DEFAULT_LIMIT = 3;
    public static final int MAX_LIMIT = 10;
    /** Only the editor's first tags are queried: they are the most telling, and each costs a query. */
    public static final int MAX_TAGS_CONSIDERED = 5;
    /** The article's first derived keywords (best first) that are no tag: each costs a query too. */
    public static final int MAX_KEYWORDS_CONSIDERED = 4;
    public static final int CANDIDATES_PER_QUERY = 20;
    /** The newest on the site: enough to fill the longest list and NEXT UP, the article itself among them. */
    public static final int LATEST_CANDIDATES = MAX_LIMIT + 2;

    public static final double TAG_WEIGHT = 0.6;
    public static final double SECTION_WEIGHT = 0.15;
    public static final double RECENCY_WEIGHT = 0.25;
    /** A derived keyword's strength as a topic, against a tag's 1: editors' tags say more. */
    public static final double KEYWORD_STRENGTH = 0.5;
    /** How long recency takes to halve, unless configured: a month-old article keeps half its freshness. */
    public static final Duration DEFAULT_HALF_LIFE = Duration.ofDays(30);

    /** NEXT UP's related rules look at these in turn: a shared tag is the surer sign. */
    private static final List<Recommendation.Reason> RELATED_TIERS =
            List.of(Recommendation.Reason.SHARED_TAGS, Recommendation.Reason.SHARED_KEYWORDS);

    private static final Comparator<ArticleSummary> OLDEST_FIRST =
            Comparator.comparing(ArticleSummary::publishedAt).thenComparing(ArticleSummary::slug);

    /** Queries one call makes at most: one per topic considered, and the section's two and the site's one. */
    public static final int MAX_QUERIES = MAX_TAGS_CONSIDERED + MAX_KEYWORDS_CONSIDERED + 3;

    private final ArticleStore store;
    private final Clock clock;
    private final Duration halfLife;
    private final Executor reads;

    /** Runs the queries one after another in the caller's thread: for tests and tools. */
    public RecommendationService(ArticleStore store, Clock clock) {
        this(store, clock, Runnable::run);
    }

    /** Runs the queries on {@code reads}, at the same time when it has the threads. */
    public RecommendationService(ArticleStore store, Clock clock, Executor reads) {
        this(store, clock, DEFAULT_HALF_LIFE, reads);
    }

    private RecommendationService(ArticleStore store, Clock clock, Duration halfLife, Executor reads) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.halfLife = Objects.requireNonNull(halfLife, "halfLife");
        this.reads = Objects.requireNonNull(reads, "reads");
        if (halfLife.isNegative() || halfLife.isZero()) {
            throw new IllegalArgumentException("halfLife must be positive, was " + halfLife);
        }
    }

    /** The same service with recency halving every {@code halfLife}; a very long one makes recency irrelevant. */
    public RecommendationService withHalfLife(Duration halfLife) {
        return new RecommendationService(store, clock, halfLife, reads);
    }

    /**
     * A pool of {@value #MAX_QUERIES} daemon threads, one per query a call can make, built once at
     * init: a Lambda environment serves one request at a time, so the queries never wait for a
     * thread. The threads start with the first call (the SnapStart priming's, where there is one),
     * and a snapshot keeps them; daemon, so that they never keep a JVM alive.
     */
    public static ExecutorService newReadPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(MAX_QUERIES, task -> {
            Thread thread = new Thread(task, "recommendation-read-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    public Duration halfLife() {
        return halfLife;
    }

    /** Validates the {@code limit} query parameter: absent means the default. */
    public static int parseLimit(Optional<String> raw) {
        return LimitParameter.parse(raw, DEFAULT_LIMIT, MAX_LIMIT);
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
        ArticleSummary summary = article.summarize();

        List<String> queriedTopics = queriedTopics(article);
        List<ArticleQuery> queries = new ArrayList<>();
        for (String topic : queriedTopics) {
            queries.add(ArticleQuery.aboutTopic(topic, now, CANDIDATES_PER_QUERY));
        }
        ArticleQuery section = ArticleQuery.inSection(article.section(), now, CANDIDATES_PER_QUERY);
        queries.add(section.after(ListingPosition.of(summary)).oldestFirst());
        queries.add(section);
        queries.add(ArticleQuery.latest(now, LATEST_CANDIDATES));
        List<List<ArticleSummary>> pages = readAll(queries);

        // Every candidate once, by slug, in the order of the queries.
        Map<String, ArticleSummary> candidates = new LinkedHashMap<>();
        Map<String, Integer> topicCounts = new LinkedHashMap<>();
        for (int i = 0; i < queriedTopics.size(); i++) {
            topicCounts.put(queriedTopics.get(i), pages.get(i).size());
            addAll(candidates, pages.get(i));
        }
        List<ArticleSummary> newerInSection = pages.get(queriedTopics.size());
        List<ArticleSummary> newestInSection = pages.get(queriedTopics.size() + 1);
        List<ArticleSummary> latest = pages.get(queriedTopics.size() + 2);
        addAll(candidates, newerInSection);
        addAll(candidates, newestInSection);
        addAll(candidates, latest);
        candidates.remove(slug);

        RecommendationRanking ranking = new RecommendationRanking(article, topicCounts, now, halfLife);
        List<RecommendationRanking.Ranked> ranked = candidates.values().stream()
                .map(ranking::rank)
                .sorted(RecommendationRanking.ORDER)
                .toList();
        // Every newer article of the section can be among the first MAX_LIMIT ranked only when fewer
        // than a page of them came after this one: then the section's newest page reaches back past this
        // article, and the ones published just before it are there, newest first.
        List<ArticleSummary> olderInSection = newestInSection.stream()
                .filter(found -> OLDEST_FIRST.compare(found, summary) < 0)
                .toList();
        // NEXT UP leaves out the first DEFAULT_LIMIT ranked whatever the limit, so that it is the same for
        // every limit, and a longer list skips it; only a site too small to offer anything past them
        // leaves out just the list. A site with no more than `limit` others puts them all on the list.
        Optional<NextUp> nextUp = ranked.size() <= limit ? Optional.empty()
                : nextUp(summary, ranked, DEFAULT_LIMIT, newerInSection, olderInSection, latest)
                        .or(() -> nextUp(summary, ranked, Math.min(limit, DEFAULT_LIMIT), newerInSection, olderInSection,
                                latest));
        String nextUpSlug = nextUp.map(next -> next.article().slug()).orElse(null);
        List<Recommendation> recommended = ranked.stream()
                .filter(candidate -> !candidate.article().slug().equals(nextUpSlug))
                .limit(limit)
                .map(RecommendationRanking.Ranked::toRecommendation)
                .toList();
        return new Recommendations(slug, recommended, nextUp);
    }

    /**
     * The rules of {@link NextUp.Rule}, in order, over the candidates past the first {@code reserved}
     * ranked: of those sharing a tag, the best published after the article, else the best; then the
     * same of those sharing only a keyword; else the section's next, previous, else the site's newest.
     * Moving forward in time never beats a surer match: an older story sharing an editor's tag comes
     * before a newer one sharing only a derived keyword.
     */
    private static Optional<NextUp> nextUp(ArticleSummary article, List<RecommendationRanking.Ranked> ranked, int reserved,
            List<ArticleSummary> newerInSection, List<ArticleSummary> olderInSection, List<ArticleSummary> latest) {
        Set<String> taken = new HashSet<>();
        taken.add(article.slug());
        ranked.stream().limit(reserved).forEach(candidate -> taken.add(candidate.article().slug()));
        for (Recommendation.Reason tier : RELATED_TIERS) {
            List<ArticleSummary> related = ranked.stream()
                    .filter(candidate -> candidate.kind() == tier)
                    .map(RecommendationRanking.Ranked::article)
                    .toList();
            List<ArticleSummary> relatedNewer = related.stream()
                    .filter(candidate -> OLDEST_FIRST.compare(candidate, article) > 0)
                    .toList();
            Optional<NextUp> found = first(relatedNewer, taken).map(next -> new NextUp(next, NextUp.Rule.RELATED_NEWER))
                    .or(() -> first(related, taken).map(next -> new NextUp(next, NextUp.Rule.RELATED_OLDER)));
            if (found.isPresent()) {
                return found;
            }
        }
        return first(newerInSection, taken).map(found -> new NextUp(found, NextUp.Rule.NEXT_IN_SECTION))
                .or(() -> first(olderInSection, taken).map(found -> new NextUp(found, NextUp.Rule.PREVIOUS_IN_SECTION)))
                .or(() -> first(latest, taken).map(found -> new NextUp(found, NextUp.Rule.LATEST)));
    }

    /** The article's first tags, then its first keywords that are no tag: one query each. */
    static List<String> queriedTopics(Article article) {
        List<String> topics = new ArrayList<>(article.tags().subList(0, Math.min(article.tags().size(),
                MAX_TAGS_CONSIDERED)));
        article.keywords().stream()
                .filter(keyword -> !article.tags().contains(keyword))
                .limit(MAX_KEYWORDS_CONSIDERED)
                .forEach(topics::add);
        return topics;
    }

    /** Each query's items, in the order of {@code queries}; the first failure in that order once all have ended. */
    private List<List<ArticleSummary>> readAll(List<ArticleQuery> queries) {
        List<CompletableFuture<List<ArticleSummary>>> pending = new ArrayList<>(queries.size());
        for (ArticleQuery query : queries) {
            pending.add(CompletableFuture.supplyAsync(() -> store.list(query).items(), reads));
        }
        // Waits for every query, failed or not, so that none is still running when the call ends.
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        List<List<ArticleSummary>> found = new ArrayList<>(pending.size());
        for (CompletableFuture<List<ArticleSummary>> query : pending) {
            try {
                found.add(query.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return found;
    }

    private static void addAll(Map<String, ArticleSummary> candidates, List<ArticleSummary> found) {
        for (ArticleSummary article : found) {
            candidates.putIfAbsent(article.slug(), article);
        }
    }

    private static Optional<ArticleSummary> first(List<ArticleSummary> articles, Set<String> taken) {
        return articles.stream().filter(found -> !taken.contains(found.slug())).findFirst();
    }
}
