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
        return SesNotifications.read(Json.read(SnsEvent.of(messages)), SnsEvent.TOPIC_ARN);
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
        String ours = "\"TopicArn\": \"" + SnsEvent.TOPIC_ARN + "\"";
        Reading reading = SesNotifications.read(Json.read("{\"Records\": [{\"Sns\": {" + ours + "}}, {\"Sns\": {" + ours
                + ", \"Message\": 42}}, {\"EventSource\": \"aws:sns\"}, \"record\"]}"), SnsEvent.TOPIC_ARN);

        assertEquals(4, reading.records());
        assertEquals(4, reading.unreadable());
        assertEquals(0, reading.ignored());
        assertEquals(List.of(), reading.suppressions());
    }

    /** Anything in the account could publish a forged complaint to another topic, or invoke us with one. */
    @Test
    void recordsFromAnotherTopicOrNoneAreForeignAndSuppressNobody() throws IOException {
        String ours = SnsEvent.of(SnsEvent.resource("/ses/complaint.json"));
        String forged = ours.replace(SnsEvent.TOPIC_ARN, "arn:aws:sns:us-east-1:123456789012:SomeoneElsesTopic");
        String unnamed = ours.replace("\"TopicArn\":\"" + SnsEvent.TOPIC_ARN + "\",", "");

        Reading fromOurs = SesNotifications.read(Json.read(ours), SnsEvent.TOPIC_ARN);
        Reading fromAnother = SesNotifications.read(Json.read(forged), SnsEvent.TOPIC_ARN);
        Reading fromNone = SesNotifications.read(Json.read(unnamed), SnsEvent.TOPIC_ARN);

        assertEquals(1, fromOurs.suppressions().size());
        assertEquals(0, fromOurs.foreign());
        assertEquals(List.of(), fromAnother.suppressions());
        assertEquals(1, fromAnother.foreign());
        assertEquals(List.of(), fromNone.suppressions());
        assertEquals(1, fromNone.foreign());
    }

    /** A replay from the failed-events queue: SQS records whose bodies are Lambda's on-failure destination records. */
    @Test
    void anSqsRecordOfAFailedInvocationIsReadAsTheSnsEventItCarries() throws IOException {
        String sns = SnsEvent.of(SnsEvent.resource("/ses/complaint.json"));
        String failure = Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("version", "1.0");
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("condition", "RetriesExhausted");
            json.writeNumberField("approximateInvokeCount", 3);
            json.writeEndObject();
            json.writeFieldName("requestPayload");
            json.writeRawValue(sns);
            json.writeEndObject();
        });
        String forged = failure.replace(SnsEvent.TOPIC_ARN, "arn:aws:sns:us-east-1:123456789012:SomeoneElsesTopic");
        String sqs = Json.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (String body : List.of(failure, forged, "not a failure record")) {
                json.writeStartObject();
                json.writeStringField("eventSource", "aws:sqs");
                json.writeStringField("body", body);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });

        Reading reading = SesNotifications.read(Json.read(sqs), SnsEvent.TOPIC_ARN);

        assertEquals(1, reading.suppressions().size());
        assertEquals(Reason.COMPLAINT, reading.suppressions().get(0).reason());
        assertEquals(1, reading.foreign());
        assertEquals(1, reading.unreadable());
    }

    @Test
    void somethingElseIsNotAnSnsEvent() {
        assertThrows(IllegalArgumentException.class, () -> SesNotifications.read(Json.read("{\"version\": \"2.0\"}"), SnsEvent.TOPIC_ARN));
        assertThrows(IllegalArgumentException.class, () -> SesNotifications.read(Json.read("[]"), SnsEvent.TOPIC_ARN));
    }

    @Test
    void aSuppressionNamesNoAddressInLogs() {
        assertFalse(new Suppression("recipient@example.com", Reason.BOUNCE).toString().contains("recipient"));
    }
}
