package news.articles.handler;

import news.articles.testing.TestKeys;
import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import news.articles.article.ArticleListingService;
import news.articles.article.SectionsService;
import news.articles.testing.InMemoryTaxonomyStore;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.config.SiteUrl;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpResponse;
import news.articles.testing.ApiEvent;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import news.articles.testing.Subscriptions;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionPages;
import news.articles.testing.InMemoryEditionStore;
import news.articles.http.HtmlPage;
import org.junit.jupiter.api.Test;

/**
 * The security headers through every HTTP function, on its answers of each kind: every answer
 * {@code nosniff}; pages a strict policy and no Referer (tokens are in their URLs); everything
 * but the public article answers {@code no-store}.
 */
class SecurityHeadersTest {

    private static final String BROWSER = "text/html,application/xhtml+xml,*/*;q=0.8";

    private final InMemoryArticleStore store = new InMemoryArticleStore(article("heat-pumps").tags("energy").build(),
            article("soil-microbes").tags("energy").daysAgo(2).build());
    private final Clock clock = Clock.fixed(Articles.NOW, ZoneOffset.UTC);
    private final SiteUrl site = new SiteUrl(Subscriptions.SITE_URL);
    private final Subscriptions subscriptions = new Subscriptions();

    @Test
    void publicArticleAnswersAreCacheableAndTheirErrorsAreNot() {
        List<RequestStreamHandler> handlers = List.of(new GetArticleHandler(new ArticleService(store, clock), site),
                new ListArticlesHandler(new ArticleListingService(store, TestKeys.IDENTIFIERS, clock),
                        new SectionsService(new InMemoryTaxonomyStore(), clock), site),
                new ListRecommendationsHandler(new RecommendationService(store, clock), site));
        for (RequestStreamHandler handler : handlers) {
            Reply ok = Invocation.invoke(handler, ApiEvent.get("/articles/heat-pumps").pathParameter("slug", "heat-pumps"));
            assertEquals(200, ok.status(), handler.getClass().getSimpleName());
            json(ok);
            assertEquals(ConditionalGet.CACHE_CONTROL, ok.header("cache-control"));

            Reply notModified = Invocation.invoke(handler, ApiEvent.get("/articles/heat-pumps").pathParameter("slug", "heat-pumps")
                    .header("if-none-match", ok.header("etag")));
            assertEquals(304, notModified.status());
            assertEquals("nosniff", notModified.header("x-content-type-options"));

            Reply error = Invocation.invoke(handler, ApiEvent.get("/articles/X").pathParameter("slug", "X").query("limit", "x"));
            assertEquals(400, error.status());
            json(error);
            assertEquals("no-store", error.header("cache-control"));
        }
    }

    @Test
    void newsletterPagesAreCacheablePagesAndTheirErrorsAreNot() {
        NewsletterPageHandler handler = new NewsletterPageHandler(
                new EditionPages(new InMemoryEditionStore(NewsletterPageHandlerTest.edition(47, 2))),
                new EditionContent("The Newsroom", new SiteLinks(site)), site);

        for (ApiEvent request : List.of(ApiEvent.get("/newsletter/2026-W47").pathParameter("editionId", "2026-W47"),
                ApiEvent.get("/newsletter"))) {
            Reply ok = Invocation.invoke(handler, request.header("accept", BROWSER));
            assertEquals(200, ok.status());
            assertEquals(HttpResponse.HTML, ok.header("content-type"));
            assertEquals("nosniff", ok.header("x-content-type-options"));
            assertEquals(ConditionalGet.CACHE_CONTROL, ok.header("cache-control"));
            assertEquals(HtmlPage.CONTENT_SECURITY_POLICY, ok.header("content-security-policy"));
            assertEquals(304, Invocation.invoke(handler, request.header("if-none-match", ok.header("etag"))).status());
        }
        page(Invocation.invoke(handler, ApiEvent.get("/newsletter/2026-W48").pathParameter("editionId", "2026-W48")
                .header("accept", BROWSER)), 404);
        page(Invocation.invoke(handler, ApiEvent.get("/newsletter/x").pathParameter("editionId", "x")), 400);
        personalJson(Invocation.invoke(handler, ApiEvent.get("/newsletter/x").pathParameter("editionId", "x")
                .header("accept", "application/json")), 400);
    }

    @Test
    void subscribingAnswersAreNeverStored() {
        SubscribeHandler handler = new SubscribeHandler(subscriptions.service, Subscriptions.REQUESTS);

        personalJson(Invocation.invoke(handler, ApiEvent.post("/subscriptions").jsonBody("{\"email\":\"reader@example.com\"}")), 202);
        personalJson(Invocation.invoke(handler, ApiEvent.post("/subscriptions").jsonBody("{\"email\":\"nobody\"}")), 400);
        page(Invocation.invoke(handler, ApiEvent.post("/subscriptions").header("accept", BROWSER)
                .formBody("email=reader%40example.com")), 202);
        page(Invocation.invoke(handler, ApiEvent.post("/subscriptions").header("accept", BROWSER).formBody("email=nobody")), 400);
    }

    @Test
    void confirmingAnswersAreNeverStoredAndItsPagesSendNoReferrer() {
        ConfirmSubscriptionHandler handler = new ConfirmSubscriptionHandler(subscriptions.service, Subscriptions.REQUESTS);
        subscriptions.service.subscribe("reader@example.com", Subscriptions.REQUESTER);
        String token = subscriptions.lastToken();

        page(Invocation.invoke(handler, ApiEvent.get("/subscriptions/confirm").query("token", token)), 200);
        page(Invocation.invoke(handler, ApiEvent.get("/subscriptions/confirm").query("token", "nonsense")), 400);
        personalJson(Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm").jsonBody("{\"token\":\"nonsense\"}")), 400);
        personalJson(Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm")
                .jsonBody("{\"token\":\"" + token + "\"}")), 200);
        page(Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm").header("accept", BROWSER)
                .formBody("token=" + token)), 200);
    }

    @Test
    void unsubscribingAnswersAreNeverStoredAndItsPagesSendNoReferrer() {
        UnsubscribeHandler handler = new UnsubscribeHandler(subscriptions.service, Subscriptions.REQUESTS);
        subscriptions.service.subscribe("reader@example.com", Subscriptions.REQUESTER);
        String token = Subscriptions.unsubscribeToken(subscriptions.mailer.last());

        page(Invocation.invoke(handler, ApiEvent.get("/subscriptions/unsubscribe").query("token", token)), 200);
        page(Invocation.invoke(handler, ApiEvent.get("/subscriptions/unsubscribe")), 400);
        personalJson(Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe").query("token", token)
                .formBody("List-Unsubscribe=One-Click")), 200);
        personalJson(Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe").jsonBody("{\"token\":1}")), 400);
        page(Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe").header("accept", BROWSER)
                .formBody("token=" + token)), 200);
    }

    private static void json(Reply reply) {
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        assertEquals("nosniff", reply.header("x-content-type-options"));
        assertNull(reply.header("content-security-policy"));
    }

    private static void personalJson(Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        json(reply);
        assertEquals("no-store", reply.header("cache-control"));
    }

    private static void page(Reply reply, int status) {
        assertEquals(status, reply.status(), reply.body());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertEquals("nosniff", reply.header("x-content-type-options"));
        assertEquals("no-store", reply.header("cache-control"));
        assertEquals("no-referrer", reply.header("referrer-policy"));
        String policy = reply.header("content-security-policy");
        assertTrue(policy.startsWith("default-src 'none'; style-src 'sha256-"), policy);
        assertTrue(policy.endsWith("'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"), policy);
    }
}
