package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.config.SubscriptionConfig;
import news.articles.newsletter.DeliveryLog.ClaimOutcome;
import news.articles.newsletter.EditionId;
import news.articles.store.dynamodb.DynamoDbDeliveryLog;
import news.articles.store.dynamodb.DynamoDbNewsletterRecipients;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.UnsubscribeToken;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Double opt-in end to end through the functions, SES and DynamoDB in moto: the confirmation link
 * is taken from the email moto captured and followed, as a reader would, to a confirmed subscriber.
 */
@ExtendWith(MotoExtension.class)
class SubscriptionFlowTest {

    private static final Pattern FORM_ACTION = Pattern.compile("<form method=\"post\" action=\"([^\"]+)\">");
    private static final Pattern HIDDEN_TOKEN = Pattern.compile("name=\"token\" value=\"([^\"]+)\"");
    private static final Map<String, String> BROWSER = Map.of("accept", "text/html,application/xhtml+xml");

    private SampleSite site;
    private RequestStreamHandler subscribe;
    private RequestStreamHandler confirm;

    @BeforeEach
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
        subscribe = site.handler("SubscribeFunction");
        confirm = site.handler("ConfirmSubscriptionFunction");
    }

    @Test
    void theLinkInTheEmailLeadsToAConfirmedSubscriber() throws Exception {
        JsonNode accepted = subscribeJson("Flow.Reader@Example.COM");
        assertEquals(202, accepted.path("statusCode").asInt(), accepted::toString);

        SentEmail email = onlyEmailTo("Flow.Reader@example.com");
        assertEquals(site.senderAddress(), email.source());
        assertTrue(email.subject().contains("Confirm"), email.subject());
        URI link = EmailLinks.confirmationLink(email);
        assertEquals(URI.create(site.envFileValue("SubscribeFunction", "SITE_URL").orElseThrow()).getHost(), link.getHost());
        assertEquals("/subscriptions/confirm", link.getPath());

        JsonNode page = SampleSite.invoke(confirm,
                ApiEvents.get(link, "/subscriptions/confirm", Map.of(), BROWSER));
        assertEquals(200, page.path("statusCode").asInt(), page::toString);
        assertTrue(page.path("headers").path("content-type").asText().startsWith("text/html"));
        assertEquals("PENDING", site.subscriber("Flow.Reader@example.com").get("status").s(),
                "opening the link must change nothing: mail scanners open every link");

        String html = page.path("body").asText();
        Matcher action = FORM_ACTION.matcher(html);
        Matcher token = HIDDEN_TOKEN.matcher(html);
        assertTrue(action.find() && token.find(), html);
        String formTarget = link.resolve(action.group(1)).getPath();
        assertEquals("/subscriptions/confirm", formTarget);

        String form = "token=" + URLEncoder.encode(EmailLinks.unescape(token.group(1)), StandardCharsets.UTF_8);
        Map<String, String> formHeaders = Map.of(
                "content-type", "application/x-www-form-urlencoded", "accept", "text/html,application/xhtml+xml");
        JsonNode confirmed = SampleSite.invoke(confirm, ApiEvents.post(formTarget, formHeaders, form, true));
        assertEquals(200, confirmed.path("statusCode").asInt(), confirmed::toString);
        assertTrue(confirmed.path("body").asText().contains("You are subscribed"));

        Map<String, AttributeValue> item = site.subscriber("Flow.Reader@example.com");
        assertEquals("CONFIRMED", item.get("status").s());
        assertEquals("Flow.Reader@example.com", item.get("email").s());
        assertTrue(item.containsKey("confirmedAt"));
        assertFalse(item.containsKey("expiresAt"), "a confirmed subscriber must not expire");
        assertEquals("127.0.0.1", item.get("signUpIp").s(), "the consent record: requestContext.http.sourceIp");
        assertEquals("integration-test", item.get("signUpUserAgent").s());
        assertTrue(item.containsKey("signUpAt"));
        assertEquals("127.0.0.1", item.get("confirmIp").s());
        assertEquals("integration-test", item.get("confirmUserAgent").s());

        JsonNode again = SampleSite.invoke(confirm, ApiEvents.post(formTarget, formHeaders, form, true));
        assertEquals(200, again.path("statusCode").asInt());
        assertTrue(again.path("body").asText().contains("already subscribed"));
    }

    @Test
    void subscribingAgainAnswersTheSameAndOnlyPendingAddressesPastTheCooldownGetANewLink() throws Exception {
        JsonNode first = subscribeJson("twice@example.org");
        JsonNode coolingDown = subscribeJson("twice@example.org");
        assertEquals(first.path("statusCode"), coolingDown.path("statusCode"));
        assertEquals(first.path("body"), coolingDown.path("body"));
        assertEquals(1, site.emailsTo("twice@example.org").size(), "inside the cooldown a sign-up sends nothing");

        passTheEmailCooldown("twice@example.org");
        JsonNode second = subscribeJson("twice@example.org");
        assertEquals(first.path("body"), second.path("body"));
        List<SentEmail> links = site.emailsTo("twice@example.org");
        assertEquals(2, links.size());
        URI older = EmailLinks.confirmationLink(links.get(0));
        URI newer = EmailLinks.confirmationLink(links.get(1));

        JsonNode stale = confirmJson(EmailLinks.token(older));
        assertEquals(400, stale.path("statusCode").asInt(), "a re-issued link replaces the old one");
        assertEquals("INVALID_TOKEN", SampleSite.JSON.readTree(stale.path("body").asText()).path("code").asText());
        assertEquals(200, confirmJson(EmailLinks.token(newer)).path("statusCode").asInt());

        JsonNode third = subscribeJson("twice@example.org");
        assertEquals(first.path("body"), third.path("body"), "a confirmed address gets the same answer");
        List<SentEmail> all = site.emailsTo("twice@example.org");
        assertEquals(4, all.size(), "two confirmations, the welcome and a note: a confirmed address gets no confirmation");
        assertTrue(all.get(3).subject().startsWith("You are already subscribed"), all.get(3).subject());
        assertEquals(first.path("body"), subscribeJson("twice@example.org").path("body"));
        assertEquals(4, site.emailsTo("twice@example.org").size(), "at most one note a day");
        assertTrue(site.subscriber("twice@example.org").containsKey("alreadySubscribedNoteAt"));
    }

    @Test
    void aBurstOfConcurrentSignUpsForOneAddressLeavesOneRecordAndSendsOneEmail() throws Exception {
        int requests = 10;
        MotoProxy atomic = new MotoProxy(site.moto.endpoint()).oneRequestAtATime();
        List<RequestStreamHandler> instances = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            instances.add(site.handler("SubscribeFunction", atomic.endpoint())); // one per Lambda instance, as in a real burst
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<JsonNode>> answers = new ArrayList<>();
        try (atomic) {
            for (RequestStreamHandler instance : instances) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return SampleSite.invoke(instance, ApiEvents.subscribe("burst@example.org"));
                }));
            }
            start.countDown();
            for (Future<JsonNode> answer : answers) {
                JsonNode response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(202, response.path("statusCode").asInt(), response::toString);
                assertEquals(answers.get(0).get().path("body"), response.path("body"), "every answer is the same");
            }
        } finally {
            pool.shutdownNow();
        }

        SentEmail email = onlyEmailTo("burst@example.org");
        List<Map<String, AttributeValue>> records = site.dynamoDb.scan(request -> request
                        .tableName(site.tableNames.get("SubscribersTable"))).items().stream()
                .filter(item -> item.get("pk").s().startsWith("SUBSCRIBER#")).toList();
        assertEquals(1, records.size(), "one record");
        assertEquals("PENDING", records.get(0).get("status").s());
        assertEquals("1", records.get(0).get("emailsToday").n());
        assertEquals(200, confirmJson(EmailLinks.token(EmailLinks.confirmationLink(email))).path("statusCode").asInt(),
                "the one email's link is the stored one");
    }

    @Test
    void whenSesRejectsTheMessageThePendingRecordIsKeptAndTheAnswerIsAServerError() throws Exception {
        Map<String, String> variables = new java.util.HashMap<>(site.environment("SubscribeFunction"));
        variables.put("SENDER_ADDRESS", "unverified@example.net");
        JsonNode response = SampleSite.invoke(site.handler("SubscribeFunction", variables), ApiEvents.subscribe("kept@example.org"));
        assertEquals(500, response.path("statusCode").asInt(), response::toString);
        assertEquals("INTERNAL_ERROR", SampleSite.JSON.readTree(response.path("body").asText()).path("code").asText());
        assertFalse(response.path("body").asText().contains("unverified"), "no exception text reaches the caller");
        assertEquals("PENDING", site.subscriber("kept@example.org").get("status").s());
        assertTrue(site.moto.sentEmails().stream().noneMatch(mail -> mail.to().contains("kept@example.org")));

        JsonNode retry = SampleSite.invoke(subscribe, ApiEvents.subscribe("kept@example.org"));
        assertEquals(202, retry.path("statusCode").asInt(), "a retry once SES works sends the link: the failure used up no cooldown");
        assertEquals(1, site.emailsTo("kept@example.org").size());
    }

    @Test
    void anUnreachableDataStoreGivesA503WithRetryAfterAndNoEmail() throws Exception {
        JsonNode response = SampleSite.invoke(site.handler("SubscribeFunction", URI.create("http://127.0.0.1:" + FreePort.closed())),
                ApiEvents.subscribe("down@example.org"));
        assertEquals(503, response.path("statusCode").asInt(), response::toString);
        assertTrue(response.path("headers").path("retry-after").asInt() > 0);
        assertEquals("STORE_UNAVAILABLE", SampleSite.JSON.readTree(response.path("body").asText()).path("code").asText());
        assertTrue(site.moto.sentEmails().isEmpty());
    }

    @Test
    void theOneClickUnsubscribeOfTheLinkInTheEmailUnsubscribesAndSigningUpAgainNeedsConfirmingAgain() throws Exception {
        RequestStreamHandler unsubscribe = site.handler("UnsubscribeFunction");
        subscribeJson("leaver@example.org");
        SentEmail email = onlyEmailTo("leaver@example.org");
        URI confirmLink = EmailLinks.confirmationLink(email);
        URI unsubscribeLink = EmailLinks.unsubscribeLink(email);
        assertEquals("/subscriptions/unsubscribe", unsubscribeLink.getPath());
        assertEquals(200, confirmJson(EmailLinks.token(confirmLink)).path("statusCode").asInt());

        JsonNode page = SampleSite.invoke(unsubscribe, ApiEvents.get(unsubscribeLink, "/subscriptions/unsubscribe", Map.of(), BROWSER));
        assertEquals(200, page.path("statusCode").asInt(), page::toString);
        assertEquals("CONFIRMED", site.subscriber("leaver@example.org").get("status").s(), "opening the link changes nothing");

        String oneClick = ApiEvents.event("POST", "/subscriptions/unsubscribe", unsubscribeLink.getRawPath(),
                unsubscribeLink.getRawQuery(), Map.of(), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click", true);
        JsonNode done = SampleSite.invoke(unsubscribe, oneClick);
        assertEquals(200, done.path("statusCode").asInt(), done::toString);
        assertEquals("unsubscribed", SampleSite.JSON.readTree(done.path("body").asText()).path("status").asText());
        JsonNode again = SampleSite.invoke(unsubscribe, oneClick);
        assertEquals("already_unsubscribed", SampleSite.JSON.readTree(again.path("body").asText()).path("status").asText());
        Map<String, AttributeValue> item = site.subscriber("leaver@example.org");
        assertEquals("UNSUBSCRIBED", item.get("status").s());
        assertFalse(item.containsKey("expiresAt"), "the opt-out is kept");

        assertEquals(400, confirmJson(EmailLinks.token(confirmLink)).path("statusCode").asInt(),
                "the old confirmation link cannot resubscribe");
        passTheEmailCooldown("leaver@example.org");
        assertEquals(202, subscribeJson("leaver@example.org").path("statusCode").asInt());
        assertEquals("PENDING", site.subscriber("leaver@example.org").get("status").s());
        List<SentEmail> emails = site.emailsTo("leaver@example.org");
        SentEmail fresh = emails.get(emails.size() - 1);
        assertTrue(fresh.subject().contains("Confirm"), fresh.subject());
        assertEquals(200, confirmJson(EmailLinks.token(EmailLinks.confirmationLink(fresh))).path("statusCode").asInt());
        assertEquals("CONFIRMED", site.subscriber("leaver@example.org").get("status").s());
    }

    /**
     * A newsletter edition's link: a fresh token whose hash the edition's claim recorded in the
     * subscriber's slot, served by the same route and one-click POST as every other email's link.
     */
    @Test
    void theOneClickUnsubscribeOfANewsletterEditionsLinkUnsubscribesAndEndsTheDeliveries() throws Exception {
        subscribeJson("weekly@example.org");
        assertEquals(200, confirmJson(EmailLinks.token(EmailLinks.confirmationLink(onlyEmailTo("weekly@example.org"))))
                .path("statusCode").asInt());
        String id = SubscriberId.of(EmailAddress.parse("weekly@example.org"), SampleSite.IDENTIFIERS);
        String table = site.tableNames.get("SubscribersTable");
        DynamoDbDeliveryLog log = new DynamoDbDeliveryLog(site.dynamoDb, table);
        UnsubscribeToken token = UnsubscribeToken.issue(id, new SecureRandom());
        assertEquals(ClaimOutcome.CLAIMED, log.claim(new EditionId("2026-W49"), id, token.secretHash(), Instant.now()).outcome());
        assertEquals(List.of(id), new DynamoDbNewsletterRecipients(site.dynamoDb, table)
                .confirmed(Optional.of(id.substring(0, 31)), 1).subscriberIds());

        String query = "token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
        String oneClick = ApiEvents.event("POST", "/subscriptions/unsubscribe", "/subscriptions/unsubscribe", query, Map.of(),
                Map.of("content-type", "application/x-www-form-urlencoded"), "List-Unsubscribe=One-Click", true);
        JsonNode done = SampleSite.invoke(site.handler("UnsubscribeFunction"), oneClick);

        assertEquals(200, done.path("statusCode").asInt(), done::toString);
        assertEquals("unsubscribed", SampleSite.JSON.readTree(done.path("body").asText()).path("status").asText());
        Map<String, AttributeValue> item = site.subscriber("weekly@example.org");
        assertEquals("UNSUBSCRIBED", item.get("status").s());
        assertFalse(item.containsKey("confirmedFeed"), "off the ByConfirmed index");
        assertFalse(new DynamoDbNewsletterRecipients(site.dynamoDb, table)
                .confirmed(Optional.of(id.substring(0, 31)), 1).subscriberIds().contains(id), "no longer a recipient");
        assertEquals(ClaimOutcome.NOT_CONFIRMED,
                log.claim(new EditionId("2026-W50"), id, "another", Instant.now()).outcome());
    }

    /** Checked on the request the SDK sends, since moto does not keep custom headers. */
    @Test
    void everyEmailCarriesTheOneClickUnsubscribeHeadersOnTheWireAndTheirUrlUnsubscribes() throws Exception {
        subscribeJson("headers@example.org");
        SentEmail confirmation = onlyEmailTo("headers@example.org");
        assertEquals(200, confirmJson(EmailLinks.token(EmailLinks.confirmationLink(confirmation))).path("statusCode").asInt());

        List<JsonNode> requests = SendEmailRecorder.sentTo("headers@example.org");
        assertEquals(2, requests.size(), "the confirmation and the welcome");
        List<SentEmail> delivered = site.emailsTo("headers@example.org");
        assertEquals(2, delivered.size());
        for (int i = 0; i < requests.size(); i++) {
            JsonNode request = requests.get(i);
            String listUnsubscribe = SendEmailRecorder.header(request, "List-Unsubscribe");
            assertEquals("List-Unsubscribe=One-Click", SendEmailRecorder.header(request, "List-Unsubscribe-Post"));
            assertEquals(site.envFileValue("SubscribeFunction", "SES_CONFIGURATION_SET").orElseThrow(),
                    request.path("ConfigurationSetName").asText(), "sent through the configuration set that reports bounces");
            assertTrue(listUnsubscribe != null && listUnsubscribe.startsWith("<") && listUnsubscribe.endsWith(">"), listUnsubscribe);
            URI headerUrl = URI.create(listUnsubscribe.substring(1, listUnsubscribe.length() - 1));
            assertEquals(EmailLinks.unsubscribeLink(delivered.get(i)), headerUrl, "the header and the body carry the same link");
            JsonNode body = request.path("Content").path("Simple").path("Body");
            assertTrue(body.path("Text").path("Data").asText().contains(headerUrl.toString()), "the text part has the link");
            assertTrue(body.path("Html").path("Data").asText().contains("href=\""), "and the HTML part");
            assertTrue(request.path("Content").path("Simple").path("Subject").path("Data").asText().contains("The Newsroom"));
        }
        assertTrue(requests.get(1).path("Content").path("Simple").path("Subject").path("Data").asText().startsWith("Welcome"));

        URI welcomeHeaderUrl = EmailLinks.unsubscribeLink(delivered.get(1));
        String oneClick = ApiEvents.event("POST", "/subscriptions/unsubscribe", welcomeHeaderUrl.getRawPath(),
                welcomeHeaderUrl.getRawQuery(), Map.of(), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click", true);
        assertEquals(200, SampleSite.invoke(site.handler("UnsubscribeFunction"), oneClick).path("statusCode").asInt());
        assertEquals("UNSUBSCRIBED", site.subscriber("headers@example.org").get("status").s());
    }

    /**
     * The bounce or complaint arrives as SES publishes it to SNS (the sample events hold the
     * documented shapes); the address gets nothing more, and the same answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ses-bounce.json", "ses-complaint.json"})
    void aHardBouncedOrComplainingAddressIsSuppressedAndSigningItUpSendsNothing(String eventFile) throws Exception {
        JsonNode fresh = subscribeJson("bounced@example.org");
        confirmJson(EmailLinks.token(EmailLinks.confirmationLink(onlyEmailTo("bounced@example.org"))));
        long before = site.emailsTo("bounced@example.org").size();
        String bounce = java.nio.file.Files.readString(site.root.resolve("events").resolve(eventFile))
                .replace("recipient@example.com", "bounced@example.org");

        JsonNode summary = SampleSite.invoke(site.handler("SesEventsFunction"), bounce);
        assertEquals(1, summary.path("newlySuppressed").asInt(), summary::toString);
        assertEquals(0, SampleSite.invoke(site.handler("SesEventsFunction"), bounce).path("newlySuppressed").asInt(),
                "SNS may deliver twice: the second changes nothing");
        assertEquals("SUPPRESSED", site.subscriber("bounced@example.org").get("status").s());

        JsonNode again = subscribeJson("bounced@example.org");
        assertEquals(fresh.path("statusCode"), again.path("statusCode"));
        assertEquals(fresh.path("body"), again.path("body"));
        assertEquals(before, site.emailsTo("bounced@example.org").size(),
                "no mail to a suppressed address");
        assertEquals("SUPPRESSED", site.subscriber("bounced@example.org").get("status").s());
    }

    /**
     * A link past its 48 hours is refused with 410 and changes nothing; signing up again mails a
     * fresh link (never the expired one again), and the fresh link works once: reusing it is a
     * success that changes nothing and sends nothing more.
     */
    @Test
    void anExpiredLinkGets410AndSigningUpAgainMailsAFreshLinkWhichWorksOnceAndThenChangesNothing() throws Exception {
        subscribeJson("late@example.org");
        URI expired = EmailLinks.confirmationLink(onlyEmailTo("late@example.org"));
        letTheConfirmationLinkExpire("late@example.org");

        JsonNode page = SampleSite.invoke(confirm, ApiEvents.get(expired, "/subscriptions/confirm", Map.of(), BROWSER));
        assertEquals(200, page.path("statusCode").asInt(), "the page only shows a button; the POST decides");
        JsonNode refused = confirmJson(EmailLinks.token(expired));
        assertEquals(410, refused.path("statusCode").asInt(), refused::toString);
        assertEquals("TOKEN_EXPIRED", SampleSite.JSON.readTree(refused.path("body").asText()).path("code").asText());
        assertEquals("PENDING", site.subscriber("late@example.org").get("status").s());

        JsonNode again = subscribeJson("late@example.org");
        assertEquals(202, again.path("statusCode").asInt(), again::toString);
        List<SentEmail> emails = site.emailsTo("late@example.org");
        assertEquals(2, emails.size(), "signing up again mails a new link");
        URI fresh = EmailLinks.confirmationLink(emails.get(1));
        assertFalse(EmailLinks.token(fresh).equals(EmailLinks.token(expired)), "a fresh token, not the expired one again");
        assertEquals(400, confirmJson(EmailLinks.token(expired)).path("statusCode").asInt(), "the re-issue retires the old token");

        JsonNode confirmed = confirmJson(EmailLinks.token(fresh));
        assertEquals(200, confirmed.path("statusCode").asInt(), confirmed::toString);
        assertEquals("confirmed", SampleSite.JSON.readTree(confirmed.path("body").asText()).path("status").asText());
        Map<String, AttributeValue> afterFirstUse = site.subscriber("late@example.org");
        assertEquals("CONFIRMED", afterFirstUse.get("status").s());
        assertEquals(3, site.emailsTo("late@example.org").size(), "the welcome");

        JsonNode reused = confirmJson(EmailLinks.token(fresh));
        assertEquals(200, reused.path("statusCode").asInt(), reused::toString);
        assertEquals("already_confirmed", SampleSite.JSON.readTree(reused.path("body").asText()).path("status").asText());
        assertEquals(afterFirstUse, site.subscriber("late@example.org"), "a reused link changes nothing");
        assertEquals(3, site.emailsTo("late@example.org").size(), "and sends nothing");
    }

    /**
     * SES throttling (after the SDK's own retries, which the proxy counts) gives a 503 with
     * Retry-After; the pending record stays and the failed send gives back its place in the email
     * limits, so the reader's retry gets the link at once.
     */
    @Test
    void whenSesIsThrottlingTheSignUpGets503WithRetryAfterAndARetryOnceItRecoversMailsOneWorkingLink() throws Exception {
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            RequestStreamHandler throughProxy = site.handler("SubscribeFunction", aws.endpoint());
            aws.fail(MotoProxy.anySes(), MotoProxy.sesThrottling());

            JsonNode failed = SampleSite.invoke(throughProxy, ApiEvents.subscribe("throttled@example.org"));
            assertEquals(503, failed.path("statusCode").asInt(), failed::toString);
            assertTrue(failed.path("headers").path("retry-after").asInt() > 0, failed::toString);
            assertEquals("MAIL_UNAVAILABLE", SampleSite.JSON.readTree(failed.path("body").asText()).path("code").asText());
            assertEquals(3, aws.faulted().stream().filter(call -> call.operation().equals("SendEmail")).count(),
                    "the SDK's standard retry policy: three attempts in all");
            Map<String, AttributeValue> kept = site.subscriber("throttled@example.org");
            assertEquals("PENDING", kept.get("status").s(), "the sign-up is kept");
            assertFalse(kept.containsKey("lastEmailAt") || kept.containsKey("emailsToday"),
                    "the failed send gave back its place in the limits: no email counted");
            assertTrue(site.emailsTo("throttled@example.org").isEmpty());

            aws.heal();
            JsonNode retried = SampleSite.invoke(throughProxy, ApiEvents.subscribe("throttled@example.org"));
            assertEquals(202, retried.path("statusCode").asInt(), retried::toString);
            SentEmail email = onlyEmailTo("throttled@example.org");
            assertEquals(200, confirmJson(EmailLinks.token(EmailLinks.confirmationLink(email))).path("statusCode").asInt());
            assertEquals("CONFIRMED", site.subscriber("throttled@example.org").get("status").s());
        }
    }

    /** The welcome is a courtesy: SES failing while a reader confirms must not undo or hide the confirmation. */
    @Test
    void whenSesFailsAsTheReaderConfirmsTheSubscriptionIsStillConfirmedAndSaidToBe() throws Exception {
        subscribeJson("confirming@example.org");
        URI link = EmailLinks.confirmationLink(onlyEmailTo("confirming@example.org"));
        try (MotoProxy aws = new MotoProxy(site.moto.endpoint())) {
            aws.fail(MotoProxy.anySes(), MotoProxy.sesInternalError());

            JsonNode confirmed = SampleSite.invoke(site.handler("ConfirmSubscriptionFunction", aws.endpoint()),
                    ApiEvents.confirm(EmailLinks.token(link)));
            assertEquals(200, confirmed.path("statusCode").asInt(), confirmed::toString);
            assertFalse(aws.faulted().isEmpty(), "the welcome was attempted");
        }
        assertEquals("CONFIRMED", site.subscriber("confirming@example.org").get("status").s());
        assertEquals(1, site.emailsTo("confirming@example.org").size(), "no welcome went out, and nothing else did");
    }

    /** The per-IP limit, counted in DynamoDB (moto), as the template's parameter sets it. */
    @Test
    void aClientIpOverItsHourlyLimitGets429WithRetryAfterAndNothingIsStoredOrSent() throws Exception {
        Map<String, String> variables = new java.util.HashMap<>(site.environment("SubscribeFunction"));
        variables.put("SIGN_UPS_PER_IP_PER_HOUR", "2");
        RequestStreamHandler limited = site.handler("SubscribeFunction", variables);

        assertEquals(202, SampleSite.invoke(limited, ApiEvents.subscribe("first.ip@example.org")).path("statusCode").asInt());
        assertEquals(202, SampleSite.invoke(limited, ApiEvents.subscribe("second.ip@example.org")).path("statusCode").asInt());
        JsonNode third = SampleSite.invoke(limited, ApiEvents.subscribe("third.ip@example.org"));

        assertEquals(429, third.path("statusCode").asInt(), third::toString);
        assertTrue(third.path("headers").path("retry-after").asInt() > 0);
        assertEquals("TOO_MANY_REQUESTS", SampleSite.JSON.readTree(third.path("body").asText()).path("code").asText());
        assertTrue(site.subscriber("third.ip@example.org").isEmpty(), "nothing stored");
        assertTrue(site.moto.sentEmails().stream().noneMatch(mail -> mail.to().contains("third.ip@example.org")));
        List<Map<String, AttributeValue>> counters = site.dynamoDb.scan(request -> request
                .tableName(site.tableNames.get("SubscribersTable"))).items().stream()
                .filter(item -> item.get("pk").s().startsWith("LIMIT#ip:")).toList();
        assertEquals(1, counters.size(), "one per-IP counter (beside the hourly cap's)");
        assertEquals("2", counters.get(0).get("count").n());
        assertTrue(counters.get(0).containsKey("expiresAt"), "counters expire through TTL");
        assertFalse(counters.get(0).get("pk").s().contains("127.0.0.1"), "the key holds a hash of the IP");
    }

    private JsonNode subscribeJson(String email) {
        return SampleSite.invoke(subscribe, ApiEvents.subscribe(email));
    }

    private JsonNode confirmJson(String token) {
        return SampleSite.invoke(confirm, ApiEvents.confirm(token));
    }

    /** Moves the address's confirmation link and last email back past the token's lifetime, as if 48 hours had gone by. */
    private void letTheConfirmationLinkExpire(String address) {
        Map<String, AttributeValue> item = site.subscriber(address);
        Instant expiry = Instant.parse(item.get("confirmTokenExpiresAt").s());
        Duration lifetime = Duration.ofHours(Long.parseLong(site.envFileValue("SubscribeFunction", "CONFIRM_TOKEN_TTL_HOURS").orElseThrow()));
        long shift = lifetime.plusMinutes(1).toSeconds();
        site.dynamoDb.updateItem(request -> request
                .tableName(site.tableNames.get("SubscribersTable"))
                .key(Map.of("pk", item.get("pk")))
                .updateExpression("SET confirmTokenExpiresAt = :expired, lastEmailAt = :earlier")
                .expressionAttributeValues(Map.of(
                        ":expired", AttributeValue.fromS(expiry.minusSeconds(shift).toString()),
                        ":earlier", AttributeValue.fromN(Long.toString(Long.parseLong(item.get("lastEmailAt").n()) - shift)))));
        forgetTheInboxCooldowns();
    }

    /** Moves the address's last confirmation email back past the cooldown, as if those minutes had gone by. */
    private void passTheEmailCooldown(String address) {
        Map<String, AttributeValue> item = site.subscriber(address);
        long last = Long.parseLong(item.get("lastEmailAt").n());
        site.dynamoDb.updateItem(request -> request
                .tableName(site.tableNames.get("SubscribersTable"))
                .key(Map.of("pk", item.get("pk")))
                .updateExpression("SET lastEmailAt = :earlier")
                .expressionAttributeValues(Map.of(":earlier", AttributeValue.fromN(Long.toString(
                        last - SubscriptionConfig.DEFAULT_CONFIRMATION_EMAIL_COOLDOWN.toSeconds())))));
        forgetTheInboxCooldowns();
    }

    /** The per-inbox cooldown counters of the windows that, as the record now says, have passed. */
    private void forgetTheInboxCooldowns() {
        String table = site.tableNames.get("SubscribersTable");
        site.dynamoDb.scan(request -> request.tableName(table)).items().stream()
                .filter(item -> item.get("pk").s().startsWith("LIMIT#mailbox-cooldown:"))
                .forEach(item -> site.dynamoDb.deleteItem(request -> request.tableName(table).key(Map.of("pk", item.get("pk")))));
    }

    private SentEmail onlyEmailTo(String address) {
        List<SentEmail> emails = site.emailsTo(address);
        assertEquals(1, emails.size(), () -> "emails to the address: " + emails.size());
        return emails.get(0);
    }
}
