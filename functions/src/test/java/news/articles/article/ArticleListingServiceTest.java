package news.articles.article;

import news.articles.testing.TestKeys;
import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import news.articles.error.RejectedException;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleListingServiceTest {

    private static final String[] SECTIONS = {"science", "culture", "tech"};
    private static final String[] TAGS = {"climate", "energy", "ai", "space", "books"};
    private static final Optional<String> NONE = Optional.empty();

    private final List<Article> articles = busySite();
    private final InMemoryArticleStore store = new InMemoryArticleStore(articles.toArray(Article[]::new));
    private final MutableClock clock = new MutableClock(Articles.NOW);
    private final ArticleListingService service = new ArticleListingService(store, TestKeys.IDENTIFIERS, clock);

    /**
     * 23 published articles over three sections with overlapping tags, in pairs published at the
     * same instant (so ties need the slug), one published this very second, and a draft and a
     * scheduled article that share every tag and section with them.
     */
    private static List<Article> busySite() {
        List<Article> articles = new ArrayList<>();
        for (int i = 0; i < 22; i++) {
            List<String> tags = new ArrayList<>();
            for (int t = 0; t < TAGS.length; t++) {
                if ((i * 7 + t * 3) % 5 < 2) {
                    tags.add(TAGS[t]);
                }
            }
            articles.add(article(String.format("story-%02d", i))
                    .section(SECTIONS[i % 3])
                    .tags(tags.toArray(String[]::new))
                    .publishedAt(Articles.NOW.minus(Duration.ofHours(6L * (i / 2) + 1)))
                    .build());
        }
        articles.add(article("just-now").section("science").tags("climate").publishedAt(Articles.NOW).build());
        articles.add(article("draft-everything").section("science").tags(TAGS).daysAgo(1).draft().build());
        articles.add(article("scheduled-everything").section("science").tags(TAGS).inDays(1).build());
        articles.add(article("scheduled-in-a-second").section("tech").tags(TAGS)
                .publishedAt(Articles.NOW.plusSeconds(1)).build());
        return articles;
    }

    /** What a listing must show, worked out without the store: visible ones, newest first, then by slug descending. */
    private List<String> expected(Predicate<Article> listing) {
        return articles.stream()
                .filter(found -> found.isVisibleAt(clock.instant()))
                .filter(listing)
                .sorted(Comparator.comparing(Article::publishedAt).thenComparing(Article::slug).reversed())
                .map(Article::slug)
                .toList();
    }

    static Stream<Arguments> listings() {
        List<Arguments> listings = new ArrayList<>();
        listings.add(Arguments.of(NONE, NONE));
        for (String tag : TAGS) {
            listings.add(Arguments.of(Optional.of(tag), NONE));
        }
        listings.add(Arguments.of(Optional.of("no-such-tag"), NONE));
        for (String section : SECTIONS) {
            listings.add(Arguments.of(NONE, Optional.of(section)));
        }
        listings.add(Arguments.of(NONE, Optional.of("no-such-section")));
        return listings.stream();
    }

    private static Predicate<Article> filter(Optional<String> tag, Optional<String> section) {
        return found -> tag.map(found.tags()::contains).orElse(true)
                && section.map(found.section()::equals).orElse(true);
    }

    /** Follows nextCursor from the first page to the last. */
    private static List<ArticleListing> walk(ArticleListingService service, Optional<String> tag, Optional<String> section,
            int limit) {
        List<ArticleListing> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ArticleListing page = service.list(tag, section, limit, cursor);
            pages.add(page);
            cursor = page.nextCursor();
            if (pages.size() > 100) {
                fail("the walk does not end: " + pages);
            }
        } while (cursor.isPresent());
        return pages;
    }

    private static List<String> slugs(List<ArticleListing> pages) {
        return pages.stream().flatMap(page -> page.articles().stream()).map(ArticleSummary::slug).toList();
    }

    private static List<String> slugs(ArticleListing page) {
        return slugs(List.of(page));
    }

    @ParameterizedTest
    @MethodSource("listings")
    void everyLimitWalksTheWholeListingNewestFirstWithFullPagesAndNoCursorAfterTheLast(
            Optional<String> tag, Optional<String> section) {
        List<String> expected = expected(filter(tag, section));
        for (int limit = 1; limit <= ArticleListingService.MAX_LIMIT; limit++) {
            List<ArticleListing> pages = walk(service, tag, section, limit);
            String context = tag + " " + section + " limit " + limit;

            assertEquals(expected, slugs(pages), context);
            assertEquals(Math.max(1, (expected.size() + limit - 1) / limit), pages.size(), context);
            for (ArticleListing page : pages.subList(0, pages.size() - 1)) {
                assertEquals(limit, page.articles().size(), context);
            }
            assertFalse(pages.get(pages.size() - 1).nextCursor().isPresent(), context);
        }
    }

    @ParameterizedTest
    @MethodSource("listings")
    void excludingAnArticleWalksTheRestWithFullPagesAtEveryLimit(Optional<String> tag, Optional<String> section) {
        List<String> listed = expected(filter(tag, section));
        // the first, a middle one and the last of the listing, and one it does not hold
        List<String> excluded = listed.isEmpty() ? List.of("story-00")
                : List.of(listed.get(0), listed.get(listed.size() / 2), listed.get(listed.size() - 1), "not-listed");
        for (String exclude : excluded) {
            List<String> expected = listed.stream().filter(slug -> !slug.equals(exclude)).toList();
            for (int limit = 1; limit <= 12; limit++) {
                String context = tag + " " + section + " without " + exclude + " limit " + limit;
                List<ArticleListing> pages = new ArrayList<>();
                Optional<String> cursor = Optional.empty();
                do {
                    ArticleListing page = service.list(tag, section, Optional.of(exclude), limit, cursor);
                    pages.add(page);
                    cursor = page.nextCursor();
                } while (cursor.isPresent() && pages.size() <= 100);

                assertEquals(expected, slugs(pages), context);
                for (ArticleListing page : pages.subList(0, pages.size() - 1)) {
                    assertEquals(limit, page.articles().size(), context);
                }
                assertFalse(pages.get(pages.size() - 1).nextCursor().isPresent(), context);
            }
        }
    }

    @Test
    void excludingAsksTheStoreOnceForTwoMoreThanThePage() {
        service.list(NONE, NONE, Optional.of("story-01"), 5, NONE);
        assertEquals(1, store.queries().size());
        assertEquals(7, store.queries().get(0).limit());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Story-01", "story_01", "-story", "a--b", "a b", "../etc"})
    void aMalformedExcludeIsRefused(String exclude) {
        RejectedException error = assertThrows(RejectedException.class,
                () -> service.list(NONE, NONE, Optional.of(exclude), 10, NONE));
        assertEquals("INVALID_EXCLUDE", error.code());
        assertTrue(store.queries().isEmpty(), "the store is not asked");
    }

    @Test
    void theSiteHasWhatTheWalksNeed() {
        assertEquals(23, expected(found -> true).size());
        assertTrue(expected(found -> true).contains("just-now"), "published this second is listed");
        for (String tag : TAGS) {
            assertTrue(expected(found -> found.tags().contains(tag)).size() >= 5, tag);
        }
    }

    @Test
    void anExactlyFullLastPageHasNoCursor() {
        List<String> science = expected(filter(NONE, Optional.of("science")));
        assertEquals(9, science.size());
        ArticleListingService exact = new ArticleListingService(new InMemoryArticleStore(
                articles.stream().filter(found -> found.section().equals("science")).toArray(Article[]::new)), TestKeys.IDENTIFIERS, clock);
        for (int limit : new int[] {3, 9}) {
            List<ArticleListing> pages = walk(exact, NONE, NONE, limit);
            assertEquals(9 / limit, pages.size());
            assertEquals(science, slugs(pages));
        }
    }

    @Test
    void draftsAndFutureArticlesAreNeverListed() {
        for (int limit : new int[] {1, 7, 50}) {
            List<String> listed = new ArrayList<>(slugs(walk(service, NONE, NONE, limit)));
            for (String tag : TAGS) {
                listed.addAll(slugs(walk(service, Optional.of(tag), NONE, limit)));
            }
            for (String section : SECTIONS) {
                listed.addAll(slugs(walk(service, NONE, Optional.of(section), limit)));
            }
            assertFalse(listed.contains("draft-everything"));
            assertFalse(listed.contains("scheduled-everything"));
            assertFalse(listed.contains("scheduled-in-a-second"));
        }
    }

    @Test
    void asksTheStoreOnceForOneMoreThanThePageAsOfNow() {
        ArticleListing page = service.list(Optional.of("ai"), NONE, 4, NONE);

        assertEquals(1, store.queries().size());
        ArticleQuery query = store.queries().get(0);
        assertEquals(ArticleQuery.Listing.TAG, query.listing());
        assertEquals("ai", query.key());
        assertEquals(5, query.limit());
        assertEquals(Articles.NOW, query.asOf());
        assertTrue(query.newestFirst());
        assertEquals(Optional.empty(), query.after());

        service.list(Optional.of("ai"), NONE, 4, page.nextCursor());
        ListingPosition last = ListingPosition.of(page.articles().get(3));
        assertEquals(Optional.of(last), store.queries().get(1).after());
    }

    @Test
    void aCursorKeepsItsPlaceWhileNewArticlesAppear() {
        List<String> before = expected(found -> true);
        ArticleListing first = service.list(NONE, NONE, 5, NONE);

        clock.advance(Duration.ofDays(1));
        store.save(article("newer-than-all").tags("ai").publishedAt(Articles.NOW.plus(Duration.ofHours(12))).build());
        ArticleListing second = service.list(NONE, NONE, 5, first.nextCursor());

        assertEquals(before.subList(5, 10), slugs(second));
        assertEquals(List.of("scheduled-everything", "newer-than-all", "scheduled-in-a-second"),
                slugs(service.list(NONE, NONE, 3, NONE)));
    }

    /** DynamoDB gives a LastEvaluatedKey with every full page, even when nothing follows it. */
    private static ArticleStore dynamoDbLike(ArticleStore store, int maxItemsPerQuery) {
        return new ArticleStore() {
            @Override
            public Optional<Article> find(String slug) {
                return store.find(slug);
            }

            @Override
            public ListingPage<ArticleSummary> list(ArticleQuery query) {
                int limit = Math.min(query.limit(), maxItemsPerQuery);
                ListingPage<ArticleSummary> page = store.list(new ArticleQuery(query.listing(), query.key(), query.asOf(),
                        query.newestFirst(), query.after(), limit));
                boolean full = page.items().size() == limit;
                return new ListingPage<>(page.items(), full
                        ? Optional.of(ListingPosition.of(page.items().get(limit - 1)))
                        : page.next());
            }

            @Override
            public SaveOutcome save(Article article) {
                return store.save(article);
            }
        };
    }

    @ParameterizedTest
    @MethodSource("listings")
    void aStoreThatOffersANextPositionOnEveryFullPageStillEndsWithoutACursor(
            Optional<String> tag, Optional<String> section) {
        ArticleListingService quirky = new ArticleListingService(dynamoDbLike(store, Integer.MAX_VALUE), TestKeys.IDENTIFIERS, clock);
        List<String> expected = expected(filter(tag, section));
        for (int limit = 1; limit <= ArticleListingService.MAX_LIMIT; limit++) {
            List<ArticleListing> pages = walk(quirky, tag, section, limit);

            assertEquals(expected, slugs(pages));
            assertEquals(Math.max(1, (expected.size() + limit - 1) / limit), pages.size(), "limit " + limit);
        }
    }

    /**
     * The science section's 9 articles, asked for 9 at a time from a store that stops every query
     * at 9 and offers a next position with it: the page is full, but only a second query (for the
     * one article that would tell a next page exists) learns that nothing follows, so the page
     * carries no cursor to an empty one. With a tenth article the second query finds it, and the
     * cursor points past the ninth.
     */
    @Test
    void aPageCutShortExactlyAtItsEndIsToppedUpToLearnWhetherMoreFollows() {
        List<String> science = expected(filter(NONE, Optional.of("science")));
        assertEquals(9, science.size());
        ArticleListingService cutAtNine = new ArticleListingService(dynamoDbLike(store, 9), TestKeys.IDENTIFIERS, clock);

        int queriesBefore = store.queries().size();
        ArticleListing page = cutAtNine.list(NONE, Optional.of("science"), 9, NONE);

        assertEquals(science, slugs(page));
        assertEquals(Optional.empty(), page.nextCursor());
        List<ArticleQuery> queries = store.queries().subList(queriesBefore, store.queries().size());
        assertEquals(List.of(9, 1), queries.stream().map(ArticleQuery::limit).toList());
        assertEquals(Optional.of(ListingPosition.of(page.articles().get(8))), queries.get(1).after());

        store.save(article("tenth-science").section("science").publishedAt(Articles.NOW.minus(Duration.ofDays(30))).build());
        ArticleListing full = cutAtNine.list(NONE, Optional.of("science"), 9, NONE);

        assertEquals(science, slugs(full));
        assertEquals(List.of("tenth-science"), slugs(cutAtNine.list(NONE, Optional.of("science"), 9, full.nextCursor())));
    }

    @ParameterizedTest
    @MethodSource("listings")
    void pagesCutShortByTheStoreAreToppedUpWithinTheQueryBoundAndLoseNothing(
            Optional<String> tag, Optional<String> section) {
        ArticleListingService cut = new ArticleListingService(dynamoDbLike(store, 2), TestKeys.IDENTIFIERS, clock);
        List<String> expected = expected(filter(tag, section));
        for (int limit = 1; limit <= 12; limit++) {
            int queriesBefore = store.queries().size();
            List<ArticleListing> pages = walk(cut, tag, section, limit);

            assertEquals(expected, slugs(pages), "limit " + limit);
            assertTrue(store.queries().size() - queriesBefore <= pages.size() * ArticleListingService.MAX_QUERIES);
            for (ArticleListing page : pages.subList(0, pages.size() - 1)) {
                assertEquals(Math.min(limit, 2 * ArticleListingService.MAX_QUERIES), page.articles().size());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"1", "9", "10", "05", "50"})
    void parsesALimitFromOneToFifty(String limit) {
        assertEquals(Integer.parseInt(limit), ArticleListingService.parseLimit(Optional.of(limit)));
    }

    @Test
    void theDefaultLimitIsTen() {
        assertEquals(10, ArticleListingService.parseLimit(NONE));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "00", "51", "100", "007", "-1", "+5", " 5", "5 ", "", "abc", "1,2", "1e1", "5.0",
            "\u0665", "99999999999999999999"})
    void anyOtherLimitIsInvalid(String limit) {
        RejectedException error = assertThrows(RejectedException.class,
                () -> ArticleListingService.parseLimit(Optional.of(limit)));
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_LIMIT", error.code());
    }

    private void assertRejected(String code, Optional<String> tag, Optional<String> section, Optional<String> cursor) {
        int queriesBefore = store.queries().size();
        RejectedException error = assertThrows(RejectedException.class, () -> service.list(tag, section, 10, cursor),
                () -> tag + " " + section + " " + cursor);
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals(code, error.code(), () -> tag + " " + section + " " + cursor);
        assertEquals(queriesBefore, store.queries().size(), "the store is not asked");
    }

    @Test
    void aTagAndASectionTogetherAreRefused() {
        assertRejected("CONFLICTING_FILTERS", Optional.of("ai"), Optional.of("tech"), NONE);
        assertRejected("CONFLICTING_FILTERS", Optional.of("Not A Tag"), Optional.of("tech"), NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AI", "Climate", "ai,space", "a_b", "-ai", "ai-", "a--b", "a b", "caf\u00e9", "../etc",
            "%61i"})
    void aMalformedTagOrSectionIsRefused(String key) {
        assertRejected("INVALID_TAG", Optional.of(key), NONE, NONE);
        assertRejected("INVALID_SECTION", NONE, Optional.of(key), NONE);
    }

    @Test
    void aTagOrSectionAsLongAsASlugIsAcceptedAndALongerOneRefused() {
        String longest = "a".repeat(Slug.MAX_LENGTH);
        assertEquals(List.of(), service.list(Optional.of(longest), NONE, 10, NONE).articles());
        assertEquals(List.of(), service.list(NONE, Optional.of(longest), 10, NONE).articles());
        assertRejected("INVALID_TAG", Optional.of(longest + "a"), NONE, NONE);
        assertRejected("INVALID_SECTION", NONE, Optional.of(longest + "a"), NONE);
    }

    @Test
    void aCursorServesOnlyTheListingItCameFrom() {
        String all = service.list(NONE, NONE, 2, NONE).nextCursor().orElseThrow();
        String climate = service.list(Optional.of("climate"), NONE, 2, NONE).nextCursor().orElseThrow();
        String science = service.list(NONE, Optional.of("science"), 2, NONE).nextCursor().orElseThrow();

        assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE, Optional.of(all));
        assertRejected("INVALID_CURSOR", NONE, Optional.of("science"), Optional.of(all));
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(climate));
        assertRejected("INVALID_CURSOR", Optional.of("energy"), NONE, Optional.of(climate));
        assertRejected("INVALID_CURSOR", NONE, Optional.of("climate"), Optional.of(climate));
        assertRejected("INVALID_CURSOR", NONE, Optional.of("culture"), Optional.of(science));
        assertRejected("INVALID_CURSOR", Optional.of("science"), NONE, Optional.of(science));
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(science));
    }

    /**
     * Even a cursor signed with our key (a leaked key, a clock gone back) must not lead outside the
     * listing: one dated after now would (real DynamoDB refuses such a start key, moto does not): 400.
     */
    @Test
    void aWellFormedCursorDatedAfterNowIsRefused() {
        String future = ListingCursor.encode(ArticleQuery.Listing.ALL, null,
                new ListingPosition(clock.instant().plusSeconds(1), "from-the-future"), TestKeys.IDENTIFIERS);
        String now = ListingCursor.encode(ArticleQuery.Listing.ALL, null, new ListingPosition(clock.instant(), "just-now"),
                TestKeys.IDENTIFIERS);

        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(future));
        service.list(NONE, NONE, 10, Optional.of(now));
    }

    @Test
    void aCursorWorksWithAnyLimit() {
        String cursor = service.list(NONE, NONE, 2, NONE).nextCursor().orElseThrow();

        assertEquals(expected(found -> true).subList(2, 9), slugs(service.list(NONE, NONE, 7, Optional.of(cursor))));
    }

    @Test
    void everyEditOfACursorIsRefused() {
        String cursor = service.list(Optional.of("climate"), NONE, 3, NONE).nextCursor().orElseThrow();
        String alphabet = "AQgw_-09azZ";
        for (int i = 0; i < cursor.length(); i++) {
            for (char replacement : alphabet.toCharArray()) {
                if (cursor.charAt(i) != replacement) {
                    String edited = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
                    assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE, Optional.of(edited));
                }
            }
            assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE,
                    Optional.of(cursor.substring(0, i) + cursor.substring(i + 1)));
        }
        assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE, Optional.of(cursor + "A"));
        assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE, Optional.of(cursor + "="));
        assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE, Optional.of(cursor + "=="));
        assertRejected("INVALID_CURSOR", Optional.of("climate"), NONE, Optional.of(cursor + cursor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "null", "0", "abc", "!!!!", "====", "a===", "%41%41", "caf\u00e9", "aGVsbG8",
            "aGVsbG8=", "eyJzbHVnIjoic3RvcnktMDEifQ", "MXxhbGx8fA", "AAAAAAAAAAAA", "/////w", "++++"})
    void garbageIsRefused(String cursor) {
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(cursor));
    }

    @Test
    void aHugeCursorIsRefusedUnread() {
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of("A".repeat(ListingCursor.MAX_LENGTH + 1)));
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of("MXxh".repeat(250_000)));
    }

    /** Encodes text as the current format does, with a check made under {@code key}. */
    private static String sign(String payload, news.articles.keyed.KeyedHash key) {
        String text = payload + "|" + key.hash("cursor", payload).substring(0, 22);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor with a valid check under this stack's key: what only the API (or a holder of its key) can make. */
    private static String forge(String payload) {
        return sign(payload, TestKeys.IDENTIFIERS);
    }

    /** Version 1's cursor: the payload with the first 8 hex digits of its unkeyed SHA-256, as anyone can make. */
    private static String unkeyed(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.UTF_8));
            String text = payload + "|" + HexFormat.of().formatHex(digest).substring(0, 8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Finding 7 of issue 13: the check is keyed, so a cursor made without this stack's key is not one of ours. */
    @Test
    void aCursorMadeWithAnotherKeyOrWithoutOneIsRefused() {
        String issued = service.list(NONE, NONE, 3, NONE).nextCursor().orElseThrow();
        ListingPosition position = ListingCursor.decode(issued, ArticleQuery.Listing.ALL, null, TestKeys.IDENTIFIERS);
        String payload = "2|all||" + position.publishedAt() + "|" + position.slug();

        assertEquals(issued, forge(payload));
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(sign(payload, TestKeys.OTHER_STACK)));
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(unkeyed(payload)));
        // What version 1 issued (events/ carried one): anyone could compute its check, so it is no longer read.
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(unkeyed("1|all||" + position.publishedAt() + "|"
                + position.slug())));
        assertRejected("INVALID_CURSOR", NONE, NONE,
                Optional.of("MXxhbGx8fDIwMjYtMDctMDJUMTc6MDA6MDBafHNvaWwtbWljcm9iZXMtY2FyYm9uLXN0b3JhZ2Utc3R1ZHl8ZDUwZTIzMzA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "1|all||2025-06-01T09:30:00Z|story-01",
        "3|all||2025-06-01T09:30:00Z|story-01",
        "|all||2025-06-01T09:30:00Z|story-01",
        "2|all||2025-06-01T09:30:00Z",
        "2|all||2025-06-01T09:30:00Z|story-01|more",
        "2|ALL||2025-06-01T09:30:00Z|story-01",
        "2|everything||2025-06-01T09:30:00Z|story-01",
        "2|all|x|2025-06-01T09:30:00Z|story-01",
        "2|all||yesterday|story-01",
        "2|all||2025-06-01T09:30Z|story-01",
        "2|all||2025-06-01T09:30:00+00:00|story-01",
        "2|all||2025-06-01T09:30:00.000Z|story-01",
        "2|all||2025-06-01|story-01",
        "2|all||-1000000001-01-01T00:00:00Z|story-01",
        "2|all||2025-06-01T09:30:00Z|",
        "2|all||2025-06-01T09:30:00Z|Story_01",
        "2|all||2025-06-01T09:30:00Z|caf\u00e9",
        "2|all||2025-06-01T09:30:00Z|story-01\n"})
    void wellCheckedButMalformedCursorsAreRefused(String payload) {
        assertRejected("INVALID_CURSOR", NONE, NONE, Optional.of(forge(payload)));
    }

    @Test
    void theCursorFormatIsPinned() {
        // Changing the format breaks every cursor readers hold (and events/list-articles-next-page.json's,
        // signed with the local stacks' sample key): add a version, and say in docs/api.md what old ones get.
        ListingPosition position = new ListingPosition(Instant.parse("2026-07-02T17:00:00Z"),
                "soil-microbes-carbon-storage-study");
        String cursor = ListingCursor.encode(ArticleQuery.Listing.ALL, null, position, TestKeys.IDENTIFIERS);

        assertEquals(forge("2|all||2026-07-02T17:00:00Z|soil-microbes-carbon-storage-study"), cursor);
        assertEquals(position, ListingCursor.decode(cursor, ArticleQuery.Listing.ALL, null, TestKeys.IDENTIFIERS));
        assertEquals(forge("2|tag|ai|2026-07-02T17:00:00Z|soil-microbes-carbon-storage-study"),
                ListingCursor.encode(ArticleQuery.Listing.TAG, "ai", position, TestKeys.IDENTIFIERS));
        assertEquals(forge("2|section|science|2026-07-02T17:00:00Z|soil-microbes-carbon-storage-study"),
                ListingCursor.encode(ArticleQuery.Listing.SECTION, "science", position, TestKeys.IDENTIFIERS));
    }

    @Test
    void aForgedPositionOnlySelectsWhatTheListingHolds() {
        ArticleListing page = service.list(NONE, NONE, 50, Optional.of(forge("2|all||1970-01-01T00:00:00Z|a")));
        assertEquals(List.of(), page.articles());

        Instant fifth = articles.stream().filter(found -> found.slug().equals("story-05")).findFirst()
                .orElseThrow().publishedAt();
        ArticleListing after = service.list(NONE, NONE, 50, Optional.of(forge("2|all||" + fifth + "|story-05")));
        List<String> all = expected(found -> true);
        assertEquals(all.subList(all.indexOf("story-05") + 1, all.size()), slugs(after));
    }

    @Test
    void theLongestCursorIssuedFitsTheCap() {
        String longest = "a".repeat(Slug.MAX_LENGTH);
        ListingPosition position = new ListingPosition(Instant.parse("2025-06-01T09:30:00.123456789Z"), longest);

        String cursor = ListingCursor.encode(ArticleQuery.Listing.SECTION, longest, position, TestKeys.IDENTIFIERS);

        assertTrue(cursor.length() < 420, cursor.length() + " characters");
        assertTrue(cursor.length() <= ListingCursor.MAX_LENGTH);
        assertEquals(position, ListingCursor.decode(cursor, ArticleQuery.Listing.SECTION, longest, TestKeys.IDENTIFIERS));
    }
}
