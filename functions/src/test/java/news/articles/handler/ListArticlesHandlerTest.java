package news.articles.handler;

import news.articles.testing.TestKeys;
import static news.articles.testing.Articles.article;
import static news.articles.testing.JsonTree.at;
import static news.articles.testing.JsonTree.integer;
import static news.articles.testing.JsonTree.list;
import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.articles.article.Article;
import news.articles.article.SectionsService;
import news.articles.article.SiteTaxonomy;
import news.articles.article.ArticleListingService;
import news.articles.article.ArticleStatus;
import news.articles.config.ConfigurationException;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpResponse;
import news.articles.testing.ApiEvent;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.InMemoryTaxonomyStore;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import org.junit.jupiter.api.Test;

class ListArticlesHandlerTest {

    private static final Article HEAT_PUMPS = new Article("cold-climate-heat-pumps", "Heat pumps in the cold",
            "How they fared at -25 °C.", "<p>Winter tested <em>them</em>.</p>", "Ada Writer", "science",
            List.of("energy", "climate"), ArticleStatus.PUBLISHED, Instant.parse("2025-06-01T06:00:00Z"),
            Instant.parse("2025-06-01T08:15:00Z"), 7);

    private static final List<Article> SITE = List.of(
            HEAT_PUMPS,
            article("soil-carbon").section("science").tags("climate").daysAgo(3).build(),
            article("bookshops").section("culture").tags("books").daysAgo(4).build(),
            article("grid-batteries").section("tech").tags("energy").daysAgo(5).build(),
            article("eclipse").section("science").daysAgo(6).build(),
            article("draft-story").section("science").tags("climate").draft().build(),
            article("scheduled-story").section("science").tags("climate", "space").inDays(1).build());
    private final InMemoryArticleStore store = new InMemoryArticleStore(SITE.toArray(Article[]::new));
    /** Counted by an import three and a half days ago: soil-carbon was scheduled then, and counts now. */
    private final InMemoryTaxonomyStore taxonomy = new InMemoryTaxonomyStore(
            SiteTaxonomy.of(SITE, Articles.NOW.minus(Duration.ofHours(84))));
    private final ListArticlesHandler handler = new ListArticlesHandler(
            new ArticleListingService(store, TestKeys.IDENTIFIERS, Clock.fixed(Articles.NOW, ZoneOffset.UTC)),
            new SectionsService(taxonomy, Clock.fixed(Articles.NOW, ZoneOffset.UTC)),
            new SiteUrl("https://news.example.com/"));

    private static ApiEvent listArticles() {
        return ApiEvent.get("/articles");
    }

    private static List<String> slugs(Reply reply) {
        List<String> slugs = new ArrayList<>();
        for (Object article : list(reply.json(), "articles")) {
            slugs.add(string(article, "slug"));
        }
        return slugs;
    }

    @Test
    void answersSummariesNewestFirstAndNoCursorOnTheLastPage() {
        Reply reply = Invocation.invoke(handler, listArticles());

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        assertEquals(List.of("cold-climate-heat-pumps", "soil-carbon", "bookshops", "grid-batteries", "eclipse"),
                slugs(reply));
        Object body = reply.json();
        assertEquals(2, ((Map<?, ?>) body).size(), ((Map<?, ?>) body).keySet().toString());
        assertTrue(((Map<?, ?>) body).containsKey("nextCursor"));
        assertNull(at(body, "nextCursor"));
    }

    @Test
    void eachSummaryHasTheFieldsRecommendationsShow() {
        Object first = at(Invocation.invoke(handler, listArticles()).json(), "articles", 0);

        assertEquals("cold-climate-heat-pumps", string(first, "slug"));
        assertEquals("Heat pumps in the cold", string(first, "title"));
        assertEquals("How they fared at -25 °C.", string(first, "summary"));
        assertEquals("Ada Writer", string(first, "author"));
        assertEquals("science", string(first, "section"));
        assertEquals(List.of("energy", "climate"), at(first, "tags"));
        assertEquals("2025-06-01T06:00:00Z", string(first, "publishedAt"));
        assertEquals("2025-06-01T08:15:00Z", string(first, "updatedAt"));
        assertEquals(7, integer(first, "readingTimeMinutes"));
        assertEquals("https://news.example.com/articles/cold-climate-heat-pumps", string(first, "canonicalUrl"));
        assertEquals(10, ((Map<?, ?>) first).size(), ((Map<?, ?>) first).keySet().toString());
    }

    @Test
    void followsNextCursorPageByPage() {
        Reply first = Invocation.invoke(handler, listArticles().query("limit", "2"));
        String cursor = string(first.json(), "nextCursor");
        Reply second = Invocation.invoke(handler, listArticles().query("limit", "2").query("cursor", cursor));
        Reply third = Invocation.invoke(handler,
                listArticles().query("limit", "2").query("cursor", string(second.json(), "nextCursor")));

        assertEquals(List.of("cold-climate-heat-pumps", "soil-carbon"), slugs(first));
        assertEquals(List.of("bookshops", "grid-batteries"), slugs(second));
        assertEquals(List.of("eclipse"), slugs(third));
        assertNull(at(third.json(), "nextCursor"));
        assertTrue(cursor.matches("[A-Za-z0-9_-]+"), "a cursor needs no escaping in a URL: " + cursor);
    }

    @Test
    void listsATagOrASection() {
        Reply climate = Invocation.invoke(handler, listArticles().query("tag", "climate"));
        Reply science = Invocation.invoke(handler, listArticles().query("section", "science").query("limit", "2"));
        Reply nothing = Invocation.invoke(handler, listArticles().query("tag", "no-such-tag"));

        assertEquals(List.of("cold-climate-heat-pumps", "soil-carbon"), slugs(climate));
        assertNull(at(climate.json(), "nextCursor"));
        assertEquals(List.of("cold-climate-heat-pumps", "soil-carbon"), slugs(science));
        assertNotNull(at(science.json(), "nextCursor"));
        assertEquals(200, nothing.status());
        assertEquals(List.of(), slugs(nothing));
        assertNull(at(nothing.json(), "nextCursor"));
    }

    @Test
    void isCacheableAndAnswers304ToItsETag() {
        Reply first = Invocation.invoke(handler, listArticles().query("limit", "2"));

        Reply again = Invocation.invoke(handler, listArticles().query("limit", "2").header("If-None-Match", first.header("etag")));
        Reply otherPage = Invocation.invoke(handler, listArticles().query("limit", "3"));

        assertEquals(ConditionalGet.CACHE_CONTROL, first.header("cache-control"));
        assertEquals("nosniff", first.header("x-content-type-options"));
        assertNotNull(first.header("etag"));
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(first.header("etag"), again.header("etag"));
        assertNull(again.header("content-type"));
        assertEquals(200, otherPage.status());
        assertNotEquals(first.header("etag"), otherPage.header("etag"));
    }

    @Test
    void badQueriesAre400WithACode() {
        String allCursor = string(Invocation.invoke(handler, listArticles().query("limit", "1")).json(), "nextCursor");
        Map<ApiEvent, String> cases = Map.of(
                listArticles().query("limit", "0"), "INVALID_LIMIT",
                listArticles().query("limit", "51"), "INVALID_LIMIT",
                listArticles().query("limit", "ten"), "INVALID_LIMIT",
                listArticles().query("cursor", "not-a-cursor"), "INVALID_CURSOR",
                listArticles().query("cursor", ""), "INVALID_CURSOR",
                listArticles().query("tag", "climate").query("cursor", allCursor), "INVALID_CURSOR",
                listArticles().query("tag", "climate").query("section", "science"), "CONFLICTING_FILTERS",
                listArticles().query("tag", "Climate"), "INVALID_TAG",
                listArticles().query("section", "sci ence"), "INVALID_SECTION");
        int queriesBefore = store.queries().size();
        cases.forEach((event, code) -> {
            Reply reply = Invocation.invoke(handler, event);

            assertEquals(400, reply.status(), code);
            assertEquals(HttpResponse.JSON, reply.header("content-type"));
            assertEquals(code, string(reply.json(), "code"));
            assertTrue(!string(reply.json(), "message").isBlank());
            assertEquals("no-store", reply.header("cache-control"));
            assertNull(reply.header("etag"));
        });
        assertEquals(queriesBefore, store.queries().size(), "a refused request reads nothing");
    }

    @Test
    void sectionsListsTheSectionsAndTagsReadersSeeWithTheirCountsByName() {
        Reply reply = Invocation.invoke(handler, ApiEvent.get("/sections"));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        assertEquals(Map.of(
                "sections", List.of(count("culture", 1), count("science", 3), count("tech", 1)),
                "tags", List.of(count("books", 1), count("climate", 2), count("energy", 2))), reply.json());
        assertEquals(1, taxonomy.reads());
        assertEquals(List.of(), store.queries(), "one read of the taxonomy, no listing");
    }

    @Test
    void sectionsAreCacheableAndAnswer304ToTheirETag() {
        Reply first = Invocation.invoke(handler, ApiEvent.get("/sections"));
        Reply again = Invocation.invoke(handler, ApiEvent.get("/sections").header("If-None-Match", first.header("etag")));

        assertEquals(ConditionalGet.CACHE_CONTROL, first.header("cache-control"));
        assertEquals("Origin", first.header("vary"));
        assertEquals(304, again.status());
        assertEquals(first.header("etag"), again.header("etag"));
    }

    @Test
    void beforeTheFirstImportSectionsAreEmptyLists() {
        ListArticlesHandler empty = new ListArticlesHandler(
                new ArticleListingService(store, TestKeys.IDENTIFIERS, Clock.fixed(Articles.NOW, ZoneOffset.UTC)),
                new SectionsService(new InMemoryTaxonomyStore(), Clock.fixed(Articles.NOW, ZoneOffset.UTC)),
                new SiteUrl("https://news.example.com/"));

        Reply reply = Invocation.invoke(empty, ApiEvent.get("/sections"));

        assertEquals(200, reply.status());
        assertEquals(Map.of("sections", List.of(), "tags", List.of()), reply.json());
    }

    @Test
    void excludeLeavesOutTheArticleBeingReadAndKeepsThePageFull() {
        Reply reply = Invocation.invoke(handler, listArticles().query("section", "science").query("limit", "2")
                .query("exclude", "cold-climate-heat-pumps"));
        Reply malformed = Invocation.invoke(handler, listArticles().query("exclude", "Not A Slug"));

        assertEquals(List.of("soil-carbon", "eclipse"), slugs(reply));
        assertNull(at(reply.json(), "nextCursor"));
        assertEquals(400, malformed.status());
        assertEquals("INVALID_EXCLUDE", string(malformed.json(), "code"));
    }

    private static Map<String, Object> count(String name, int articleCount) {
        return Map.of("name", name, "articleCount", new news.articles.json.Json.JsonNumber(Integer.toString(articleCount)));
    }

    @Test
    void failsFastNamingAMissingVariable() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> new ListArticlesHandler(new Environment(Map.of("SITE_URL", "https://news.example.com"))));
        assertTrue(error.getMessage().contains("ARTICLES_TABLE"), error.getMessage());
    }
}
