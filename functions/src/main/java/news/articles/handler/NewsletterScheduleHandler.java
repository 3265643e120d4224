package news.articles.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import news.articles.config.Environment;
import news.articles.json.Json;
import news.articles.logging.Log;
import news.articles.newsletter.WeeklyNewsletter;

/**
 * The weekly run (NewsletterFunction), invoked by EventBridge Scheduler with the input the
 * template sets, {@code {"scheduledTime":"<aws.scheduler.scheduled-time>","executionId":"..."}},
 * or by hand with {@code {"scheduledTime":"2026-11-20T09:00:00Z"}}: composes and stores the week
 * of the scheduled time and starts its fan-out, once. An event without a valid
 * {@code scheduledTime} fails the invocation, naming what is wrong and never quoting it.
 */
public final class NewsletterScheduleHandler implements RequestStreamHandler {

    private final WeeklyNewsletter newsletter;

    public NewsletterScheduleHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public NewsletterScheduleHandler(Environment environment) {
        this(Wiring.weeklyNewsletter(environment));
    }

    public NewsletterScheduleHandler(WeeklyNewsletter newsletter) {
        this.newsletter = Objects.requireNonNull(newsletter, "newsletter");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.beginRequest(context == null ? null : context.getAwsRequestId());
        try {
            Instant scheduledAt = scheduledTime(input);
            WeeklyNewsletter.Run run;
            try {
                run = newsletter.run(scheduledAt);
            } catch (RuntimeException e) {
                // Lambda retries the asynchronous invocation; a repeated run is harmless.
                Log.error("newsletter_run_failed").field("causes", Log.causes(e)).write();
                throw e;
            }
            Log.info("newsletter_run")
                    .field("edition", run.id().value())
                    .field("hasEdition", run.edition())
                    .field("composedNow", run.composedNow())
                    .field("fanOut", run.fanOut().map(Enum::name).orElse("NONE"))
                    .write();
            String summary = Json.write(json -> {
                json.writeStartObject();
                json.writeStringField("edition", run.id().value());
                json.writeStringField("scheduledTime", scheduledAt.toString());
                json.writeBooleanField("hasEdition", run.edition());
                json.writeBooleanField("composedNow", run.composedNow());
                json.writeStringField("fanOut", run.fanOut().map(Enum::name).orElse("NONE"));
                if (run.noEditionReason().isPresent()) {
                    json.writeStringField("noEditionReason", run.noEditionReason().get());
                }
                json.writeEndObject();
            });
            output.write(summary.getBytes(StandardCharsets.UTF_8));
            output.flush();
        } finally {
            Log.endRequest();
        }
    }

    /** The event's scheduled time; any other member (executionId, Scheduler's own) is ignored. */
    static Instant scheduledTime(InputStream input) {
        Object event;
        try {
            event = Json.read(input);
        } catch (IOException e) {
            Log.error("newsletter_event_unreadable").field("failure", e.getClass().getName()).write();
            // Without its cause: the parser's message quotes the input, and Lambda logs the whole chain.
            throw new IllegalArgumentException("the event is not JSON; expected {\"scheduledTime\":\"<ISO-8601 instant>\"}");
        }
        if (!(event instanceof Map<?, ?> members) || !(members.get("scheduledTime") instanceof String text)) {
            Log.error("newsletter_event_unreadable").field("failure", "no scheduledTime").write();
            throw new IllegalArgumentException("the event has no scheduledTime; expected {\"scheduledTime\":\"<ISO-8601 instant>\"}");
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            Log.error("newsletter_event_unreadable").field("failure", "invalid scheduledTime").write();
            throw new IllegalArgumentException("the event's scheduledTime is not an ISO-8601 instant such as 2026-11-20T09:00:00Z");
        }
    }
}
