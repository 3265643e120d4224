package news.articles.subscription.sns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import news.articles.json.Json;
import news.articles.subscription.SuppressionService.Reason;
import news.articles.subscription.sns.SesNotifications.Reading;
import news.articles.subscription.sns.SesNotifications.Suppression;
import news.articles.testing.SnsEvent;
import org.junit.jupiter.api.Test;

/** The SES event records as the SES documentation shows them, inside SNS's Lambda event. */
class SesNotificationsTest {

    private static Reading read(String... messages) throws IOException {
        return SesNotifications.read(Json.read(SnsEvent.of(messages)));
    }

    @Test
    void aPermanentBounceSuppressesItsRecipients() throws IOException {
        Reading reading = read(SnsEvent.resource("/ses/bounce-permanent.json"));

        assertEquals(List.of(new Suppression("recipient@example.com", Reason.BOUNCE)), reading.suppressions());
        assertEquals(1, reading.records());
        assertEquals(0, reading.ignored());
    }

    @Test
    void aComplaintSuppressesItsRecipients() throws IOException {
        Reading reading = read(SnsEvent.resource("/ses/complaint.json"));

        assertEquals(List.of(new Suppression("recipient@example.com", Reason.COMPLAINT)), reading.suppressions());
    }

    @Test
    void aTransientBounceAndOtherEventsAreLeftAlone() throws IOException {
        Reading reading = read(SnsEvent.resource("/ses/bounce-transient.json"),
                "{\"eventType\":\"Delivery\",\"delivery\":{\"recipients\":[\"recipient@example.com\"]}}");

        assertEquals(List.of(), reading.suppressions());
        assertEquals(2, reading.ignored());
    }

    @Test
    void identityNotificationsNameTheirTypeNotificationType() throws IOException {
        String notification = SnsEvent.resource("/ses/complaint.json").replace("\"eventType\"", "\"notificationType\"");

        assertEquals(List.of(new Suppression("recipient@example.com", Reason.COMPLAINT)), read(notification).suppressions());
    }

    @Test
    void everyRecordAndEveryRecipientCounts() throws IOException {
        String twoRecipients = SnsEvent.resource("/ses/bounce-permanent.json").replace(
                "\"bouncedRecipients\": [", "\"bouncedRecipients\": [{\"emailAddress\": \"second@example.org\"},");

        Reading reading = read(twoRecipients, SnsEvent.resource("/ses/complaint.json"), "not json");

        assertEquals(3, reading.suppressions().size());
        assertEquals(3, reading.records());
        assertEquals(1, reading.unreadable());
    }

    @Test
    void aRecordWithoutAMessageIsCountedUnreadable() throws IOException {
        Reading reading = SesNotifications.read(Json.read(
                "{\"Records\": [{\"Sns\": {}}, {\"Sns\": {\"Message\": 42}}, {\"EventSource\": \"aws:sns\"}, \"record\"]}"));

        assertEquals(4, reading.records());
        assertEquals(4, reading.unreadable());
        assertEquals(0, reading.ignored());
        assertEquals(List.of(), reading.suppressions());
    }

    @Test
    void somethingElseIsNotAnSnsEvent() {
        assertThrows(IllegalArgumentException.class, () -> SesNotifications.read(Json.read("{\"version\": \"2.0\"}")));
        assertThrows(IllegalArgumentException.class, () -> SesNotifications.read(Json.read("[]")));
    }

    @Test
    void aSuppressionNamesNoAddressInLogs() {
        assertFalse(new Suppression("recipient@example.com", Reason.BOUNCE).toString().contains("recipient"));
    }
}
