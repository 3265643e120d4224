package news.articles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;
import news.articles.metrics.MetricCounts;
import news.articles.metrics.emf.EmfBusinessMetrics;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriptionService;
import news.articles.subscription.SuppressionService;
import news.articles.testing.ApiEvent;
import news.articles.testing.EmfLines;
import news.articles.testing.Invocation;
import news.articles.testing.LogCapture;
import news.articles.testing.RecordingContext;
import news.articles.testing.SnsEvent;
import news.articles.testing.TestKeys;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;

/**
 * The business metrics as the subscription functions write them: every line is EMF by the
 * specification's schema, every subscription metric moves when its event happens and by as much,
 * and no line carries an address, an IP, a token or a subscriber id (only the fixed dimension,
 * the request id and the edition; see {@link EmfLines}). The newsletter's are in
 * NewsletterSenderTest.
 */
class MetricLinesTest {

    private static final String NAMESPACE = "test-stack";

    private final Subscriptions subscriptions = new Subscriptions();
    private final BusinessMetrics metrics = new EmfBusinessMetrics(NAMESPACE, Wiring.SUBSCRIPTIONS);
    private final SubscriptionService service = subscriptions.service.withMetrics(metrics);
    private final SubscriptionRequests requests = Subscriptions.REQUESTS.withMetrics(metrics);
    private final SubscribeHandler subscribe = new SubscribeHandler(service, requests);
    private final ConfirmSubscriptionHandler confirm = new ConfirmSubscriptionHandler(service, requests);
    private final UnsubscribeHandler unsubscribe = new UnsubscribeHandler(service, requests);
    private final SesEventsHandler sesEvents = new SesEventsHandler(
            new SuppressionService(subscriptions.store, TestKeys.IDENTIFIERS, subscriptions.clock).withMetrics(metrics), SnsEvent.TOPIC_ARN);
    private final List<String> secrets = new ArrayList<>(List.of(Subscriptions.REQUESTER.ip()));

    private Invocation.Reply signUp(String address) {
        secrets.add(address);
        secrets.add(SubscriberId.of(EmailAddress.parse(address), TestKeys.IDENTIFIERS));
        return Invocation.invoke(subscribe, ApiEvent.post("/subscriptions")
                .jsonBody("{\"email\": \"" + address + "\"}").json(), new RecordingContext());
    }

    private String lastConfirmToken() {
        String token = subscriptions.lastToken();
        secrets.add(token);
        return token;
    }

    private String lastUnsubscribeToken() {
        String token = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        secrets.add(token);
        return token;
    }

    @Test
    void everySubscriptionEventCountsOnceInALineOfTheSpecificationAndNoLineHoldsPersonalData() throws java.io.IOException {
        List<String> logged;
        try (LogCapture log = LogCapture.start()) {
            // Accepted and mailed, then the same address inside its cooldown: limited per address.
            signUp("first@example.com");
            String firstToken = lastConfirmToken();
            signUp("first@example.com");
            // Another spelling of the same inbox: limited per inbox.
            signUp("first+news@example.com");
            // The honeypot, and a form from another site.
            Invocation.invoke(subscribe, ApiEvent.post("/subscriptions")
                    .jsonBody("{\"email\": \"bot@example.com\", \"website\": \"http://spam.example\"}").json(), new RecordingContext());
            Invocation.invoke(subscribe, ApiEvent.post("/subscriptions").header("origin", "https://evil.example")
                    .header("sec-fetch-site", "cross-site").formBody("email=victim%40example.com").json(), new RecordingContext());
            // Confirmed through the page's POST.
            assertEquals(200, Invocation.invoke(confirm, ApiEvent.post("/subscriptions/confirm")
                    .jsonBody("{\"token\": \"" + firstToken + "\"}").json(), new RecordingContext()).status());
            // Unsubscribed with the page's button (token in the form), then a second reader by one click.
            String firstUnsubscribe = lastUnsubscribeToken();
            Invocation.invoke(unsubscribe, ApiEvent.post("/subscriptions/unsubscribe")
                    .jsonBody("{\"token\": \"" + firstUnsubscribe + "\"}").json(), new RecordingContext());
            signUp("second@example.com");
            String secondUnsubscribe = lastUnsubscribeToken();
            Invocation.invoke(unsubscribe, ApiEvent.post("/subscriptions/unsubscribe").query("token", secondUnsubscribe)
                    .formBody("List-Unsubscribe=One-Click").json(), new RecordingContext());
            // An expired link.
            signUp("late@example.com");
            String lateToken = lastConfirmToken();
            subscriptions.clock.advance(Subscriptions.TOKEN_TTL.plus(Duration.ofMinutes(1)));
            assertEquals(410, Invocation.invoke(confirm, ApiEvent.post("/subscriptions/confirm")
                    .jsonBody("{\"token\": \"" + lateToken + "\"}").json(), new RecordingContext()).status());
            // SES reports a bounce and a complaint; the bounced address signs up again: suppressed.
            secrets.add("recipient@example.com");
            sesEvents.handleRequest(stream(SnsEvent.of(SnsEvent.resource("/ses/bounce-permanent.json"))),
                    new java.io.ByteArrayOutputStream(), new RecordingContext());
            secrets.add("complainer@example.com");
            sesEvents.handleRequest(stream(SnsEvent.of(SnsEvent.resource("/ses/complaint.json")
                            .replace("recipient@example.com", "complainer@example.com"))),
                    new java.io.ByteArrayOutputStream(), new RecordingContext());
            signUp("recipient@example.com");
            // The network's hourly sign-ups used up: the next is refused with 429.
            int status = 0;
            for (int i = 0; status != 429 && i < Subscriptions.SIGN_UPS_PER_IP_PER_HOUR + 1; i++) {
                status = signUp("many" + i + "@example.com").status();
            }
            assertEquals(429, status);
            // The hourly cap on confirmation emails, on a service whose cap is one.
            capOfOne().subscribe("capped1@example.com", new news.articles.subscription.Requester("", "test"));
            capOfOne().subscribe("capped2@example.com", new news.articles.subscription.Requester("", "test"));
            logged = log.lines();
        }

        EmfLines lines = EmfLines.from(logged);
        Map<String, Long> totals = lines.totals();
        // The network's window after the clock's jump: the suppressed address's sign-up, then 19 more until the 429.
        long manyAccepted = Subscriptions.SIGN_UPS_PER_IP_PER_HOUR - 1;
        Map<String, Long> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("SignUpsAccepted", 6 + manyAccepted + 2),
                Map.entry("ConfirmationEmailsSent", 3 + manyAccepted + 1),
                Map.entry("SignUpsLimitedPerAddress", 1L),
                Map.entry("SignUpsLimitedPerInbox", 1L),
                Map.entry("SignUpsIgnoredHoneypot", 1L),
                Map.entry("CrossSiteRequestsRefused", 1L),
                Map.entry("Confirmations", 1L),
                Map.entry("UnsubscribesPage", 1L),
                Map.entry("UnsubscribesOneClick", 1L),
                Map.entry("ConfirmationLinksExpired", 1L),
                Map.entry("SuppressionsBounce", 1L),
                Map.entry("SuppressionsComplaint", 1L),
                Map.entry("SignUpsSuppressed", 1L),
                Map.entry("SignUpsLimitedPerNetwork", 1L),
                Map.entry("ConfirmationCapReached", 1L)));
        assertEquals(expected, totals);
        List<String> subscriptionMetrics = Arrays.stream(BusinessMetric.values()).map(BusinessMetric::metricName)
                .filter(name -> !name.startsWith("Newsletter")).sorted().toList();
        assertEquals(subscriptionMetrics, List.copyOf(totals.keySet()), "every subscription metric, seen moving");
        for (String line : logged) {
            if (line.startsWith("{\"_aws\"")) {
                for (String secret : secrets) {
                    assertFalse(line.contains(secret), () -> "a metric line holds personal data: " + line);
                }
                assertTrue(line.contains("\"Namespace\":\"" + NAMESPACE + "\""), line);
            }
        }
    }

    @Test
    void aLineIsWrittenOnlyWhenSomethingWasCounted() {
        try (LogCapture log = LogCapture.start()) {
            metrics.record(new MetricCounts());
            assertEquals(0, EmfLines.from(log.lines()).size());
            metrics.record(MetricCounts.of(BusinessMetric.CONFIRMATIONS));
            assertEquals(Map.of("Confirmations", 1L), EmfLines.from(log.lines()).totals());
        }
    }

    private SubscriptionService capOfOne() {
        SubscriptionService.Settings settings = subscriptions.settings;
        return new SubscriptionService(subscriptions.store, capLimiter, subscriptions.mailer,
                new SubscriptionService.Settings(settings.siteName(), settings.links(), settings.confirmTokenTtl(),
                        settings.signUpsPerIpPerHour(), settings.emailLimits(), 1),
                TestKeys.IDENTIFIERS, subscriptions.clock, Subscriptions.seededRandom()).withMetrics(metrics);
    }

    private final news.articles.testing.InMemoryRateLimiter capLimiter = new news.articles.testing.InMemoryRateLimiter();

    private static java.io.InputStream stream(String text) {
        return new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
