package news.articles.localstack.sqs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import news.articles.localstack.TemplateResolver;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The event Lambda's SQS event source mapping sends a function: {@code {"Records": [...]}}, one
 * record per message with its id, receipt handle, body, system attributes (all of them, as
 * strings: {@code ApproximateReceiveCount}, {@code SentTimestamp}, ...), message attributes in
 * Lambda's shape, {@code md5OfBody}, {@code eventSource} {@code aws:sqs}, {@code eventSourceARN}
 * and {@code awsRegion}.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html">Using Lambda with Amazon SQS: example event</a>
 */
public final class SqsEvent {

    private static final JsonFactory JSON = new JsonFactory();

    private SqsEvent() {
    }

    public static byte[] of(List<Message> messages, String queueArn) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            for (Message message : messages) {
                json.writeStartObject();
                json.writeStringField("messageId", message.messageId());
                json.writeStringField("receiptHandle", message.receiptHandle());
                json.writeStringField("body", message.body());
                json.writeObjectFieldStart("attributes");
                for (Map.Entry<String, String> attribute : new TreeMap<>(message.attributesAsStrings()).entrySet()) {
                    json.writeStringField(attribute.getKey(), attribute.getValue());
                }
                json.writeEndObject();
                json.writeObjectFieldStart("messageAttributes");
                for (Map.Entry<String, MessageAttributeValue> attribute
                        : new TreeMap<>(message.messageAttributes()).entrySet()) {
                    writeMessageAttribute(json, attribute.getKey(), attribute.getValue());
                }
                json.writeEndObject();
                if (message.md5OfMessageAttributes() != null) {
                    json.writeStringField("md5OfMessageAttributes", message.md5OfMessageAttributes());
                }
                json.writeStringField("md5OfBody", message.md5OfBody());
                json.writeStringField("eventSource", "aws:sqs");
                json.writeStringField("eventSourceARN", queueArn);
                json.writeStringField("awsRegion", TemplateResolver.REGION);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code {"stringValue": ..., "stringListValues": [], "binaryListValues": [], "dataType": ...}}; binary in base64. */
    private static void writeMessageAttribute(JsonGenerator json, String name, MessageAttributeValue value)
            throws IOException {
        json.writeObjectFieldStart(name);
        if (value.stringValue() != null) {
            json.writeStringField("stringValue", value.stringValue());
        }
        if (value.binaryValue() != null) {
            json.writeStringField("binaryValue", Base64.getEncoder().encodeToString(value.binaryValue().asByteArray()));
        }
        json.writeArrayFieldStart("stringListValues");
        for (String item : value.stringListValues()) {
            json.writeString(item);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("binaryListValues");
        for (var item : value.binaryListValues()) {
            json.writeString(Base64.getEncoder().encodeToString(item.asByteArray()));
        }
        json.writeEndArray();
        json.writeStringField("dataType", value.dataType());
        json.writeEndObject();
    }
}
