package news.articles.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.newsletter.EditionId;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.tools.local.LocalAws;
import news.articles.tools.moto.MotoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The weekly newsletter on bin/local's command, as issue 12's "done when" runs it by hand: two
 * addresses subscribed and confirmed through the HTTP API, a third unsubscribed, the weekly
 * function invoked through {@code /_local/invoke} for a week with sample articles; the sender,
 * fed by the SQS event source mapping, puts one edition email per confirmed address in the
 * outbox and none for the other; a second run adds nothing; the web version opens, and the
 * edition's unsubscribe link works with one click.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsletterLocalStackTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Friday of ISO week 47 of 2026: the sample articles are dated before it. */
    private static final String SCHEDULED_TIME = "2026-11-20T09:00:00Z";
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final List<String> CONFIRMED = List.of("nl.first@example.com", "nl.second@example.com");
    private static final String UNSUBSCRIBED = "nl.gone@example.com";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private StackProcess stack;

    @BeforeAll
    void start() throws Exception {
        stack = StackProcess.start();
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anEditionReachesEachConfirmedSubscriberOnceAndItsUnsubscribeLinkWorks() throws Exception {
        String api = stack.api().toString();
        List<String> everyone = new ArrayList<>(CONFIRMED);
        everyone.add(UNSUBSCRIBED);
        for (String address : everyone) {
            subscribeAndConfirm(api, address);
        }
        HttpResponse<String> unsubscribed = oneClickUnsubscribe(link(onlyEmailTo(UNSUBSCRIBED, "/subscriptions/confirm"),
                "/subscriptions/unsubscribe"));
        assertEquals(200, unsubscribed.statusCode(), unsubscribed::body);
        assertEquals("UNSUBSCRIBED", subscriberStatus(UNSUBSCRIBED));

        String edition = EditionId.forWeekOf(Instant.parse(SCHEDULED_TIME)).toString();
        HttpResponse<String> run = post(api + "/_local/invoke/NewsletterFunction?time=" + SCHEDULED_TIME, "");
        assertEquals(200, run.statusCode(), run::body);
        assertEquals("application/json", run.headers().firstValue("content-type").orElseThrow());
        assertTrue(run.body().contains(edition), run::body);

        await("one edition email for each confirmed address, and the queue drained",
                () -> CONFIRMED.stream().allMatch(address -> editionEmails(address, edition).size() == 1)
                        && queueDrained());
        for (String address : CONFIRMED) {
            assertEquals(1, editionEmails(address, edition).size(), address);
        }
        assertEquals(0, editionEmails(UNSUBSCRIBED, edition).size(), "nothing for the unsubscribed address");

        HttpResponse<String> again = post(api + "/_local/invoke/NewsletterFunction?time=" + SCHEDULED_TIME, "");
        assertEquals(200, again.statusCode(), again::body);
        await("the queue drained after the second run", this::queueDrained);
        for (String address : CONFIRMED) {
            assertEquals(1, editionEmails(address, edition).size(), "the second run sends nothing new: " + address);
        }
        assertEquals(0, editionEmails(UNSUBSCRIBED, edition).size());

        JsonNode email = editionEmails(CONFIRMED.get(0), edition).get(0);
        String webVersion = link(email, "/newsletter/" + edition);
        assertEquals(api + "/newsletter/" + edition, webVersion);
        HttpResponse<String> page = get(webVersion);
        assertEquals(200, page.statusCode(), page::body);
        assertFalse(page.body().contains(CONFIRMED.get(0)), "the web version holds no address");

        HttpResponse<String> left = oneClickUnsubscribe(link(email, "/subscriptions/unsubscribe"));
        assertEquals(200, left.statusCode(), left::body);
        assertEquals("UNSUBSCRIBED", subscriberStatus(CONFIRMED.get(0)));
        assertEquals("CONFIRMED", subscriberStatus(CONFIRMED.get(1)));

        List<String> logged = stack.outputAfterBanner();
        for (String address : everyone) {
            assertTrue(logged.stream().noneMatch(line -> line.contains(address)), "no address in the logs: " + address);
        }
        assertTrue(logged.stream().anyMatch(line -> line.startsWith("[NewsletterSenderFunction] START")),
                "the sender ran, invoked by the queue's event source mapping");
    }

    private void subscribeAndConfirm(String api, String address) throws Exception {
        HttpResponse<String> accepted = post(api + "/subscriptions", "{\"email\": \"" + address + "\"}");
        assertEquals(202, accepted.statusCode(), accepted::body);
        String confirm = link(onlyEmailTo(address, "/subscriptions/confirm"), "/subscriptions/confirm");
        HttpResponse<String> page = ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(confirm)).header("accept", "text/html")
                .GET().build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, page.statusCode(), page::body);
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(token.find(), page.body());
        HttpResponse<String> confirmed = ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(api + "/subscriptions/confirm"))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, confirmed.statusCode(), confirmed::body);
        assertEquals("CONFIRMED", subscriberStatus(address));
    }

    /** RFC 8058's one-click POST to the link, as a mail client sends it. */
    private HttpResponse<String> oneClickUnsubscribe(String link) throws Exception {
        return ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(link))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    /** The one email to the address with a link containing {@code linkPart}, once it is in the outbox. */
    private JsonNode onlyEmailTo(String address, String linkPart) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        await("an email to " + address + " linking " + linkPart, () -> {
            found.clear();
            found.addAll(emailsTo(address, linkPart));
            return !found.isEmpty();
        });
        assertEquals(1, found.size());
        return found.get(0);
    }

    private List<JsonNode> editionEmails(String address, String edition) {
        return emailsTo(address, "/newsletter/" + edition);
    }

    private List<JsonNode> emailsTo(String address, String linkPart) {
        JsonNode outbox;
        try {
            outbox = JSON.readTree(get(stack.api() + "/_local/outbox.json").body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        List<JsonNode> emails = new ArrayList<>();
        for (JsonNode email : outbox.path("emails")) {
            boolean toAddress = false;
            for (JsonNode to : email.path("to")) {
                toAddress |= to.asText().equals(address);
            }
            boolean links = false;
            for (JsonNode link : email.path("links")) {
                links |= link.asText().contains(linkPart);
            }
            if (toAddress && links) {
                emails.add(email);
            }
        }
        return emails;
    }

    private static String link(JsonNode email, String part) {
        for (JsonNode link : email.path("links")) {
            if (link.asText().contains(part)) {
                return link.asText();
            }
        }
        throw new AssertionError("no link with " + part + " in " + email.path("links"));
    }

    /** Nothing waiting in NewsletterQueue and nothing being handled. */
    private boolean queueDrained() {
        try (SqsClient sqs = MotoClients.sqs(stack.moto(), Duration.ofSeconds(1))) {
            String url = sqs.getQueueUrl(request -> request.queueName("NewsletterQueue")).queueUrl();
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(url)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            return attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES).equals("0")
                    && attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE).equals("0");
        }
    }

    private String subscriberStatus(String address) {
        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(stack.moto())) {
            String id = SubscriberId.of(EmailAddress.parse(address),
                    LocalAws.identifierKey(stack.moto(), "IdentifierKeySecret"));
            Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName("SubscribersTable")
                    .key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + id))).consistentRead(true)).item();
            return item.get("status").s();
        }
    }

    private HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    private HttpResponse<String> post(String url, String body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return ApiAnswers.checked(http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for a condition, failing with the stack's output after a generous deadline (not a timing assertion). */
    private void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never: " + what + "; output:\n" + String.join("\n", stack.outputAfterBanner()));
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
