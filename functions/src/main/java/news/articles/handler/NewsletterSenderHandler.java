package news.articles.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import news.articles.config.Environment;
import news.articles.json.Json;
import news.articles.logging.Log;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.NewsletterSender;

/**
 * The newsletter's sender (NewsletterSenderFunction), fed by NewsletterQueue through an SQS event
 * source with {@code ReportBatchItemFailures}: answers {@code {"batchItemFailures":[...]}} with the
 * messages to redeliver, so that the others are deleted. A message it cannot read is reported
 * failed and, after the queue's maxReceiveCount, lands in the dead-letter queue; an event that is
 * not an SQS event fails the invocation. Logs counts only.
 */
public final class NewsletterSenderHandler implements RequestStreamHandler {

    /** Time left when Lambda gives no context (a test, the local stack's in-process mode): as much as a send may take. */
    static final Duration WITHOUT_CONTEXT = Duration.ofMinutes(15);

    private final NewsletterSender sender;
    private final Function<String, Optional<DeliveryWork>> reader;

    public NewsletterSenderHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public NewsletterSenderHandler(Environment environment) {
        this(Wiring.newsletterSender(environment), Wiring.deliveryMessageReader());
    }

    /** {@code reader}: the queue's message bodies as delivery work, empty when one cannot be read. */
    public NewsletterSenderHandler(NewsletterSender sender, Function<String, Optional<DeliveryWork>> reader) {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.beginRequest(context == null ? null : context.getAwsRequestId());
        try {
            List<NewsletterSender.Received> messages = messages(input);
            Supplier<Duration> timeLeft = context == null
                    ? () -> WITHOUT_CONTEXT
                    : () -> Duration.ofMillis(context.getRemainingTimeInMillis());
            NewsletterSender.Outcome outcome = sender.handle(messages, timeLeft);
            NewsletterSender.Counts counts = outcome.counts();
            (outcome.failedMessageIds().isEmpty() ? Log.info("newsletter_sent") : Log.warn("newsletter_sent"))
                    .field("messages", messages.size())
                    .field("failedMessages", outcome.failedMessageIds().size())
                    .field("sent", counts.sent)
                    .field("skipped", counts.skipped)
                    .field("throttled", counts.throttled)
                    .field("unknown", counts.unknown)
                    .field("rejected", counts.rejected)
                    .field("released", counts.released)
                    .field("pages", counts.pages)
                    .field("enqueued", counts.enqueued)
                    .field("unreadable", counts.unreadable)
                    .field("stoppedBy", counts.stoppedBy.orElse("none"))
                    .write();
            String answer = Json.write(json -> {
                json.writeStartObject();
                json.writeArrayFieldStart("batchItemFailures");
                for (String id : outcome.failedMessageIds()) {
                    json.writeStartObject();
                    json.writeStringField("itemIdentifier", id);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            });
            output.write(answer.getBytes(StandardCharsets.UTF_8));
            output.flush();
        } finally {
            Log.endRequest();
        }
    }

    /** The records' ids and bodies, read; throws when the event is not an SQS event at all. */
    private List<NewsletterSender.Received> messages(InputStream input) {
        Object event;
        try {
            event = Json.read(input);
        } catch (IOException e) {
            Log.error("newsletter_event_unreadable").field("failure", e.getClass().getName()).write();
            throw new IllegalArgumentException("the event is not an SQS event");
        }
        if (!(event instanceof Map<?, ?> members) || !(members.get("Records") instanceof List<?> records)) {
            Log.error("newsletter_event_unreadable").field("failure", "no Records").write();
            throw new IllegalArgumentException("the event is not an SQS event");
        }
        List<NewsletterSender.Received> messages = new ArrayList<>();
        for (Object record : records) {
            if (!(record instanceof Map<?, ?> fields) || !(fields.get("messageId") instanceof String id) || id.isBlank()) {
                Log.error("newsletter_event_unreadable").field("failure", "a record without messageId").write();
                throw new IllegalArgumentException("the event is not an SQS event: a record has no messageId");
            }
            Optional<DeliveryWork> work = fields.get("body") instanceof String body ? reader.apply(body) : Optional.empty();
            messages.add(new NewsletterSender.Received(id, work));
        }
        return messages;
    }
}
