package news.articles.handler;

import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import news.articles.http.HttpResponse;
import news.articles.mail.MailException;
import news.articles.testing.ApiEvent;
import news.articles.testing.Invocation.Reply;
import news.articles.testing.Invocation;
import news.articles.testing.LogCapture;
import news.articles.testing.RecordingContext;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;

class SubscribeHandlerTest {

    private final Subscriptions subscriptions = new Subscriptions();
    private final SubscribeHandler handler = new SubscribeHandler(subscriptions.service, Subscriptions.REQUESTS);

    private static ApiEvent subscribe(String email) {
        return ApiEvent.post("/subscriptions").header("Accept", "*/*")
                .jsonBody("{\"email\": \"" + email + "\"}");
    }

    @Test
    void acceptsANewAddressAndSendsTheEmail() {
        Reply reply = Invocation.invoke(handler, subscribe("reader@example.com"));

        assertEquals(202, reply.status());
        assertEquals(HttpResponse.JSON, reply.header("content-type"));
        assertEquals("no-store", reply.header("cache-control"));
        assertEquals("accepted", string(reply.json(), "status"));
        assertEquals(1, subscriptions.mailer.sent().size());
    }

    @Test
    void answersTheSameWhateverTheAddressesState() {
        Reply fresh = Invocation.invoke(handler, subscribe("reader@example.com"));
        Reply coolingDown = Invocation.invoke(handler, subscribe("reader@example.com"));
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
        Reply pending = Invocation.invoke(handler, subscribe("reader@example.com"));
        for (int i = 2; i < Subscriptions.EMAILS_PER_DAY; i++) {
            subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
            Invocation.invoke(handler, subscribe("reader@example.com"));
        }
        subscriptions.clock.advance(Subscriptions.EMAIL_COOLDOWN);
        Reply cappedForTheDay = Invocation.invoke(handler, subscribe("reader@example.com"));
        subscriptions.service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        Reply confirmed = Invocation.invoke(handler, subscribe("reader@example.com"));

        assertEquals(fresh, coolingDown);
        assertEquals(fresh, pending);
        assertEquals(fresh, cappedForTheDay);
        assertEquals(fresh, confirmed);
        assertEquals(Subscriptions.EMAILS_PER_DAY + 2, subscriptions.mailer.sent().size(),
                "the day's confirmations, the welcome and an already-subscribed note");
    }

    @Test
    void acceptsAFormAndAnswersABrowserWithAPage() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions")
                .header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
                .formBody("email=first.last%2Bnews%40example.com"));

        assertEquals(202, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertTrue(reply.body().startsWith("<!doctype html>"), reply.body());
        assertTrue(reply.body().contains("Check your inbox"), reply.body());
        Subscriptions.assertMasthead(reply.body());
        assertTrue(reply.header("content-security-policy").contains("default-src 'none'"));
        assertEquals("first.last+news@example.com", subscriptions.mailer.last().to());
    }

    @Test
    void aBadAddressIs400AndSendsNothing() {
        for (ApiEvent event : List.of(subscribe("not-an-address"), subscribe(""),
                ApiEvent.post("/subscriptions").jsonBody("{}"),
                ApiEvent.post("/subscriptions").jsonBody("{\"email\": null}"))) {
            Reply reply = Invocation.invoke(handler, event);

            assertEquals(400, reply.status());
            assertEquals("INVALID_EMAIL", string(reply.json(), "code"));
        }
        assertEquals(List.of(), subscriptions.mailer.sent());
        assertEquals(Map.of(), subscriptions.store.snapshot());
    }

    @Test
    void aBadAddressFromABrowserIsA400PageNamingTheCode() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions").header("Accept", "text/html")
                .formBody("email=nope"));

        assertEquals(400, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        assertTrue(reply.body().contains("400 INVALID_EMAIL"), reply.body());
    }

    @Test
    void aNonStringAddressIs400() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions").jsonBody("{\"email\": [\"a@example.com\"]}"));

        assertEquals(400, reply.status());
        assertEquals("INVALID_FIELD", string(reply.json(), "code"));
    }

    @Test
    void plainTextIs415() {
        Reply reply = Invocation.invoke(handler, ApiEvent.post("/subscriptions").header("Content-Type", "text/plain")
                .body("reader@example.com"));

        assertEquals(415, reply.status());
        assertEquals("UNSUPPORTED_MEDIA_TYPE", string(reply.json(), "code"));
        assertEquals(List.of(), subscriptions.mailer.sent());
    }

    @Test
    void aMailOutageIs503AndTheRetrySucceeds() {
        subscriptions.mailer.failNextWith(new MailException("SES did not accept the message (ThrottlingException)", true, null));
        Reply outage;
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            outage = Invocation.invoke(handler, subscribe("reader@example.com").json(), new RecordingContext());
            logged = log.lines();
        }
        Reply retry = Invocation.invoke(handler, subscribe("reader@example.com"));

        assertEquals(503, outage.status());
        assertEquals("MAIL_UNAVAILABLE", string(outage.json(), "code"));
        assertEquals("5", outage.header("retry-after"));
        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.get(0).contains("\"event\":\"request_failed\""), logged.get(0));
        assertTrue(logged.get(1).contains("\"event\":\"request\",") && logged.get(1).contains("\"status\":503"), logged.get(1));
        assertFalse(String.join("\n", logged).contains("reader@example.com"), logged.toString());
        assertEquals(202, retry.status());
        assertEquals(1, subscriptions.mailer.sent().size());
    }

    @Test
    void recordsTheSourceIpAndUserAgentOfTheSignUp() {
        Invocation.invoke(handler, subscribe("reader@example.com"));

        news.articles.subscription.Consent consent =
                subscriptions.store.snapshot().values().iterator().next().signUp().orElseThrow();
        assertEquals("198.51.100.7", consent.ip(), "requestContext.http.sourceIp");
        assertEquals("Mozilla/5.0 (test)", consent.userAgent());
    }

    @Test
    void aSignUpThatFillsTheHoneypotIsAnsweredTheSameAndIgnored() {
        Reply human = Invocation.invoke(handler, ApiEvent.post("/subscriptions")
                .formBody("email=someone%40example.com&website="));
        Reply bot = Invocation.invoke(handler, ApiEvent.post("/subscriptions")
                .formBody("email=victim%40example.com&website=http%3A%2F%2Fspam.example"));
        Reply botJson = Invocation.invoke(handler, ApiEvent.post("/subscriptions")
                .jsonBody("{\"email\": \"victim@example.com\", \"website\": \"x\"}"));

        assertEquals(human, bot);
        assertEquals(202, botJson.status());
        assertEquals(1, subscriptions.mailer.sent().size(), "only the human's confirmation");
        assertEquals(1, subscriptions.store.snapshot().size(), "nothing stored for the bot");
    }

    @Test
    void aClientOverItsHourlyLimitGets429WithRetryAfter() {
        for (int i = 0; i < Subscriptions.SIGN_UPS_PER_IP_PER_HOUR; i++) {
            assertEquals(202, Invocation.invoke(handler, subscribe("reader" + i + "@example.com")).status());
        }

        Reply limited = Invocation.invoke(handler, subscribe("one.more@example.com"));

        assertEquals(429, limited.status());
        assertEquals("TOO_MANY_REQUESTS", string(limited.json(), "code"));
        assertTrue(Integer.parseInt(limited.header("retry-after")) > 0);
        assertEquals(Subscriptions.SIGN_UPS_PER_IP_PER_HOUR, subscriptions.mailer.sent().size());
    }

    @Test
    void aSignUpFromAnotherSitesPageIsRefusedAndChangesNothing() {
        Reply form = Invocation.invoke(handler, ApiEvent.post("/subscriptions").header("origin", "https://evil.example")
                .header("sec-fetch-site", "cross-site").header("accept", "text/html").formBody("email=victim%40example.com"));
        Reply json = Invocation.invoke(handler, subscribe("victim@example.com").header("origin", "null"));

        assertEquals(403, form.status());
        assertTrue(form.body().contains("CROSS_SITE_REQUEST"), form.body());
        assertEquals(403, json.status());
        assertEquals("CROSS_SITE_REQUEST", string(json.json(), "code"));
        assertTrue(subscriptions.store.snapshot().isEmpty(), "nothing stored");
        assertTrue(subscriptions.mailer.sent().isEmpty(), "nothing sent");
    }

    @Test
    void theSitesOwnFormAndRequestsWithoutAnOriginAreAccepted() {
        Reply fromTheSite = Invocation.invoke(handler, subscribe("reader@example.com").header("origin", Subscriptions.SITE_URL)
                .header("sec-fetch-site", "same-site"));
        Reply fromCurl = Invocation.invoke(handler, subscribe("other@example.com"));

        assertEquals(202, fromTheSite.status());
        assertEquals(202, fromCurl.status());
        assertEquals(2, subscriptions.mailer.sent().size());
    }

    /** Behind CloudFront the consent record keeps the reader's address, not the edge's. */
    @Test
    void behindCloudFrontTheConsentRecordKeepsTheViewersAddress() {
        SubscribeHandler behindCloudFront = new SubscribeHandler(subscriptions.service, new SubscriptionRequests(
                new news.articles.http.CrossSiteRequests(List.of(Subscriptions.SITE_URL)),
                new news.articles.http.ClientAddress(java.util.Optional.of("from-the-distribution"))));

        Invocation.invoke(behindCloudFront, subscribe("reader@example.com").header("x-origin-verify", "from-the-distribution")
                .header("cloudfront-viewer-address", "192.0.2.44:51000"));
        Invocation.invoke(behindCloudFront, subscribe("other@example.com").header("cloudfront-viewer-address", "192.0.2.45:51000"));

        List<String> ips = subscriptions.store.snapshot().values().stream()
                .map(subscriber -> subscriber.signUp().orElseThrow().ip()).sorted().toList();
        assertEquals(2, ips.size());
        assertTrue(ips.contains("192.0.2.44"), ips::toString);
        assertFalse(ips.contains("192.0.2.45"), "without the secret the header is anyone's word");
    }

    /**
     * Every sign-up's answer waits out the floor, whether an email went (slow) or nothing did
     * (fast): the service's work runs inside it, the clock here moving only as the mailer sends.
     */
    @Test
    void everyOutcomeWaitsOutTheAnswerFloor() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        java.util.List<java.time.Duration> waited = new java.util.ArrayList<>();
        news.articles.http.AnswerFloor floor = new news.articles.http.AnswerFloor(java.time.Duration.ofMillis(400),
                () -> nanos.get() + subscriptions.mailer.sent().size() * 150_000_000L, waited::add);
        SubscribeHandler paced = new SubscribeHandler(subscriptions.service,
                new SubscriptionRequests(Subscriptions.REQUESTS.crossSite(), Subscriptions.REQUESTS.clientAddress(), floor));

        Invocation.invoke(paced, subscribe("reader@example.com"));
        Invocation.invoke(paced, subscribe("reader@example.com"));
        Invocation.invoke(paced, ApiEvent.post("/subscriptions").header("Accept", "*/*")
                .jsonBody("{\"email\": \"bot@example.com\", \"website\": \"spam\"}"));

        assertEquals(java.util.List.of(java.time.Duration.ofMillis(250), java.time.Duration.ofMillis(400),
                java.time.Duration.ofMillis(400)), waited, "a send took 150 ms here; what nothing sent waits longer");
    }
}
