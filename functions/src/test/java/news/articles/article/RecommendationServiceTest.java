package news.articles.article;

import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import news.articles.article.NextUp.Rule;
import news.articles.article.Recommendation.Reason;
import news.articles.error.RejectedException;
import news.articles.error.StoreException;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RecommendationServiceTest {

    private static final Clock CLOCK = Clock.fixed(Articles.NOW, ZoneOffset.UTC);

    private static RecommendationService serviceOver(InMemoryArticleStore store) {
        return new RecommendationService(store, CLOCK);
    }

    private static List<String> slugs(Recommendations result) {
        return result.recommended().stream().map(recommendation -> recommendation.article().slug()).toList();
    }

    private static List<Reason> reasons(Recommendations result) {
        return result.recommended().stream().map(Recommendation::reason).toList();
    }

    private static List<Boolean> sameSections(Recommendations result) {
        return result.recommended().stream().map(Recommendation::sameSection).toList();
    }

    /** A hundred years: every article published in a lifetime keeps nearly all of its freshness. */
    private static final Duration CENTURY = Duration.ofDays(36_500);

    private static Optional<String> nextUpSlug(Recommendations result) {
        return result.nextUp().map(nextUp -> nextUp.article().slug());
    }

    private static ArticleSummary summary(InMemoryArticleStore store, String slug) {
        return store.find(slug).orElseThrow().summarize();
    }

    /**
     * 30 published articles over three sections with overlapping tags and pairs published at the
     * same instant, plus drafts and scheduled articles that share everything with them.
     */
    private static InMemoryArticleStore busySite() {
        String[] sections = {"science", "culture", "tech"};
        String[] tagPool = {"climate", "energy", "ai", "space", "books", "cities", "health"};
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < tagPool.length; t++) {
                if ((i * 7 + t * 3) % 5 < 2) {
                    tags.add(tagPool[t]);
                }
            }
            articles.add(article("story-" + (char) ('a' + i % 26) + i)
                    .section(sections[i % 3])
                    .tags(tags.toArray(String[]::new))
                    .publishedAt(Articles.NOW.minus(Duration.ofHours(12L * (i / 2) + 1)))
                    .build());
        }
        articles.add(article("draft-everything").section("science").tags(tagPool).daysAgo(1).draft().build());
        articles.add(article("scheduled-everything").section("science").tags(tagPool).inDays(1).build());
        return new InMemoryArticleStore(articles.toArray(Article[]::new));
    }

    @Test
    void neverTheArticleItselfNorAnyArticleTwiceNorHiddenOnes() {
        InMemoryArticleStore store = busySite();
        RecommendationService service = serviceOver(store);
        List<String> published = store.list(ArticleQuery.latest(Articles.NOW, 100)).items().stream()
                .map(ArticleSummary::slug).toList();

        for (String slug : published) {
            for (int limit = 1; limit <= RecommendationService.MAX_LIMIT; limit++) {
                Recommendations result = service.recommend(slug, limit);
                List<String> offered = new ArrayList<>(slugs(result));
                nextUpSlug(result).ifPresent(offered::add);
                String context = slug + " limit " + limit + ": " + offered;

                assertEquals(slug, result.slug());
                assertEquals(limit, result.recommended().size(), context);
                assertTrue(result.nextUp().isPresent(), context);
                assertFalse(offered.contains(slug), context);
                assertEquals(offered.size(), new HashSet<>(offered).size(), context);
                assertFalse(offered.contains("draft-everything"), context);
                assertFalse(offered.contains("scheduled-everything"), context);
                List<Reason> kinds = reasons(result);
                assertEquals(kinds.stream().sorted().toList(), kinds, "the fallback chain's order: " + context);
            }
        }
    }

    @Test
    void moreTagsInCommonRanksFirst() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("climate", "soil", "farming").daysAgo(10).build(),
                article("shares-one").section("culture").tags("farming").daysAgo(5).build(),
                article("shares-all").section("culture").tags("soil", "climate", "farming").daysAgo(5).build(),
                article("shares-two-of-four").section("culture").tags("climate", "soil", "rivers", "policy").daysAgo(5).build(),
                article("unrelated-newest").section("tech").tags("ai").daysAgo(1).build());

        Recommendations result = serviceOver(store).recommend("subject", 4);

        assertEquals(List.of("shares-all", "shares-two-of-four", "shares-one", "unrelated-newest"), slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.SHARED_TAGS, Reason.SHARED_TAGS, Reason.LATEST), reasons(result));
    }

    @Test
    void aRarerSharedTagCountsForMoreThanACommonOne() {
        List<Article> articles = new ArrayList<>(List.of(
                article("subject").section("science").tags("common", "rare").daysAgo(10).build(),
                article("shares-common").section("culture").tags("common").daysAgo(5).build(),
                article("shares-rare").section("culture").tags("rare").daysAgo(5).build()));
        for (int i = 0; i < 8; i++) {
            articles.add(article("also-common-" + i).section("tech").tags("common").daysAgo(100 + i).build());
        }
        InMemoryArticleStore store = new InMemoryArticleStore(articles.toArray(Article[]::new));

        Recommendations result = serviceOver(store).recommend("subject", 2);

        // Plain Jaccard ties them at 1/2 and the slug would put shares-common first.
        assertEquals(List.of("shares-rare", "shares-common"), slugs(result));
    }

    @Test
    void theSameSectionBreaksAnEqualOverlap() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("climate").daysAgo(10).build(),
                article("a-other-section").section("culture").tags("climate").daysAgo(5).build(),
                article("b-same-section").section("science").tags("climate").daysAgo(5).build());

        Recommendations result = serviceOver(store).recommend("subject", 2);

        assertEquals(List.of("b-same-section", "a-other-section"), slugs(result));
        assertEquals(List.of(true, false), sameSections(result));
    }

    @Test
    void anOlderArticleWithTheSameTagsRanksBelowANewerOne() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("climate", "soil").daysAgo(90).build(),
                article("a-older").section("science").tags("climate", "soil").daysAgo(60).build(),
                article("b-newer").section("science").tags("climate", "soil").daysAgo(6).build());

        assertEquals(List.of("b-newer", "a-older"), slugs(serviceOver(store).recommend("subject", 2)));
        assertEquals(List.of("b-newer", "a-older"),
                slugs(serviceOver(store).withHalfLife(Duration.ofDays(1)).recommend("subject", 2)));
    }

    /**
     * The half-life sets how much freshness weighs against the rest: a month-old article keeps half
     * of it by default; with a half-life of a century every article keeps nearly all of it, so the
     * section decides here.
     */
    @Test
    void theHalfLifeSetsHowMuchFreshnessCounts() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("climate").daysAgo(300).build(),
                article("old-same-section").section("science").tags("climate").daysAgo(200).build(),
                article("fresh-other-section").section("culture").tags("climate").daysAgo(2).build());

        assertEquals(List.of("fresh-other-section", "old-same-section"),
                slugs(serviceOver(store).recommend("subject", 2)));
        assertEquals(List.of("old-same-section", "fresh-other-section"),
                slugs(serviceOver(store).withHalfLife(CENTURY).recommend("subject", 2)));
    }

    @Test
    void aHalfLifeMustBePositive() {
        RecommendationService service = serviceOver(busySite());
        assertEquals(RecommendationService.DEFAULT_HALF_LIFE, service.halfLife());
        assertEquals(Duration.ofDays(7), service.withHalfLife(Duration.ofDays(7)).halfLife());
        assertThrows(IllegalArgumentException.class, () -> service.withHalfLife(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> service.withHalfLife(Duration.ofDays(-1)));
    }

    /**
     * Ties, built on purpose: the same tags and section everywhere, and a half-life so long that
     * the dates no longer move the score (to six decimals). The newer article comes first, then
     * the slug decides between articles published at the same instant.
     */
    @Test
    void tiesGoToTheNewerArticleThenToTheSlug() {
        Article subject = article("subject").section("science").tags("climate").daysAgo(50).build();
        InMemoryArticleStore store = new InMemoryArticleStore(subject,
                article("a-older").section("science").tags("climate").daysAgo(30).build(),
                article("c-same-day").section("science").tags("climate").daysAgo(5).build(),
                article("b-same-day").section("science").tags("climate").daysAgo(5).build(),
                article("d-newest").section("science").tags("climate").daysAgo(1).build());
        Duration endless = Duration.ofDays(1_000_000_000);

        Recommendations result = serviceOver(store).withHalfLife(endless).recommend("subject", 4);

        assertEquals(List.of("d-newest", "b-same-day", "c-same-day", "a-older"), slugs(result));
        RecommendationRanking ranking = new RecommendationRanking(subject, Map.of("climate", 5), Articles.NOW, endless);
        Set<Long> scores = new HashSet<>();
        for (String slug : slugs(result)) {
            scores.add(ranking.rank(store.find(slug).orElseThrow().summarize()).roundedScore());
        }
        assertEquals(1, scores.size(), "all four tie on the score: " + scores);
    }

    @Test
    void reasonsNameWhatTheTwoArticlesShare() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("energy", "climate", "cities").daysAgo(10).build(),
                article("two-tags-other-section").section("culture").tags("cities", "energy", "art").daysAgo(3).build(),
                article("one-tag-same-section").section("science").tags("climate").daysAgo(3).build(),
                article("same-section-only").section("science").tags("space").daysAgo(4).build(),
                article("nothing-in-common").section("tech").daysAgo(1).build());

        Recommendations result = serviceOver(store).recommend("subject", 4);

        assertEquals(List.of(
                new Recommendation(summary(store, "two-tags-other-section"), Reason.SHARED_TAGS, List.of("energy", "cities"), false),
                new Recommendation(summary(store, "one-tag-same-section"), Reason.SHARED_TAGS, List.of("climate"), true),
                new Recommendation(summary(store, "same-section-only"), Reason.SAME_SECTION, List.of(), true),
                new Recommendation(summary(store, "nothing-in-common"), Reason.LATEST, List.of(), false)),
                result.recommended());
    }

    @Test
    void theSectionsFillIsItsNewestArticlesFirst() {
        List<Article> articles = new ArrayList<>(List.of(
                article("subject").section("science").tags("soil").daysAgo(400).build(),
                article("fresh-science").section("science").daysAgo(2).build(),
                article("recent-science").section("science").daysAgo(9).build()));
        // A whole page of the section right after the subject: the newest must still be found.
        for (int i = 0; i < RecommendationService.CANDIDATES_PER_QUERY + 5; i++) {
            articles.add(article("just-after-" + i).section("science").daysAgo(390 - i).build());
        }
        // More than the site's latest page, all newer than the section's: only the section's newest page finds them.
        for (int i = 0; i < RecommendationService.LATEST_CANDIDATES + 3; i++) {
            articles.add(article("latest-elsewhere-" + i).section("tech").publishedAt(Articles.NOW.minus(Duration.ofHours(i + 1))).build());
        }
        InMemoryArticleStore store = new InMemoryArticleStore(articles.toArray(Article[]::new));

        Recommendations result = serviceOver(store).recommend("subject", 2);

        assertEquals(List.of("fresh-science", "recent-science"), slugs(result));
        assertEquals(List.of(Reason.SAME_SECTION, Reason.SAME_SECTION), reasons(result));
        assertEquals(Optional.of("just-after-0"), nextUpSlug(result));
    }

    /**
     * An article that only the section's page after the subject finds: it shares the subject's
     * sixth tag (never queried), and more than a page of newer articles keeps it off the section's
     * newest page and the site's latest. Sharing a tag, it heads the list.
     */
    @Test
    void theSectionsArticlesJustAfterItAreCandidatesToo() {
        List<Article> articles = new ArrayList<>(List.of(
                article("subject").section("science").tags("t1", "t2", "t3", "t4", "t5", "sixth").daysAgo(400).build(),
                article("just-after").section("science").tags("sixth").daysAgo(399).build()));
        for (int i = 0; i < RecommendationService.CANDIDATES_PER_QUERY + 5; i++) {
            articles.add(article("newer-" + i).section("science").daysAgo(300 - i).build());
        }
        InMemoryArticleStore store = new InMemoryArticleStore(articles.toArray(Article[]::new));

        Recommendations result = serviceOver(store).recommend("subject", 3);

        assertEquals(List.of("just-after", "newer-24", "newer-23"), slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.SAME_SECTION, Reason.SAME_SECTION), reasons(result));
        assertEquals(List.of("sixth"), result.recommended().get(0).sharedTags());
        assertEquals(Optional.of("newer-0"), nextUpSlug(result));
    }

    @Test
    void fillsFromTheSameSectionThenTheLatestWhenFewShareTags() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("soil").daysAgo(5).build(),
                article("soil-culture").section("culture").tags("soil").daysAgo(9).build(),
                article("science-newer").section("science").tags("space").daysAgo(3).build(),
                article("science-older").section("science").daysAgo(20).build(),
                article("latest-tech").section("tech").daysAgo(1).build(),
                article("second-latest").section("tech").daysAgo(2).build(),
                article("third-latest").section("culture").daysAgo(4).build());

        Recommendations result = serviceOver(store).recommend("subject", 5);

        // NEXT UP, the newest on the site past the first three, is left out of the longer list.
        assertEquals(List.of("soil-culture", "science-newer", "science-older", "second-latest", "third-latest"),
                slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.SAME_SECTION, Reason.SAME_SECTION, Reason.LATEST, Reason.LATEST),
                reasons(result));
        assertEquals(List.of(false, true, true, false, false), sameSections(result));
        assertEquals(List.of(), result.recommended().get(1).sharedTags());
        assertEquals(Optional.of(new NextUp(store.find("latest-tech").orElseThrow().summarize(), Rule.LATEST)),
                result.nextUp());
    }

    @Test
    void anArticleWithoutTagsStillGetsAFullList() {
        InMemoryArticleStore store = busySite();
        store.save(article("no-tags").section("opinion").daysAgo(3).build());
        store.save(article("other-opinion").section("opinion").tags("ai").daysAgo(20).build());

        Recommendations result = serviceOver(store).recommend("no-tags", RecommendationService.MAX_LIMIT);

        assertEquals(RecommendationService.MAX_LIMIT, result.recommended().size());
        assertEquals("other-opinion", result.recommended().get(0).article().slug());
        assertEquals(Reason.SAME_SECTION, result.recommended().get(0).reason());
        assertTrue(reasons(result).subList(1, RecommendationService.MAX_LIMIT).stream().allMatch(Reason.LATEST::equals));
        assertTrue(store.queries().stream().noneMatch(query -> query.listing() == ArticleQuery.Listing.TOPIC));
    }

    /**
     * Only the first tags are queried, but every tag counts once a candidate is found another way:
     * here the site's latest articles bring in one that shares only the sixth tag.
     */
    @Test
    void tagsPastTheFifthAreNotQueriedButStillShared() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").tags("t1", "t2", "t3", "t4", "t5", "t6").daysAgo(3).section("a").build(),
                article("shares-t6-only").tags("t6").daysAgo(1).section("b").build(),
                article("shares-t1-and-t6").tags("t6", "t1").daysAgo(2).section("c").build(),
                article("shares-nothing").daysAgo(1).section("d").build());

        Recommendations result = serviceOver(store).recommend("subject", 3);

        assertEquals(List.of("shares-t1-and-t6", "shares-t6-only", "shares-nothing"), slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.SHARED_TAGS, Reason.LATEST), reasons(result));
        assertEquals(List.of("t1", "t6"), result.recommended().get(0).sharedTags());
        assertEquals(List.of("t6"), result.recommended().get(1).sharedTags());
    }

    /** For every size of site and every limit: the list is as long as the limit or the other published articles. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 5, 9, 10, 11, 12, 25})
    void theListIsFullWheneverTheSiteHasEnoughOtherArticles(int others) {
        List<Article> articles = new ArrayList<>();
        articles.add(article("subject").section("science").tags("climate", "energy").daysAgo(15).build());
        for (int i = 0; i < others; i++) {
            Articles other = article("other-" + i).daysAgo(1 + (i * 7) % 40);
            switch (i % 3) {
                case 0 -> other.section("culture").tags("energy");
                case 1 -> other.section("science").tags("space");
                default -> other.section("tech");
            }
            articles.add(other.build());
        }
        articles.add(article("draft").section("science").tags("climate", "energy").draft().build());
        articles.add(article("scheduled").section("science").tags("climate", "energy").inDays(1).build());
        RecommendationService service = serviceOver(new InMemoryArticleStore(articles.toArray(Article[]::new)));

        for (int limit = 1; limit <= RecommendationService.MAX_LIMIT; limit++) {
            Recommendations result = service.recommend("subject", limit);
            assertEquals(Math.min(limit, others), result.recommended().size(), "limit " + limit);
            assertEquals(others > limit, result.nextUp().isPresent(), "limit " + limit);
            assertTrue(slugs(result).stream().allMatch(slug -> slug.startsWith("other-")), slugs(result).toString());
        }
    }

    @Test
    void aSiteWithOneArticleRecommendsNothing() {
        InMemoryArticleStore store = new InMemoryArticleStore(article("alone").tags("ai").build());

        Recommendations result = serviceOver(store).recommend("alone", 3);

        assertEquals(new Recommendations("alone", List.of(), Optional.empty()), result);
    }

    @Test
    void aSiteWithTwoArticlesRecommendsTheOther() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("first").section("science").daysAgo(2).build(),
                article("second").section("culture").daysAgo(1).build());

        Recommendations result = serviceOver(store).recommend("first", 3);

        assertEquals(List.of("second"), slugs(result));
        assertEquals(List.of(Reason.LATEST), reasons(result));
        assertEquals(Optional.empty(), result.nextUp());
    }

    @Test
    void draftsAndScheduledArticlesNeverAppear() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("ai", "energy").daysAgo(5).build(),
                article("draft-twin").section("science").tags("ai", "energy").daysAgo(4).draft().build(),
                article("scheduled-twin").section("science").tags("ai", "energy").inDays(1).build(),
                article("scheduled-soon").section("science").tags("ai").publishedAt(Articles.NOW.plusSeconds(1)).build(),
                article("visible").section("tech").daysAgo(6).build());

        Recommendations result = serviceOver(store).recommend("subject", 10);

        assertEquals(List.of("visible"), slugs(result));
        assertEquals(Optional.empty(), result.nextUp());
    }

    @ParameterizedTest
    @ValueSource(strings = {"no-such-article", "a-draft", "scheduled"})
    void unknownDraftOrScheduledArticleIsNotFound(String slug) {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("a-draft").draft().build(), article("scheduled").inDays(2).build(), article("other").build());

        RejectedException error = assertThrows(RejectedException.class, () -> serviceOver(store).recommend(slug, 3));
        assertEquals(RejectedException.Reason.NOT_FOUND, error.reason());
        assertEquals("ARTICLE_NOT_FOUND", error.code());
        assertEquals(List.of(), store.queries());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Heat-Pumps", "../etc", "a%2Fb", "trailing-"})
    void aMalformedSlugIsA400WithoutAskingTheStore(String slug) {
        InMemoryArticleStore store = busySite();

        RejectedException error = assertThrows(RejectedException.class, () -> serviceOver(store).recommend(slug, 3));
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_SLUG", error.code());
        assertEquals(List.of(), store.finds());
        assertEquals(List.of(), store.queries());
    }

    @Test
    void aLimitOutsideOneToTenIsAProgrammingError() {
        RecommendationService service = serviceOver(busySite());
        assertThrows(IllegalArgumentException.class, () -> service.recommend("story-a0", 0));
        assertThrows(IllegalArgumentException.class, () -> service.recommend("story-a0", 11));
    }

    @Test
    void costIsBoundedWhateverTheSiteAndTags() {
        InMemoryArticleStore store = busySite();
        store.save(article("many-tags").section("science")
                .tags("climate", "energy", "ai", "space", "books", "cities", "health", "t8").daysAgo(2).build());

        serviceOver(store).recommend("many-tags", RecommendationService.MAX_LIMIT);

        assertEquals(List.of("many-tags"), store.finds());
        assertEquals(RecommendationService.MAX_TAGS_CONSIDERED + 3, store.queries().size(), store.queries().toString());
        Set<String> tagsQueried = new HashSet<>();
        for (ArticleQuery query : store.queries()) {
            assertTrue(query.limit() <= RecommendationService.CANDIDATES_PER_QUERY, query.toString());
            assertEquals(Articles.NOW, query.asOf());
            if (query.listing() == ArticleQuery.Listing.TOPIC) {
                tagsQueried.add(query.key());
            }
        }
        assertEquals(Set.of("climate", "energy", "ai", "space", "books"), tagsQueried);
    }

    /** One find, a query per tag up to the fifth, and three more: the count depends on nothing else. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 4, 5, 6, 12})
    void theNumberOfReadsDependsOnlyOnTheTagCount(int tagCount) {
        String[] tags = new String[tagCount];
        Arrays.setAll(tags, i -> "tag-" + i);
        for (InMemoryArticleStore store : List.of(new InMemoryArticleStore(), busySite())) {
            store.save(article("subject").section("science").tags(tags).daysAgo(4).build());

            serviceOver(store).recommend("subject", RecommendationService.DEFAULT_LIMIT);

            assertEquals(1, store.finds().size());
            assertEquals(Math.min(tagCount, RecommendationService.MAX_TAGS_CONSIDERED) + 3, store.queries().size());
        }
    }

    /**
     * The busy site's tags repeat every five articles, so each of these articles has five others with
     * exactly its tags (Jaccard 1, score 0.6 + 0.15 × same section + 0.25 × freshness): the one of its
     * own section first, then the others newest first. NEXT UP is the best related one past those
     * three, published after the article where one is: story-a0 is the newest, so its fourth
     * (story-u20, older); story-h7 (37 hours ago) gets story-e4 (25 hours ago, sharing a tag);
     * story-d29, the oldest, its fourth, story-t19.
     */
    @Test
    void theBusySitesListsAreTheFormulasAnswer() {
        InMemoryArticleStore store = busySite();
        RecommendationService service = serviceOver(store);

        assertRecommends(service.recommend("story-a0", 3), List.of("story-p15", "story-f5", "story-k10"),
                List.of("climate", "ai", "cities"), "story-u20", Rule.RELATED_OLDER);
        assertRecommends(service.recommend("story-h7", 3), List.of("story-w22", "story-c2", "story-m12"),
                List.of("ai", "books"), "story-e4", Rule.RELATED_NEWER);
        assertRecommends(service.recommend("story-d29", 3), List.of("story-o14", "story-e4", "story-j9"),
                List.of("energy", "books", "health"), "story-t19", Rule.RELATED_NEWER);
    }

    /** Each one shares all of {@code tags}; only the first is of the same section. */
    private static void assertRecommends(Recommendations result, List<String> slugs, List<String> tags, String nextUp, Rule rule) {
        assertEquals(slugs, slugs(result));
        for (Recommendation recommendation : result.recommended()) {
            assertEquals(Reason.SHARED_TAGS, recommendation.reason(), recommendation.toString());
            assertEquals(tags, recommendation.sharedTags(), recommendation.toString());
        }
        assertEquals(List.of(true, false, false), sameSections(result));
        assertEquals(Optional.of(nextUp + " " + rule), result.nextUp().map(next -> next.article().slug() + " " + next.rule()));
    }

    /** Whatever order the articles were saved in, the same data gives the same answer. */
    @Test
    void theOrderArticlesWereSavedInChangesNothing() {
        InMemoryArticleStore store = busySite();
        List<Article> saved = new ArrayList<>();
        for (ArticleSummary summary : store.list(ArticleQuery.latest(Articles.NOW, 100)).items()) {
            saved.add(store.find(summary.slug()).orElseThrow());
        }
        InMemoryArticleStore reversed = new InMemoryArticleStore();
        for (int i = saved.size() - 1; i >= 0; i--) {
            reversed.save(saved.get(i));
        }
        for (Article article : saved) {
            assertEquals(serviceOver(store).recommend(article.slug(), RecommendationService.MAX_LIMIT),
                    serviceOver(reversed).recommend(article.slug(), RecommendationService.MAX_LIMIT), article.slug());
        }
    }

    /** The queries on the production pool, arriving in any order: the same answer as one after another. */
    @Test
    void concurrentQueriesGiveTheSameAnswerAsSequentialOnes() {
        InMemoryArticleStore store = busySite();
        ExecutorService pool = RecommendationService.newReadPool();
        try {
            RecommendationService concurrent = new RecommendationService(store, CLOCK, pool);
            for (ArticleSummary summary : store.list(ArticleQuery.latest(Articles.NOW, 100)).items()) {
                for (int limit : new int[] {1, 3, RecommendationService.MAX_LIMIT}) {
                    assertEquals(serviceOver(store).recommend(summary.slug(), limit),
                            concurrent.recommend(summary.slug(), limit), summary.slug() + " limit " + limit);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One failing query fails the call with the store's own exception, which the handler answers with a 503. */
    @Test
    void aFailingQueryFailsTheCallWithTheStoresException() {
        InMemoryArticleStore store = busySite();
        StoreException down = new StoreException("tag index unavailable", true, null);
        ArticleStore failingTagQueries = new ArticleStore() {
            @Override
            public Optional<Article> find(String slug) {
                return store.find(slug);
            }

            @Override
            public ListingPage<ArticleSummary> list(ArticleQuery query) {
                if (query.listing() == ArticleQuery.Listing.TOPIC && query.key().equals("ai")) {
                    throw down;
                }
                return store.list(query);
            }

            @Override
            public SaveOutcome save(Article article) {
                return store.save(article);
            }
        };
        ExecutorService pool = RecommendationService.newReadPool();
        try {
            RecommendationService service = new RecommendationService(failingTagQueries, CLOCK, pool);
            assertSame(down, assertThrows(StoreException.class, () -> service.recommend("story-a0", 3)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Nested
    class NextUpRules {

        /** Three articles in other sections share the subject's tag, so they fill a list of three. */
        private InMemoryArticleStore siteWith(Article... section) {
            InMemoryArticleStore store = new InMemoryArticleStore(section);
            store.save(article("tagged-1").section("culture").tags("ai").daysAgo(40).build());
            store.save(article("tagged-2").section("culture").tags("ai").daysAgo(41).build());
            store.save(article("tagged-3").section("culture").tags("ai").daysAgo(42).build());
            store.save(article("other-latest").section("tech").daysAgo(1).build());
            return store;
        }

        @Test
        void nextInSectionIsTheNextNewerArticleOfTheSection() {
            InMemoryArticleStore store = siteWith(
                    article("previous").section("science").daysAgo(12).build(),
                    article("subject").section("science").tags("ai").daysAgo(10).build(),
                    article("next").section("science").daysAgo(8).build(),
                    article("after-next").section("science").daysAgo(6).build());

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertEquals(List.of("tagged-1", "tagged-2", "tagged-3"), slugs(result));
            assertEquals(Optional.of("next"), nextUpSlug(result));
            assertEquals(Rule.NEXT_IN_SECTION, result.nextUp().orElseThrow().rule());
        }

        @Test
        void nextInSectionBreaksATieOfPublicationTimeBySlug() {
            InMemoryArticleStore store = siteWith(
                    article("subject-b").section("science").tags("ai").daysAgo(10).build(),
                    article("subject-a").section("science").daysAgo(10).build(),
                    article("subject-c").section("science").daysAgo(10).build());

            Recommendations result = serviceOver(store).recommend("subject-b", 3);

            assertEquals(Optional.of("subject-c"), nextUpSlug(result));
            assertEquals(Rule.NEXT_IN_SECTION, result.nextUp().orElseThrow().rule());
        }

        @Test
        void previousInSectionWhenTheArticleIsItsSectionsNewest() {
            InMemoryArticleStore store = siteWith(
                    article("oldest").section("science").daysAgo(14).build(),
                    article("previous").section("science").daysAgo(12).build(),
                    article("subject").section("science").tags("ai").daysAgo(10).build());

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertEquals(Optional.of("previous"), nextUpSlug(result));
            assertEquals(Rule.PREVIOUS_IN_SECTION, result.nextUp().orElseThrow().rule());
        }

        /** The section's newest page reaches back past the article whenever every newer one can be on the list. */
        @Test
        void previousInSectionWhenEveryNewerOneIsRecommended() {
            List<Article> section = new ArrayList<>();
            // Not "ai": nothing past the list is related, so the section rules decide.
            section.add(article("subject").section("science").tags("space").daysAgo(40).build());
            for (int i = 0; i < 3; i++) {
                section.add(article("newer-shares-tag-" + i).section("science").tags("space").daysAgo(30 - i).build());
            }
            for (int i = 0; i < 30; i++) {
                section.add(article("older-" + i).section("science").daysAgo(41 + i).build());
            }
            InMemoryArticleStore store = siteWith(section.toArray(Article[]::new));

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertTrue(slugs(result).stream().allMatch(slug -> slug.startsWith("newer-shares-tag-")), slugs(result).toString());
            assertEquals(Optional.of("older-0"), nextUpSlug(result));
            assertEquals(Rule.PREVIOUS_IN_SECTION, result.nextUp().orElseThrow().rule());
        }

        @Test
        void latestWhenTheSectionHasNothingElse() {
            InMemoryArticleStore store = siteWith(article("subject").section("science").tags("ai").daysAgo(10).build());

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertEquals(Optional.of("other-latest"), nextUpSlug(result));
            assertEquals(Rule.LATEST, result.nextUp().orElseThrow().rule());
        }

        /**
         * Five articles share the subject's tags; the first three ranked make the default list. Of the
         * other two, the one published after the subject is NEXT UP though it ranks below the older one.
         */
        @Test
        void relatedNewerIsTheBestRelatedPastTheDefaultListPublishedAfterIt() {
            InMemoryArticleStore store = new InMemoryArticleStore(
                    article("subject").section("science").tags("ai", "chips").daysAgo(10).build(),
                    article("both-tags-1").section("science").tags("ai", "chips").daysAgo(2).build(),
                    article("both-tags-2").section("science").tags("ai", "chips").daysAgo(3).build(),
                    article("both-tags-3").section("science").tags("ai", "chips").daysAgo(4).build(),
                    article("both-tags-older").section("culture").tags("ai", "chips").daysAgo(12).build(),
                    article("one-tag-newer").section("culture").tags("ai", "art").daysAgo(9).build(),
                    article("unrelated-newest").section("science").daysAgo(1).build());

            // Up to 5: the site has six others, and a list of six takes them all.
            for (int limit = 1; limit <= 5; limit++) {
                Recommendations result = serviceOver(store).recommend("subject", limit);

                assertEquals(Optional.of("one-tag-newer"), nextUpSlug(result), "limit " + limit);
                assertEquals(Rule.RELATED_NEWER, result.nextUp().orElseThrow().rule());
                assertFalse(slugs(result).contains("one-tag-newer"), "limit " + limit + ": " + slugs(result));
            }
            assertEquals(List.of("both-tags-1", "both-tags-2", "both-tags-3"), slugs(serviceOver(store).recommend("subject", 3)));
            assertEquals(List.of("both-tags-1", "both-tags-2", "both-tags-3", "both-tags-older", "unrelated-newest"),
                    slugs(serviceOver(store).recommend("subject", 5)));
        }

        @Test
        void relatedOlderWhenNoRelatedOnePublishedAfterItIsLeft() {
            InMemoryArticleStore store = new InMemoryArticleStore(
                    article("subject").section("science").tags("ai").daysAgo(10).build(),
                    article("related-1").section("culture").tags("ai").daysAgo(2).build(),
                    article("related-2").section("culture").tags("ai").daysAgo(3).build(),
                    article("related-3").section("culture").tags("ai").daysAgo(4).build(),
                    article("related-older").section("culture").tags("ai").daysAgo(20).build(),
                    article("science-newer").section("science").daysAgo(5).build());

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertEquals(Optional.of("related-older"), nextUpSlug(result));
            assertEquals(Rule.RELATED_OLDER, result.nextUp().orElseThrow().rule());
        }

        /** A newer story matching only through a derived keyword does not beat an older one sharing a tag. */
        @Test
        void aStorySharingATagComesBeforeANewerOneSharingOnlyAKeyword() {
            InMemoryArticleStore store = new InMemoryArticleStore(
                    article("subject").section("science").tags("ai").keywords("margin").daysAgo(10).build(),
                    article("related-1").section("science").tags("ai").daysAgo(2).build(),
                    article("related-2").section("science").tags("ai").daysAgo(3).build(),
                    article("related-3").section("science").tags("ai").daysAgo(4).build(),
                    article("tag-older").section("culture").tags("ai").daysAgo(20).build(),
                    article("keyword-newer").section("culture").keywords("margin").daysAgo(5).build(),
                    article("keyword-older").section("culture").keywords("margin").daysAgo(15).build());

            for (int limit = 1; limit <= 3; limit++) {
                Recommendations result = serviceOver(store).recommend("subject", limit);

                assertEquals(Optional.of("tag-older"), nextUpSlug(result), "limit " + limit);
                assertEquals(Rule.RELATED_OLDER, result.nextUp().orElseThrow().rule());
            }
        }

        /** With no story sharing a tag left, the keyword matches are next, the newer one first. */
        @Test
        void aKeywordMatchWhenNoStorySharingATagIsLeft() {
            InMemoryArticleStore store = new InMemoryArticleStore(
                    article("subject").section("science").tags("ai").keywords("margin").daysAgo(10).build(),
                    article("related-1").section("science").tags("ai").daysAgo(2).build(),
                    article("related-2").section("science").tags("ai").daysAgo(3).build(),
                    article("related-3").section("science").tags("ai").daysAgo(4).build(),
                    article("keyword-newer").section("culture").keywords("margin").daysAgo(5).build(),
                    article("keyword-older").section("culture").keywords("margin").daysAgo(15).build(),
                    article("science-newer").section("science").daysAgo(6).build());

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertEquals(Optional.of("keyword-newer"), nextUpSlug(result));
            assertEquals(Rule.RELATED_NEWER, result.nextUp().orElseThrow().rule());
        }

        @Test
        void neverOneOfTheRecommended() {
            InMemoryArticleStore store = new InMemoryArticleStore(
                    article("subject").section("science").tags("ai").daysAgo(10).build(),
                    article("next-shares-tag").section("science").tags("ai").daysAgo(8).build(),
                    article("after-next").section("science").daysAgo(6).build());

            Recommendations result = serviceOver(store).recommend("subject", 1);

            assertEquals(List.of("next-shares-tag"), slugs(result));
            assertEquals(Optional.of("after-next"), nextUpSlug(result));
            assertEquals(Rule.NEXT_IN_SECTION, result.nextUp().orElseThrow().rule());
        }
    }

    @Nested
    class ParseLimit {

        @Test
        void absentMeansTheDefaultOfThree() {
            assertEquals(3, RecommendationService.parseLimit(Optional.empty()));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"})
        void acceptsOneToTen(String raw) {
            assertEquals(Integer.parseInt(raw), RecommendationService.parseLimit(Optional.of(raw)));
        }

        /** A leading zero is still the same whole number; "00" is zero and refused below. */
        @Test
        void acceptsALeadingZero() {
            assertEquals(3, RecommendationService.parseLimit(Optional.of("03")));
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"0", "00", "11", "99", "100", "010", "-1", "+3", "abc", "3.5", "3e0", "", " ", " 3", "3 ",
            "1,2", "0x3", "three", "2147483648", "99999999999999999999"})
        void refusesAnythingElse(String raw) {
            RejectedException error = assertThrows(RejectedException.class,
                    () -> RecommendationService.parseLimit(Optional.ofNullable(raw).or(() -> Optional.of("null"))));
            assertEquals(RejectedException.Reason.INVALID, error.reason());
            assertEquals("INVALID_LIMIT", error.code());
        }
        @ParameterizedTest
        @ValueSource(strings = {"٣", "１０", "३", "߃"})
        void refusesDigitsOtherThanAscii(String raw) {
            RejectedException error = assertThrows(RejectedException.class,
                    () -> RecommendationService.parseLimit(Optional.of(raw)));
            assertEquals("INVALID_LIMIT", error.code());
        }
    }

    @Test
    void keywordsFindUntaggedArticlesThroughTheTopicQueriesWithinTheBound() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("bookshops").section("culture").keywords("book", "reader").daysAgo(5).build(),
                article("prize").section("arts").tags("book").daysAgo(3).build(),
                article("audio").section("media").keywords("reader").daysAgo(2).build(),
                article("football").section("sport").daysAgo(1).build());

        Recommendations result = serviceOver(store).recommend("bookshops", 2);

        // audio shares a keyword as a keyword (overlap 0.5 / 1); prize has it as a tag, which its
        // full weight counts in the union too (0.5 / 1.5): each topic weighs 1 + ln(20 / 2).
        assertEquals(List.of("audio", "prize"), slugs(result));
        assertEquals(List.of(Reason.SHARED_KEYWORDS, Reason.SHARED_KEYWORDS), reasons(result));
        assertEquals(List.of("reader"), result.recommended().get(0).sharedKeywords());
        assertEquals(List.of("book"), result.recommended().get(1).sharedKeywords());
        assertEquals(List.of(), result.recommended().get(1).sharedTags());
        assertEquals(List.of("book", "reader"), store.queries().stream()
                .filter(query -> query.listing() == ArticleQuery.Listing.TOPIC).map(ArticleQuery::key).toList());
        assertEquals(Optional.of("football"), nextUpSlug(result));
    }

    @Test
    void atMostTheFirstKeywordsThatAreNoTagAreQueried() {
        Article article = article("a").tags("t1", "t2").keywords("t1", "k1", "k2", "k3", "k4").build();
        assertEquals(List.of("t1", "t2", "k1", "k2", "k3", "k4"), RecommendationService.queriedTopics(article));
        Article many = article("b").tags("t1", "t2", "t3", "t4", "t5", "t6").keywords("k1", "k2", "k3", "k4", "k5")
                .build();
        assertEquals(RecommendationService.MAX_QUERIES - 3, RecommendationService.queriedTopics(many).size());
    }
}
