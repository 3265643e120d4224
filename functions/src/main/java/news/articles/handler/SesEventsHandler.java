package news.articles.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import news.articles.config.Environment;
import news.articles.json.Json;
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

    public SesEventsHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public SesEventsHandler(Environment environment) {
        this(Wiring.sesEvents(environment));
    }

    public SesEventsHandler(SuppressionService suppressions) {
        this.suppressions = Objects.requireNonNull(suppressions, "suppressions");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Reading reading;
        try {
            reading = SesNotifications.read(Json.read(input));
        } catch (IOException | IllegalArgumentException e) {
            log(context, "not an SNS event: " + e.getClass().getSimpleName(), LogLevel.ERROR);
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
        String summary = Json.write(json -> {
            json.writeStartObject();
            json.writeNumberField("records", reading.records());
            json.writeNumberField("addresses", reading.suppressions().size());
            json.writeNumberField("newlySuppressed", newly);
            json.writeNumberField("ignored", reading.ignored());
            json.writeNumberField("unreadable", reading.unreadable());
            json.writeEndObject();
        });
        log(context, "SES events: " + summary, reading.unreadable() > 0 ? LogLevel.WARN : LogLevel.INFO);
        output.write(summary.getBytes(StandardCharsets.UTF_8));
        output.flush();
    }

    private static void log(Context context, String message, LogLevel level) {
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (logger != null) {
            logger.log(message, level);
        } else {
            System.err.println(message);
        }
    }
}
