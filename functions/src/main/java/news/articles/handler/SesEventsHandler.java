package news.articles.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import news.articles.config.Environment;
import news.articles.config.SuppressionConfig;
import news.articles.json.Json;
import news.articles.logging.Log;
import news.articles.subscription.SuppressionService;
import news.articles.subscription.sns.SesNotifications.Reading;
import news.articles.subscription.sns.SesNotifications.Suppression;
import news.articles.subscription.sns.SesNotifications;

/**
 * The SES events topic's subscriber: marks every hard-bounced and complaining address
 * suppressed. Idempotent, since SNS may deliver a message more than once. A store failure is
 * thrown, so Lambda's retries of the asynchronous SNS invocation try again; a message that cannot
 * be read is counted and skipped, since retrying cannot mend it.
 */
public final class SesEventsHandler implements RequestStreamHandler {

    private final SuppressionService suppressions;
    private final String topicArn;

    public SesEventsHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public SesEventsHandler(Environment environment) {
        this(Wiring.sesEvents(environment), SuppressionConfig.from(environment).sesEventsTopicArn());
    }

    /** {@code topicArn}: the configuration set's topic, the only one whose messages are believed. */
    public SesEventsHandler(SuppressionService suppressions, String topicArn) {
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.beginRequest(context == null ? null : context.getAwsRequestId());
        try {
            suppress(input, output);
        } finally {
            Log.endRequest();
        }
    }

    private void suppress(InputStream input, OutputStream output) throws IOException {
        Reading reading;
        try {
            reading = SesNotifications.read(Json.read(input), topicArn);
        } catch (IOException | IllegalArgumentException e) {
            Log.error("ses_events_unreadable").field("failure", e.getClass().getName()).write();
            // Without its cause: the parser's message quotes the input, and Lambda logs the whole chain.
            throw new IllegalArgumentException("the event is not an SNS event");
        }
        int suppressed = 0;
        for (Suppression suppression : reading.suppressions()) {
            if (suppressions.suppress(suppression.address(), suppression.reason())) {
                suppressed++;
            }
        }
        int newly = suppressed;
        // Counts only: the addresses are personal data.
        (reading.unreadable() > 0 || reading.foreign() > 0 ? Log.warn("ses_events") : Log.info("ses_events"))
                .field("records", reading.records())
                .field("addresses", reading.suppressions().size())
                .field("newlySuppressed", newly)
                .field("ignored", reading.ignored())
                .field("unreadable", reading.unreadable())
                .field("foreign", reading.foreign())
                .write();
        String summary = Json.write(json -> {
            json.writeStartObject();
            json.writeNumberField("records", reading.records());
            json.writeNumberField("addresses", reading.suppressions().size());
            json.writeNumberField("newlySuppressed", newly);
            json.writeNumberField("ignored", reading.ignored());
            json.writeNumberField("unreadable", reading.unreadable());
            json.writeNumberField("foreign", reading.foreign());
            json.writeEndObject();
        });
        output.write(summary.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }
}
