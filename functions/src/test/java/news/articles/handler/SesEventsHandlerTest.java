package news.articles.handler;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SubscriptionService.Unsubscription;
import news.articles.subscription.SuppressionService;
import news.articles.testing.ApiEvent;
import news.articles.testing.Invocation;
import news.articles.testing.JsonTree;
import news.articles.testing.SnsEvent;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;

class SesEventsHandlerTest {

    private static final String RECIPIENT = "recipient@example.com";
    private static final String ID = SubscriberId.of(EmailAddress.parse(RECIPIENT), TestKeys.IDENTIFIERS);

    private final Subscriptions subscriptions = new Subscriptions();
    private final SesEventsHandler handler =
            new SesEventsHandler(new SuppressionService(subscriptions.store, TestKeys.IDENTIFIERS, subscriptions.clock), SnsEvent.TOPIC_ARN);

    private Object handle(String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return JsonTree.parse(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aHardBounceOfAnUnknownAddressCreatesASuppressedRecord() throws IOException {
        Object summary = handle(SnsEvent.of(SnsEvent.resource("/ses/bounce-permanent.json")));

        Subscriber stored = subscriptions.store.find(ID).orElseThrow();
        assertEquals(SubscriberStatus.SUPPRESSED, stored.status());
        assertEquals(RECIPIENT, stored.email().value());
        assertEquals(Optional.of("BOUNCE"), subscriptions.store.suppressionReason(ID));
        assertEquals(Optional.empty(), subscriptions.store.recordExpiry(ID), "kept, so the address stays suppressed");
        assertEquals(1, JsonTree.integer(summary, "newlySuppressed"));
    }

    @Test
    void aComplaintSuppressesAConfirmedSubscriberAndItsLinksStopWorking() throws IOException {
        subscriptions.service.subscribe(RECIPIENT, Subscriptions.REQUESTER);
        String confirmToken = subscriptions.lastToken();
        String unsubscribeToken = Subscriptions.unsubscribeToken(subscriptions.mailer.last());

        handle(SnsEvent.of(SnsEvent.resource("/ses/complaint.json")));

        assertEquals(SubscriberStatus.SUPPRESSED, subscriptions.store.find(ID).orElseThrow().status());
        assertEquals(Optional.of("COMPLAINT"), subscriptions.store.suppressionReason(ID));
        assertThrows(RuntimeException.class, () -> subscriptions.service.confirm(confirmToken, Subscriptions.REQUESTER));
        assertEquals(Unsubscription.ALREADY_UNSUBSCRIBED,
                subscriptions.service.unsubscribe(unsubscribeToken, Subscriptions.REQUESTER));
        assertEquals(SubscriberStatus.SUPPRESSED, subscriptions.store.find(ID).orElseThrow().status());
    }

    /** SES reports what the receiving server said; what cannot be an address we sent to is skipped, and not counted. */
    @Test
    void aRecipientThatCannotBeAnAddressIsSkipped() throws IOException {
        Object summary = handle(SnsEvent.of(SnsEvent.resource("/ses/bounce-permanent.json")
                .replace(RECIPIENT, "not an address")));

        assertEquals(1, JsonTree.integer(summary, "addresses"));
        assertEquals(0, JsonTree.integer(summary, "newlySuppressed"));
        assertEquals(Map.of(), subscriptions.store.snapshot());
        assertEquals(0, subscriptions.store.writes());
    }

    @Test
    void theSameNotificationTwiceChangesNothingTheSecondTime() throws IOException {
        String event = SnsEvent.of(SnsEvent.resource("/ses/bounce-permanent.json"));
        handle(event);
        Map<String, Subscriber> after = subscriptions.store.snapshot();

        Object again = handle(event);

        assertEquals(after, subscriptions.store.snapshot());
        assertEquals(0, JsonTree.integer(again, "newlySuppressed"));
    }

    @Test
    void aSuppressedAddressGetsNoMailButTheSameAnswerOnSignUp() throws IOException {
        SubscribeHandler subscribe = new SubscribeHandler(subscriptions.service, Subscriptions.REQUESTS);
        Invocation.Reply fresh = Invocation.invoke(subscribe, ApiEvent.post("/subscriptions")
                .jsonBody("{\"email\": \"someone.else@example.com\"}"));
        int sent = subscriptions.mailer.sent().size();
        handle(SnsEvent.of(SnsEvent.resource("/ses/bounce-permanent.json")));

        Invocation.Reply suppressed = Invocation.invoke(subscribe, ApiEvent.post("/subscriptions")
                .jsonBody("{\"email\": \"" + RECIPIENT + "\"}"));

        assertEquals(fresh, suppressed);
        assertEquals(sent, subscriptions.mailer.sent().size(), "no mail to a suppressed address");
        assertEquals(SubscriberStatus.SUPPRESSED, subscriptions.store.find(ID).orElseThrow().status());
    }

    @Test
    void aTransientBounceSuppressesNobody() throws IOException {
        handle(SnsEvent.of(SnsEvent.resource("/ses/bounce-transient.json")));

        assertTrue(subscriptions.store.snapshot().isEmpty());
    }

    @Test
    void anEventThatIsNotFromSnsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> handle(ApiEvent.get("/subscriptions").json()));
    }

    @Test
    void theErrorForAnInvocationThatIsNotJsonQuotesNothingOfIt() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> handle("reader@example.com"));

        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertFalse(String.valueOf(cause.getMessage()).contains("reader"), cause.toString());
        }
    }
}
