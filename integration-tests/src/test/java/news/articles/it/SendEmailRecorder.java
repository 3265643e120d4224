package news.articles.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import news.articles.aws.DryRun;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.ContentStreamProvider;

/**
 * Keeps the body of every SES v2 SendEmail request as the SDK puts it on the wire: moto drops
 * custom message headers, so the List-Unsubscribe headers can only be checked here. Registered
 * for every SDK client of the integration tests (the functions' own ones included) through
 * {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 */
public final class SendEmailRecorder implements ExecutionInterceptor {

    private static final String SEND_EMAIL_PATH = "/v2/email/outbound-emails";
    private static final List<JsonNode> SENT = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        // A dry run (SnapStart priming) is stopped right after this interceptor: it is never sent.
        if (!context.httpRequest().encodedPath().endsWith(SEND_EMAIL_PATH) || context.requestBody().isEmpty()
                || Boolean.TRUE.equals(attributes.getAttribute(DryRun.ATTRIBUTE))) {
            return;
        }
        ContentStreamProvider body = context.requestBody().get().contentStreamProvider();
        try (InputStream in = body.newStream()) {
            SENT.add(SampleSite.JSON.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SendEmail request bodies sent to this address so far, oldest first. */
    static List<JsonNode> sentTo(String address) {
        return SENT.stream()
                .filter(request -> {
                    for (JsonNode to : request.path("Destination").path("ToAddresses")) {
                        if (to.asText().equals(address)) {
                            return true;
                        }
                    }
                    return false;
                })
                .toList();
    }

    /** The value of the named message header in a SendEmail request body, or null. */
    static String header(JsonNode request, String name) {
        for (JsonNode header : request.path("Content").path("Simple").path("Headers")) {
            if (header.path("Name").asText().equalsIgnoreCase(name)) {
                return header.path("Value").asText();
            }
        }
        return null;
    }
}
