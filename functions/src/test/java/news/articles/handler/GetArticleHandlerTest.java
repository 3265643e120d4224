package news.articles.handler;

import static news.articles.testing.Articles.article;
import static news.articles.testing.JsonTree.at;
import static news.articles.testing.JsonTree.integer;
import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import news.articles.article.Article;
import news.articles.article.ArticleService;
import news.articles.article.ArticleStatus;
import news.articles.config.ConfigurationException;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpResponse;
import news.articles.testing.ApiEvent;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import org.junit.jupiter.api.Test;

class GetArticleHandlerTest {

    private static final Article HEAT_PUMPS = new Article("cold-climate-heat-pumps", "Heat pumps in the cold",
            "How they fared at -25 °C.", "<p>Winter tested <em>them</em>.</p>", "Ada Writer", "science",
            List.of("energy", "climate"), ArticleStatus.PUBLISHED, Instant.parse("2025-05-30T06:00:00Z"),
            Instant.parse("2025-05-31T08:15:00Z"), 7);

    private final InMemoryArticleStore store = new InMemoryArticleStore(HEAT_PUMPS,
            article("draft-story").draft().build(), article("scheduled-story").inDays(1).build());
    private final GetArticleHandler handler = new GetArticleHandler(
            new ArticleService(store, Clock.fixed(Articles.NOW, ZoneOffset.UTC)), new SiteUrl("https://news.example.com/"));

    private static ApiEvent getArticle(String slug) {
        return ApiEvent.get("/articles/" + slug).pathParameter("slug", slug);
    }

    @Test
    void answersAPublishedArticleWithAllItsFields() {
        Reply reply = Invocation.invoke(handler, getArticle("cold-climate-heat-pumps"));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        Object body = reply.json();
        assertEquals("cold-climate-heat-pumps", string(body, "slug"));
        assertEquals("Heat pumps in the cold", string(body, "title"));
        assertEquals("How they fared at -25 °C.", string(body, "summary"));
        assertEquals("<p>Winter tested <em>them</em>.</p>", string(body, "bodyHtml"));
        assertEquals("Ada Writer", string(body, "author"));
        assertEquals(List.of("energy", "climate"), at(body, "tags"));
        assertEquals("science", string(body, "section"));
        assertEquals("2025-05-30T06:00:00Z", string(body, "publishedAt"));
        assertEquals("2025-05-31T08:15:00Z", string(body, "updatedAt"));
        assertEquals(7, integer(body, "readingTimeMinutes"));
        assertEquals("https://news.example.com/articles/cold-climate-heat-pumps", string(body, "canonicalUrl"));
        assertEquals(11, ((Map<?, ?>) body).size(), ((Map<?, ?>) body).keySet().toString());
    }

    @Test
    void isCacheableWithAnETag() {
        Reply reply = Invocation.invoke(handler, getArticle("cold-climate-heat-pumps"));

        assertEquals(ConditionalGet.CACHE_CONTROL, reply.header("cache-control"));
        assertNotNull(reply.header("etag"));
        assertEquals("nosniff", reply.header("x-content-type-options"));
        assertEquals(reply.header("etag"), Invocation.invoke(handler, getArticle("cold-climate-heat-pumps")).header("etag"));
    }

    @Test
    void answers304ToTheETagItGave() {
        String etag = Invocation.invoke(handler, getArticle("cold-climate-heat-pumps")).header("etag");

        Reply reply = Invocation.invoke(handler, getArticle("cold-climate-heat-pumps").header("If-None-Match", etag));

        assertEquals(304, reply.status());
        assertEquals("", reply.body());
        assertEquals(etag, reply.header("etag"));
        assertNull(reply.header("content-type"));
    }

    @Test
    void unknownDraftAndScheduledArticlesAre404() {
        for (String slug : List.of("no-such-story", "draft-story", "scheduled-story")) {
            Reply reply = Invocation.invoke(handler, getArticle(slug));

            assertEquals(404, reply.status(), slug);
            assertEquals("ARTICLE_NOT_FOUND", string(reply.json(), "code"));
            assertEquals("no-store", reply.header("cache-control"));
            assertNull(reply.header("etag"));
        }
    }

    @Test
    void aMalformedOrMissingSlugIs400() {
        for (ApiEvent event : List.of(getArticle("Cold-Heat"), getArticle("..%2Fsecrets"), ApiEvent.get("/articles/"))) {
            Reply reply = Invocation.invoke(handler, event);

            assertEquals(400, reply.status());
            assertEquals("INVALID_SLUG", string(reply.json(), "code"));
        }
        assertEquals(List.of(), store.finds());
    }

    @Test
    void failsFastNamingAMissingVariable() {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> new GetArticleHandler(new Environment(Map.of("SITE_URL", "https://news.example.com"))));
        assertTrue(error.getMessage().contains("ARTICLES_TABLE"), error.getMessage());
    }
}
