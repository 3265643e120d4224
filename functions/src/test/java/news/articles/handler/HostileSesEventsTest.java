package news.articles.handler;

import news.articles.testing.TestKeys;
import static news.articles.testing.property.HostileEvents.quote;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SuppressionService;
import news.articles.testing.JsonTree;
import news.articles.testing.LogCapture;
import news.articles.testing.RecordingContext;
import news.articles.testing.SnsEvent;
import news.articles.testing.Subscriptions;
import news.articles.testing.property.Gen;
import news.articles.testing.property.HostileText;
import news.articles.testing.property.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SesEventsFunction under malformed notifications. SNS invokes it asynchronously, so whatever it
 * throws Lambda retries (twice, by default) before dropping the event. Retrying helps only when a
 * dependency failed; a notification that cannot be read stays unreadable. So anything SNS delivers
 * is read as far as it can be and answered normally, the unreadable parts counted; only an
 * invocation that is not an SNS event at all fails, as a misconfigured trigger should, and even
 * then nothing of what it was sent reaches the error that Lambda logs.
 */
class HostileSesEventsTest {

    private static final int TRIES = 300;

    private final Subscriptions subscriptions = new Subscriptions();
    private final SesEventsHandler handler =
            new SesEventsHandler(new SuppressionService(subscriptions.store, TestKeys.IDENTIFIERS, subscriptions.clock), SnsEvent.TOPIC_ARN);

    /** An SNS event and the addresses that a permanent bounce or a complaint in it names. */
    record Notification(String json, Set<String> reported) {
        @Override
        public String toString() {
            return json;
        }
    }

    @RegisterExtension
    final LogCapture log = LogCapture.eachTest();

    @Test
    void anySnsEventIsAnsweredNormallySuppressesOnlyReportedAddressesAndLogsNoAddress() {
        Property.forAll("SesEventsHandler under malformed SNS events", TRIES, notifications(), notification -> {
            RecordingContext context = new RecordingContext();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(notification.json().getBytes(StandardCharsets.UTF_8)), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Object summary = JsonTree.parse(out.toString(StandardCharsets.UTF_8));
            assertEquals(JsonTree.list(JsonTree.parse(notification.json()), "Records").size(), JsonTree.integer(summary, "records"));
            for (Subscriber subscriber : subscriptions.store.snapshot().values()) {
                assertEquals(SubscriberStatus.SUPPRESSED, subscriber.status());
                assertTrue(subscriber.email().value().contains("@")
                        && notification.reported().stream().anyMatch(address -> EmailAddress.tryParse(address)
                        .map(parsed -> parsed.equals(subscriber.email())).orElse(false)) || wasSuppressedBefore(subscriber),
                        "suppressed an address nobody reported");
            }
            suppressedSoFar.addAll(subscriptions.store.snapshot().keySet());
            List<String> logged = log.drain();
            assertTrue(logged.stream().anyMatch(line -> line.contains("\"event\":\"ses_events\"")), logged::toString);
            for (String line : logged) {
                assertFalse(line.contains("@"), () -> "an address in the log: " + Property.printable(line));
            }
        });
        assertFalse(suppressedSoFar.isEmpty(), "no notification reached the store: the generator proves little");
    }

    private final Set<String> suppressedSoFar = new HashSet<>();

    private boolean wasSuppressedBefore(Subscriber subscriber) {
        return suppressedSoFar.contains(subscriber.id());
    }

    @Test
    void anInvocationThatIsNotAnSnsEventFailsWithoutQuotingIt() {
        Gen<String> marked = Gen.of("leak@example.com", "[leak@example.com]", "{\"Records\": leak@example.com}",
                "{\"Records\": \"leak@example.com\"}", "{\"leak@example.com\": 1}", "leak", "{\"Records\":[1,2,", "\ufeffleak");
        Gen<String> inputs = Gen.frequency(3, marked, 1, HostileText.any(), 1, HostileText.around(marked));
        Property.forAll("SesEventsHandler under input that is not an SNS event", TRIES, inputs, input -> {
            RecordingContext context = new RecordingContext();
            try {
                handler.handleRequest(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
                        context);
            } catch (IllegalArgumentException failure) {
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    String message = String.valueOf(cause.getMessage());
                    assertFalse(message.contains("leak") || message.contains("@"),
                            () -> "the error Lambda logs quotes the event: " + Property.printable(message));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            List<String> logged = log.drain();
            assertEquals(1, logged.size(), logged::toString);
            assertTrue(logged.get(0).contains("\"event\":\"ses_events_unreadable\""), logged.get(0));
            logged.forEach(line -> assertFalse(line.contains("leak") || line.contains("@"), line));
        });
    }

    private Gen<Notification> notifications() {
        return random -> {
            int count = random.nextInt(4);
            List<String> records = new ArrayList<>();
            Set<String> reported = new HashSet<>();
            for (int i = 0; i < count; i++) {
                records.add(record(random, reported));
            }
            return new Notification("{\"Records\":[" + String.join(",", records) + "]}", reported);
        };
    }

    private String record(Random random, Set<String> reported) {
        return switch (random.nextInt(8)) {
            case 0 -> Gen.of("1", "null", "\"x\"", "[]", "{}", "{\"Sns\":null}", "{\"Sns\":{}}", "{\"Sns\":{\"Message\":1}}",
                    "{\"Sns\":{\"Message\":{\"eventType\":\"Bounce\"}}}").next(random);
            default -> {
                String wrapped = SnsEvent.of(message(random, reported));
                yield wrapped.substring(wrapped.indexOf('[') + 1, wrapped.lastIndexOf(']'));
            }
        };
    }

    private String message(Random random, Set<String> reported) {
        Gen<String> address = HostileText.emailLike();
        return switch (random.nextInt(7)) {
            case 0, 1 -> {
                String bounceType = Gen.of("Permanent", "Permanent", "Transient", "Undetermined", "permanent", "").next(random);
                List<String> recipients = recipients(random, address);
                if (bounceType.equals("Permanent")) {
                    reported.addAll(recipients);
                }
                yield "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":" + quote(bounceType, false)
                        + ",\"bouncedRecipients\":[" + recipientObjects(random, recipients) + "]}}";
            }
            case 2, 3 -> {
                List<String> recipients = recipients(random, address);
                reported.addAll(recipients);
                String type = random.nextBoolean() ? "eventType" : "notificationType";
                yield "{\"" + type + "\":\"Complaint\",\"complaint\":{\"complainedRecipients\":["
                        + recipientObjects(random, recipients) + "]}}";
            }
            case 4 -> Gen.of("{\"eventType\":\"Bounce\",\"bounce\":\"Permanent\"}",
                    "{\"eventType\":\"Bounce\",\"bounce\":{\"bounceType\":\"Permanent\",\"bouncedRecipients\":{\"emailAddress\":\"a@b.co\"}}}",
                    "{\"eventType\":\"Complaint\",\"complaint\":{\"complainedRecipients\":[\"a@b.co\"]}}",
                    "{\"eventType\":\"Delivery\"}", "{\"eventType\":[\"Bounce\"]}", "{\"eventType\":\"Bounce\",\"eventType\":\"Complaint\"}",
                    "{}", "[]", "null", "42").next(random);
            case 5 -> "[".repeat(Gen.of(40, 5000).next(random)) + "]".repeat(random.nextInt(3));
            default -> HostileText.any().next(random);
        };
    }

    /** As the handler will see them when not escaped: a lone surrogate does not survive UTF-8 and arrives as '?'. */
    private static List<String> recipients(Random random, Gen<String> address) {
        return Gen.lists(address, 0, 3).next(random).stream()
                .map(text -> new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .toList();
    }

    private static String recipientObjects(Random random, List<String> recipients) {
        List<String> objects = new ArrayList<>();
        for (String recipient : recipients) {
            objects.add("{\"emailAddress\":" + quote(recipient, random.nextBoolean()) + ",\"status\":\"5.1.1\"}");
        }
        return String.join(",", objects);
    }
}
