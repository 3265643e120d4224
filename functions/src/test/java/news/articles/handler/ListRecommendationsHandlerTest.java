package news.articles.handler;

import static news.articles.testing.Articles.article;
import static news.articles.testing.JsonTree.at;
import static news.articles.testing.JsonTree.list;
import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import news.articles.article.RecommendationService;
import news.articles.config.SiteUrl;
import news.articles.http.ConditionalGet;
import news.articles.testing.ApiEvent;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListRecommendationsHandlerTest {

    private final InMemoryArticleStore store = new InMemoryArticleStore(
            article("subject").section("science").tags("climate").daysAgo(10).build(),
            article("shares-climate").section("culture").tags("climate", "books").daysAgo(20).build(),
            article("older-science").section("science").daysAgo(12).build(),
            article("newer-science").section("science").daysAgo(8).build(),
            article("latest").section("tech").daysAgo(1).build());
    private final ListRecommendationsHandler handler = new ListRecommendationsHandler(
            new RecommendationService(store, Clock.fixed(Articles.NOW, ZoneOffset.UTC)),
            new SiteUrl("https://news.example.com"));

    private static ApiEvent recommendationsFor(String slug) {
        return ApiEvent.get("/articles/" + slug + "/recommendations").pathParameter("slug", slug);
    }

    @Test
    void answersTheListAndNextUp() {
        Reply reply = Invocation.invoke(handler, recommendationsFor("subject").query("limit", "2"));

        assertEquals(200, reply.status());
        Object body = reply.json();
        assertEquals("subject", string(body, "slug"));
        assertEquals(2, list(body, "recommended").size());
        assertEquals("shares-climate", string(body, "recommended", 0, "slug"));
        assertEquals("SHARED_TAGS", string(body, "recommended", 0, "reason", "kind"));
        assertEquals(List.of("climate"), at(body, "recommended", 0, "reason", "sharedTags"));
        assertEquals(false, at(body, "recommended", 0, "reason", "sameSection"));
        assertEquals("newer-science", string(body, "recommended", 1, "slug"));
        assertEquals("SAME_SECTION", string(body, "recommended", 1, "reason", "kind"));
        assertEquals(List.of(), at(body, "recommended", 1, "reason", "sharedTags"));
        assertEquals(true, at(body, "recommended", 1, "reason", "sameSection"));
        assertEquals("https://news.example.com/articles/newer-science", string(body, "recommended", 1, "canonicalUrl"));
        // Past the first three ranked (shares-climate, newer-science, older-science) nothing is related
        // or in the section: the newest on the site, whatever the limit.
        assertEquals("latest", string(body, "nextUp", "slug"));
        assertEquals("LATEST", string(body, "nextUp", "rule"));
        for (String field : List.of("title", "summary", "author", "section", "tags", "publishedAt", "updatedAt",
                "readingTimeMinutes", "canonicalUrl")) {
            assertNotNull(at(body, "recommended", 0, field), field);
            assertNotNull(at(body, "nextUp", field), field);
        }
        assertTrue(!((Map<?, ?>) at(body, "recommended", 0)).containsKey("bodyHtml"));
    }

    @Test
    void theDefaultLimitIsThree() {
        Reply reply = Invocation.invoke(handler, recommendationsFor("subject"));

        assertEquals(3, list(reply.json(), "recommended").size());
    }

    @Test
    void noNextUpIsNull() {
        InMemoryArticleStore lonely = new InMemoryArticleStore(article("alone").build());
        ListRecommendationsHandler handler = new ListRecommendationsHandler(
                new RecommendationService(lonely, Clock.fixed(Articles.NOW, ZoneOffset.UTC)),
                new SiteUrl("https://news.example.com"));

        Reply reply = Invocation.invoke(handler, recommendationsFor("alone"));

        assertEquals(200, reply.status());
        assertEquals(List.of(), at(reply.json(), "recommended"));
        assertNull(at(reply.json(), "nextUp"));
    }

    @Test
    void isCacheableAndAnswers304ToItsETag() {
        Reply first = Invocation.invoke(handler, recommendationsFor("subject"));

        Reply again = Invocation.invoke(handler, recommendationsFor("subject").header("If-None-Match", first.header("etag")));

        assertEquals(ConditionalGet.CACHE_CONTROL, first.header("cache-control"));
        assertEquals(304, again.status());
        assertEquals("", again.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "11", "abc", "1,2", "-1", ""})
    void aBadLimitIs400(String limit) {
        Reply reply = Invocation.invoke(handler, recommendationsFor("subject").query("limit", limit));

        assertEquals(400, reply.status());
        assertEquals("INVALID_LIMIT", string(reply.json(), "code"));
    }

    @Test
    void anUnknownArticleIs404AndAMalformedSlug400() {
        assertEquals(404, Invocation.invoke(handler, recommendationsFor("nothing-here")).status());
        assertEquals("INVALID_SLUG", string(Invocation.invoke(handler, recommendationsFor("Nope!")).json(), "code"));
    }
}
