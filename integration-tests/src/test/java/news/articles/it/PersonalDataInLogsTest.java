package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.articles.error.StoreException;
import news.articles.it.NoPersonalDataInLogs.CapturedOutput;
import news.articles.testing.RecordingContext;
import news.articles.tools.PersonalData;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole subscription lifecycle against moto, its error paths included (SES refusing the
 * sender, DynamoDB unreachable, malformed input), from readers with their own IPv4 and IPv6
 * addresses, with a Lambda logger that prints as Lambda's does and whatever escapes a handler
 * printed as the runtime prints it. Afterwards the output holds the log lines of those paths,
 * and none of the addresses or IPs involved.
 */
@ExtendWith(MotoExtension.class)
class PersonalDataInLogsTest {

    private static final List<String> READERS = List.of("log.reader@example.org", "v6.reader@example.net",
            "form.reader@example.com", "rejected.reader@example.org", "outage.reader@example.org",
            "bounced.reader@example.com", "complaining.reader@example.org");
    private static final String IPV4 = "198.51.100.23";
    private static final String IPV6 = "2001:db8:4:5::23";

    @Test
    void noAddressOrIpReachesTheLogsOnAnyPath(MotoServer moto, CapturedOutput output) throws Exception {
        SampleSite site = SampleSite.create(moto);
        RequestStreamHandler subscribe = site.handler("SubscribeFunction");
        RequestStreamHandler confirm = site.handler("ConfirmSubscriptionFunction");
        RequestStreamHandler unsubscribe = site.handler("UnsubscribeFunction");
        RequestStreamHandler sesEvents = site.handler("SesEventsFunction");

        assertEquals(202, status(subscribe, json("/subscriptions", "email", READERS.get(0)), IPV4));
        assertEquals(202, status(subscribe, json("/subscriptions", "email", READERS.get(1)), IPV6));
        assertEquals(202, status(subscribe, ApiEvents.post("/subscriptions", Map.of("content-type",
                "application/x-www-form-urlencoded", "accept", "text/html"), "email=" + encode(READERS.get(2)), true), IPV4));
        assertEquals(400, status(subscribe, json("/subscriptions", "email", "x@example.org\r\nBcc: " + READERS.get(0)), IPV4));

        SentEmail email = site.emailsTo(READERS.get(0)).get(0);
        URI confirmLink = EmailLinks.confirmationLink(email);
        URI unsubscribeLink = EmailLinks.unsubscribeLink(email);
        assertEquals(200, status(confirm, ApiEvents.get(confirmLink, "/subscriptions/confirm", Map.of(), Map.of()), IPV4));
        assertEquals(200, status(confirm, json("/subscriptions/confirm", "token", EmailLinks.token(confirmLink)), IPV6));
        assertEquals(400, status(confirm, json("/subscriptions/confirm", "token", READERS.get(0)), IPV4));
        assertEquals(200, status(unsubscribe, ApiEvents.get(unsubscribeLink, "/subscriptions/unsubscribe", Map.of(), Map.of()), IPV4));
        assertEquals(200, status(unsubscribe, ApiEvents.event("POST", "/subscriptions/unsubscribe", unsubscribeLink.getRawPath(),
                unsubscribeLink.getRawQuery(), Map.of(), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click", true), IPV6));

        assertEquals(1, sns(sesEvents, "events/ses-bounce.json", READERS.get(5)).path("newlySuppressed").asInt());
        assertEquals(1, sns(sesEvents, "events/ses-complaint.json", READERS.get(6)).path("newlySuppressed").asInt());
        assertEquals(1, sns(sesEvents, "events/ses-bounce.json", READERS.get(1)).path("newlySuppressed").asInt());

        Map<String, String> unverifiedSender = new HashMap<>(site.environment("SubscribeFunction"));
        unverifiedSender.put("SENDER_ADDRESS", "unverified.sender@example.net");
        assertEquals(500, status(site.handler("SubscribeFunction", unverifiedSender),
                json("/subscriptions", "email", READERS.get(3)), IPV4));

        URI closed = URI.create("http://127.0.0.1:" + FreePort.closed());
        assertEquals(503, status(site.handler("SubscribeFunction", closed), json("/subscriptions", "email", READERS.get(4)), IPV4));
        assertEquals(503, status(site.handler("ConfirmSubscriptionFunction", closed),
                json("/subscriptions/confirm", "token", EmailLinks.token(confirmLink)), IPV6));
        assertEquals(503, status(site.handler("UnsubscribeFunction", closed), json("/subscriptions/unsubscribe", "token",
                EmailLinks.token(unsubscribeLink)), IPV4));
        RuntimeException outage = assertThrows(RuntimeException.class,
                () -> sns(site.handler("SesEventsFunction", closed), "events/ses-bounce.json", READERS.get(4)));
        outage.printStackTrace(); // as the runtime logs an invocation's error, causes and all
        assertTrue(outage instanceof StoreException, outage::toString);

        String logs = output.text();
        for (String line : List.of("\"event\":\"request_failed\"", "\"status\":500", "\"status\":503",
                "\"newlySuppressed\":1", "StoreException")) {
            assertTrue(logs.contains(line), () -> "the capture missed the log line " + line + ":\n" + logs);
        }
        for (String reader : READERS) {
            assertTrue(!logs.contains(reader) && !logs.contains(reader.substring(0, reader.indexOf('@'))), reader);
        }
        assertEquals(List.of(), PersonalData.findBeyondLoopback(logs), logs);
    }

    private static String json(String path, String field, String value) {
        return ApiEvents.post(path, Map.of("content-type", "application/json"),
                SampleSite.JSON.createObjectNode().put(field, value).toString(), false);
    }

    /** The event as it would come from a reader at {@code ip}, behind a proxy that names it too. */
    private static int status(RequestStreamHandler handler, String event, String ip) throws IOException {
        ObjectNode tree = (ObjectNode) SampleSite.JSON.readTree(event);
        ((ObjectNode) tree.path("requestContext").path("http")).put("sourceIp", ip);
        ((ObjectNode) tree.path("headers")).put("x-forwarded-for", ip + ", 203.0.113.9");
        JsonNode response = invoke(handler, tree.toString());
        return response.path("statusCode").asInt();
    }

    /** An SES record of the sample event, about {@code address}, as SNS delivers it; the function's summary. */
    private static JsonNode sns(RequestStreamHandler handler, String sample, String address) throws IOException {
        String event = Files.readString(ProjectRootHolder.ROOT.resolve(sample)).replace("recipient@example.com", address);
        return invoke(handler, event);
    }

    /**
     * Invokes as Lambda does, log lines through the context's logger; what escapes the handler
     * fails the test unless the test expects it (and then prints it, as the runtime would).
     */
    private static JsonNode invoke(RequestStreamHandler handler, String event) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, RecordingContext.printing());
        return out.size() == 0 ? SampleSite.JSON.createObjectNode() : SampleSite.JSON.readTree(out.toByteArray());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static final class ProjectRootHolder {
        static final java.nio.file.Path ROOT = news.articles.tools.ProjectRoot.require();
    }
}
