package news.articles.article;

import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import news.articles.article.NextUp.Rule;
import news.articles.article.Recommendation.Reason;
import news.articles.error.RejectedException;
import news.articles.store.ArticleQuery;
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

    private static Optional<String> nextUpSlug(Recommendations result) {
        return result.nextUp().map(nextUp -> nextUp.article().slug());
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
            }
        }
    }

    @Test
    void ranksBySharedTagsThenRecencyThenSlug() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").section("science").tags("climate", "soil").daysAgo(10).build(),
                article("both-tags-but-old").section("culture").tags("soil", "climate").daysAgo(30).build(),
                article("climate-recent").section("tech").tags("climate").daysAgo(3).build(),
                article("tie-b").section("tech").tags("soil", "cities").daysAgo(5).build(),
                article("tie-a").section("culture").tags("climate").daysAgo(5).build(),
                article("unrelated-newest").section("tech").tags("ai").daysAgo(1).build());

        Recommendations result = serviceOver(store).recommend("subject", 4);

        assertEquals(List.of("both-tags-but-old", "climate-recent", "tie-a", "tie-b"), slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.SHARED_TAGS, Reason.SHARED_TAGS, Reason.SHARED_TAGS),
                reasons(result));
        assertEquals(List.of(List.of("climate", "soil"), List.of("climate"), List.of("climate"), List.of("soil")),
                result.recommended().stream().map(Recommendation::sharedTags).toList());
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

        assertEquals(List.of("soil-culture", "science-newer", "science-older", "latest-tech", "second-latest"),
                slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.SAME_SECTION, Reason.SAME_SECTION, Reason.LATEST, Reason.LATEST),
                reasons(result));
        assertEquals(List.of(), result.recommended().get(1).sharedTags());
        assertEquals(Optional.of(new NextUp(store.find("third-latest").orElseThrow().summarize(), Rule.LATEST)),
                result.nextUp());
    }

    @Test
    void anArticleWithoutTagsStillGetsAFullList() {
        InMemoryArticleStore store = busySite();
        store.save(article("no-tags").section("opinion").daysAgo(3).build());

        assertEquals(RecommendationService.MAX_LIMIT, serviceOver(store).recommend("no-tags", 10).recommended().size());
        assertEquals(List.of(Reason.LATEST, Reason.LATEST, Reason.LATEST),
                reasons(serviceOver(store).recommend("no-tags", RecommendationService.DEFAULT_LIMIT)));
    }

    @Test
    void onlyTheFirstTagsFindCandidates() {
        InMemoryArticleStore store = new InMemoryArticleStore(
                article("subject").tags("t1", "t2", "t3", "t4", "t5", "t6").daysAgo(3).section("a").build(),
                article("shares-t6-only").tags("t6").daysAgo(1).section("b").build(),
                article("shares-t1-and-t6").tags("t6", "t1").daysAgo(2).section("c").build());

        Recommendations result = serviceOver(store).recommend("subject", 2);

        assertEquals(List.of("shares-t1-and-t6", "shares-t6-only"), slugs(result));
        assertEquals(List.of(Reason.SHARED_TAGS, Reason.LATEST), reasons(result));
        assertEquals(List.of("t1", "t6"), result.recommended().get(0).sharedTags());
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
        assertTrue(store.queries().size() <= RecommendationService.MAX_TAGS_CONSIDERED + 3, store.queries().toString());
        Set<String> tagsQueried = new HashSet<>();
        for (ArticleQuery query : store.queries()) {
            assertTrue(query.limit() <= RecommendationService.CANDIDATES_PER_QUERY, query.toString());
            assertEquals(Articles.NOW, query.asOf());
            if (query.listing() == ArticleQuery.Listing.TAG) {
                tagsQueried.add(query.key());
            }
        }
        assertEquals(Set.of("climate", "energy", "ai", "space", "books"), tagsQueried);
    }

    @Test
    void sameInputSameOutput() {
        InMemoryArticleStore store = busySite();
        for (String slug : List.of("story-a0", "story-h7", "story-d29")) {
            assertEquals(serviceOver(store).recommend(slug, 5), serviceOver(store).recommend(slug, 5));
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

        @Test
        void latestWhenTheSectionHasNothingElse() {
            InMemoryArticleStore store = siteWith(article("subject").section("science").tags("ai").daysAgo(10).build());

            Recommendations result = serviceOver(store).recommend("subject", 3);

            assertEquals(Optional.of("other-latest"), nextUpSlug(result));
            assertEquals(Rule.LATEST, result.nextUp().orElseThrow().rule());
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
}
