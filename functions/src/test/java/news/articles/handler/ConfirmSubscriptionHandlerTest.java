package news.articles.handler;

import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import news.articles.http.HttpResponse;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import news.articles.testing.ApiEvent;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfirmSubscriptionHandlerTest {

    private final Subscriptions subscriptions = new Subscriptions();
    private final ConfirmSubscriptionHandler handler = new ConfirmSubscriptionHandler(subscriptions.service, Subscriptions.REQUESTS);
    private String token;

    @BeforeEach
    void signUp() {
        subscriptions.service.subscribe("reader@example.com", Subscriptions.REQUESTER);
        token = subscriptions.lastToken();
    }

    private static ApiEvent confirmPage(String token) {
        return ApiEvent.get("/subscriptions/confirm").query("token", token)
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    }

    private SubscriberStatus status() {
        return subscriptions.store.snapshot().values().iterator().next().status();
    }

    @Test
    void theLinkOpensAPageWhoseButtonPostsTheTokenAndChangesNothing() {
        Map<String, Subscriber> before = subscriptions.store.snapshot();
        int writesBefore = subscriptions.store.writes();

        Reply reply = Invocation.invoke(handler, confirmPage(token));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertEquals("no-store", reply.header("cache-control"));
        assertTrue(reply.header("content-security-policy").contains("form-action 'self'"));
        assertEquals("no-referrer", reply.header("referrer-policy"));
        assertTrue(reply.body().contains("<form method=\"post\" action=\"confirm\">"), reply.body());
        assertTrue(reply.body().contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"), reply.body());
        Subscriptions.assertMasthead(reply.body());
        assertEquals(before, subscriptions.store.snapshot());
        assertEquals(writesBefore, subscriptions.store.writes());
        assertEquals(SubscriberStatus.PENDING, status());
    }

    @Test
    void theLinkInTheEmailLeadsToThatPage() {
        String link = Subscriptions.link(subscriptions.mailer.last());

        assertEquals(Subscriptions.SITE_URL + "/subscriptions/confirm?token=" + token, link);
    }

    @Test
    void aPageWithoutAValidTokenIsA400PageShowingTheCode() {
        for (ApiEvent event : new ApiEvent[] {
            ApiEvent.get("/subscriptions/confirm"),
            confirmPage("not-a-token"),
            confirmPage("\"><script>alert(1)</script>.x")}) {
            Reply reply = Invocation.invoke(handler, event);

            assertEquals(400, reply.status());
            assertEquals(HttpResponse.HTML, reply.header("content-type"));
            assertTrue(reply.body().contains("400 INVALID_TOKEN"), reply.body());
            assertFalse(reply.body().contains("<script>"), reply.body());
            Subscriptions.assertMasthead(reply.body());
        }
    }

    @Test
    void postingTheTokenAsJsonConfirms() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm")
                .jsonBody("{\"token\": \"" + token + "\"}"));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        assertEquals(Map.of("status", "confirmed"), reply.json());
        assertEquals(SubscriberStatus.CONFIRMED, status());
    }

    @Test
    void confirmingTwiceIsAlreadyConfirmed() {
        ApiEvent confirm = ApiEvent.post("/subscriptions/confirm").jsonBody("{\"token\": \"" + token + "\"}");
        Invocation.invoke(handler, confirm);

        Reply again = Invocation.invoke(handler, confirm);

        assertEquals(200, again.status());
        assertEquals(Map.of("status", "already_confirmed"), again.json());
    }

    @Test
    void theFormOnThePageConfirmsWithAPage() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm")
                .header("Accept", "text/html,*/*;q=0.8")
                .formBody("token=" + token));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertTrue(reply.body().contains("You are subscribed"), reply.body());
        Subscriptions.assertMasthead(reply.body());
        assertEquals(SubscriberStatus.CONFIRMED, status());

        Reply again = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm")
                .header("Accept", "text/html").formBody("token=" + token));
        assertTrue(again.body().contains("You were already subscribed"), again.body());
    }

    @Test
    void postingABadTokenIs400InTheAskedFormat() {
        Reply json = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm").jsonBody("{\"token\": \"x.y\"}"));
        Reply page = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm").header("Accept", "text/html")
                .formBody("token=x.y"));
        Reply missing = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm").jsonBody("{}"));

        assertEquals(400, json.status());
        assertEquals("INVALID_TOKEN", string(json.json(), "code"));
        assertEquals(400, page.status());
        assertTrue(page.body().contains("400 INVALID_TOKEN"), page.body());
        assertEquals("INVALID_TOKEN", string(missing.json(), "code"));
        assertEquals(SubscriberStatus.PENDING, status());
    }

    @Test
    void anExpiredTokenIs410() {
        subscriptions.clock.advance(Subscriptions.TOKEN_TTL);

        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm")
                .jsonBody("{\"token\": \"" + token + "\"}"));

        assertEquals(410, reply.status());
        assertEquals("TOKEN_EXPIRED", string(reply.json(), "code"));
    }

    @Test
    void otherMethodsAre405() {
        Reply reply = Invocation.invoke(handler, ApiEvent.request("DELETE", "/subscriptions/confirm"));

        assertEquals(405, reply.status());
        assertEquals("METHOD_NOT_ALLOWED", string(reply.json(), "code"));
    }

    @Test
    void recordsTheSourceIpAndUserAgentOfTheConfirmation() {
        Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm").header("user-agent", "Phone/2.0")
                .jsonBody("{\"token\": \"" + token + "\"}"));

        news.articles.subscription.Consent consent =
                subscriptions.store.snapshot().values().iterator().next().confirmation().orElseThrow();
        assertEquals("198.51.100.7", consent.ip());
        assertEquals("Phone/2.0", consent.userAgent());
    }

    @Test
    void aConfirmationPostedFromAnotherSitesPageIsRefusedAndChangesNothing() {
        Map<String, Subscriber> before = subscriptions.store.snapshot();

        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/confirm")
                .header("origin", "https://evil.example").jsonBody("{\"token\": \"" + token + "\"}"));

        assertEquals(403, reply.status());
        assertEquals("CROSS_SITE_REQUEST", string(reply.json(), "code"));
        assertEquals(before, subscriptions.store.snapshot());
    }
}
