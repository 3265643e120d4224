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

class UnsubscribeHandlerTest {

    private final Subscriptions subscriptions = new Subscriptions();
    private final UnsubscribeHandler handler = new UnsubscribeHandler(subscriptions.service, Subscriptions.REQUESTS);
    private String token;
    private String confirmToken;

    @BeforeEach
    void signUpAndConfirm() {
        subscriptions.service.subscribe("reader@example.com", Subscriptions.REQUESTER);
        token = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        confirmToken = subscriptions.lastToken();
        subscriptions.service.confirm(confirmToken, Subscriptions.REQUESTER);
    }

    private SubscriberStatus status() {
        return subscriptions.store.snapshot().values().iterator().next().status();
    }

    @Test
    void theLinkOpensAPageWhoseButtonPostsTheTokenAndChangesNothing() {
        Map<String, Subscriber> before = subscriptions.store.snapshot();
        int writesBefore = subscriptions.store.writes();

        Reply reply = Invocation.invoke(handler, ApiEvent.get("/subscriptions/unsubscribe").query("token", token)
                .header("accept", "text/html"));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertEquals("no-store", reply.header("cache-control"));
        assertTrue(reply.body().contains("<form method=\"post\" action=\"unsubscribe\">"), reply.body());
        assertTrue(reply.body().contains("<input type=\"hidden\" name=\"token\" value=\"" + token + "\">"), reply.body());
        assertEquals(before, subscriptions.store.snapshot());
        assertEquals(writesBefore, subscriptions.store.writes());
    }

    @Test
    void theOneClickPostOfRfc8058UnsubscribesWithTheTokenInTheUrl() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe").query("token", token)
                .formBody("List-Unsubscribe=One-Click"));

        assertEquals(200, reply.status());
        assertEquals(Map.of("status", "unsubscribed"), reply.json());
        assertEquals(SubscriberStatus.UNSUBSCRIBED, status());
    }

    @Test
    void postingTheTokenAsJsonUnsubscribesAndAgainIsAlreadyUnsubscribed() {
        ApiEvent unsubscribe = ApiEvent.post("/subscriptions/unsubscribe").jsonBody("{\"token\": \"" + token + "\"}");

        Reply first = Invocation.invoke(handler, unsubscribe);
        Reply again = Invocation.invoke(handler, unsubscribe);

        assertEquals(200, first.status());
        assertEquals(Map.of("status", "unsubscribed"), first.json());
        assertEquals(200, again.status());
        assertEquals(Map.of("status", "already_unsubscribed"), again.json());
        assertEquals(SubscriberStatus.UNSUBSCRIBED, status());
    }

    @Test
    void theFormOnThePageUnsubscribesWithAPage() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe")
                .header("accept", "text/html").formBody("token=" + token));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertTrue(reply.body().contains("You are unsubscribed"), reply.body());
        Subscriptions.assertMasthead(reply.body());
        assertEquals(SubscriberStatus.UNSUBSCRIBED, status());
    }

    @Test
    void aConfirmationTokenIsNotAnUnsubscribeToken() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe")
                .jsonBody("{\"token\": \"" + confirmToken + "\"}"));

        assertEquals(400, reply.status());
        assertEquals("INVALID_TOKEN", string(reply.json(), "code"));
        assertEquals(SubscriberStatus.CONFIRMED, status());
    }

    @Test
    void aPageOrPostWithoutAValidTokenIsA400() {
        Reply page = Invocation.invoke(handler, ApiEvent.get("/subscriptions/unsubscribe")
                .query("token", "\"><script>alert(1)</script>.x"));
        Reply missing = Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe")
                .formBody("List-Unsubscribe=One-Click"));

        assertEquals(400, page.status());
        assertTrue(page.body().contains("400 INVALID_TOKEN"), page.body());
        assertFalse(page.body().contains("<script>"), page.body());
        Subscriptions.assertMasthead(page.body());
        assertEquals(400, missing.status());
        assertEquals("INVALID_TOKEN", string(missing.json(), "code"));
        assertEquals(SubscriberStatus.CONFIRMED, status());
    }

    @Test
    void otherMethodsAre405() {
        Reply reply = Invocation.invoke(handler, ApiEvent.request("DELETE", "/subscriptions/unsubscribe"));

        assertEquals(405, reply.status());
    }

    @Test
    void anUnsubscribePostedFromAnotherSitesPageIsRefusedButMailProvidersOneClickIsNot() {
        Reply fromAPage = Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe")
                .header("origin", "https://evil.example").jsonBody("{\"token\": \"" + token + "\"}"));
        SubscriberStatus afterThePage = status();
        Reply oneClick = Invocation.invoke(handler, ApiEvent.post("/subscriptions/unsubscribe").query("token", token)
                .formBody("List-Unsubscribe=One-Click"));

        assertEquals(403, fromAPage.status());
        assertEquals("CROSS_SITE_REQUEST", string(fromAPage.json(), "code"));
        assertEquals(SubscriberStatus.CONFIRMED, afterThePage);
        assertEquals(200, oneClick.status());
        assertEquals(SubscriberStatus.UNSUBSCRIBED, status());
    }
}
