package news.articles.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import news.articles.json.Json;

/** Builds the Lambda event that SNS sends a subscribed function, one record per message. */
public final class SnsEvent {

    /** The SES events topic's ARN as the sample events, the local stack and these tests name it. */
    public static final String TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:SesEventsTopic";

    private SnsEvent() {
    }

    /** The text of a test resource, such as {@code /ses/bounce-permanent.json}. */
    public static String resource(String path) {
        try (InputStream in = SnsEvent.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String of(String... messages) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (int i = 0; i < messages.length; i++) {
                json.writeStartObject();
                json.writeStringField("EventSource", "aws:sns");
                json.writeStringField("EventVersion", "1.0");
                json.writeStringField("EventSubscriptionArn",
                        "arn:aws:sns:us-east-1:123456789012:ses-events:2bcfbf39-05c3-41de-beaa-fcfcc21c8f55");
                json.writeObjectFieldStart("Sns");
                json.writeStringField("Type", "Notification");
                json.writeStringField("MessageId", "95df01b4-ee98-5cb9-9903-4c221d41eb5" + i);
                json.writeStringField("TopicArn", TOPIC_ARN);
                json.writeNullField("Subject");
                json.writeStringField("Message", messages[i]);
                json.writeStringField("Timestamp", "2017-08-05T00:41:03.000Z");
                json.writeStringField("SignatureVersion", "1");
                json.writeStringField("Signature", "EXAMPLE");
                json.writeStringField("SigningCertUrl", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-EXAMPLE.pem");
                json.writeStringField("UnsubscribeUrl", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&EXAMPLE");
                json.writeObjectFieldStart("MessageAttributes");
                json.writeEndObject();
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }
}
