package news.articles.tools.backfill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import news.articles.newsletter.RecipientDirectory;
import news.articles.store.dynamodb.DynamoDbNewsletterRecipients;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.TableProvisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The backfill on moto, on a Subscribers table created as template.yaml declares it, with records
 * written by the functions' own store: those confirmed before the newsletter (no confirmedFeed) join
 * the index the newsletter reads, a stale entry leaves it, nothing else changes, a dry run writes
 * nothing and a second run finds nothing to do.
 */
@ExtendWith(MotoExtension.class)
class BackfillConfirmedIndexTest {

    private static final Instant AT = Instant.parse("2026-11-02T08:00:00Z");
    private static final EmailLimits NO_LIMITS = new EmailLimits(Duration.ZERO, Integer.MAX_VALUE);

    private final MotoServer moto;
    private final DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbSubscriberStore store;
    private RecipientDirectory recipients;
    private final String prefix = "bf-" + UUID.randomUUID() + "-";

    BackfillConfirmedIndexTest(MotoServer moto) {
        this.moto = moto;
        this.dynamoDb = MotoClients.dynamoDb(moto.endpoint());
    }

    @BeforeEach
    void subscribersTable() {
        table = TestTables.uniqueName("subscribers");
        TableProvisioner.createTable(dynamoDb, TestTables.template().table("SubscribersTable").orElseThrow(), table);
        store = new DynamoDbSubscriberStore(dynamoDb, table);
        recipients = new DynamoDbNewsletterRecipients(dynamoDb, table);
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void confirmedSubscribersFromBeforeTheNewsletterJoinTheIndexAndNothingElseChanges() {
        confirmed("a");
        confirmed("b");
        confirmed("c");
        pending("d");
        confirmed("e");
        assertTrue(store.unsubscribe(id("e"), "u-e", AT.plusSeconds(120)));
        confirmed("f");
        assertTrue(store.suppress(id("f"), email("f"), AT.plusSeconds(120), "BOUNCE"));
        // As the functions before the newsletter left them, and an unsubscribe by an older version during the deployment.
        rawUpdate("b", "REMOVE confirmedFeed");
        rawUpdate("c", "REMOVE confirmedFeed");
        rawUpdate("e", "SET confirmedFeed = :c");
        dynamoDb.putItem(request -> request.tableName(table).item(Map.of(
                "pk", AttributeValue.fromS("LIMIT#ip#1"), "count", AttributeValue.fromN("3"))));
        Map<String, Optional<Subscriber>> before = records("a", "b", "c", "d", "e", "f");
        assertEquals(List.of(id("a"), id("e")), listed(), "b and c missing, e a stale entry");

        Run dryRun = run("--table", table, "--dry-run");

        assertEquals(0, dryRun.status, dryRun.err);
        assertEquals(table + ": dry run: 7 items scanned, 2 confirmed to add to ByConfirmed, 1 not confirmed to remove"
                + " from it; nothing written\n", dryRun.out);
        assertEquals(List.of(id("a"), id("e")), listed(), "a dry run writes nothing");

        Run backfill = run("--table", table, "--segments", "3");

        assertEquals(0, backfill.status, backfill.err);
        assertEquals(table + ": 7 items scanned, 2 confirmed added to ByConfirmed, 1 not confirmed removed from it,"
                + " 0 changed meanwhile (left as their own write made them)\n", backfill.out);
        assertEquals(List.of(id("a"), id("b"), id("c")), listed());
        assertFalse(item("e").containsKey("confirmedFeed"));
        assertEquals(before, records("a", "b", "c", "d", "e", "f"), "the subscribers themselves are as they were");
        assertEquals("3", dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("LIMIT#ip#1")))).item().get("count").n());

        Run again = run("--table", table);

        assertEquals(table + ": 7 items scanned, 0 confirmed added to ByConfirmed, 0 not confirmed removed from it,"
                + " 0 changed meanwhile (left as their own write made them)\n", again.out);
    }

    @Test
    void aWrongCommandLineIsExitStatusTwoAndTouchesNothing() {
        Run noTable = run("--dry-run");
        assertEquals(2, noTable.status);
        assertTrue(noTable.err.contains("--table"), noTable.err);

        Run badSegments = run("--table", table, "--segments", "0");
        assertEquals(2, badSegments.status);
        assertTrue(badSegments.err.contains("--segments"), badSegments.err);
    }

    @Test
    void aTableThatDoesNotExistIsExitStatusOne() {
        Run missing = run("--table", table + "-missing");

        assertEquals(1, missing.status);
        assertTrue(missing.err.startsWith("backfill-confirmed-index: "), missing.err);
    }

    private void confirmed(String name) {
        pending(name);
        assertTrue(store.confirm(id(name), "c-" + name, new Consent(AT.plusSeconds(60), "2001:db8::1", "Confirmer/1.0"),
                "u-" + name));
    }

    private void pending(String name) {
        Instant tokenExpiresAt = AT.plus(Duration.ofHours(48));
        store.savePending(new PendingSubscription(id(name), email(name), "c-" + name, tokenExpiresAt, "u-" + name,
                new Consent(AT, "203.0.113.9", "Browser/1.0"), tokenExpiresAt.plus(Duration.ofDays(1))), NO_LIMITS);
    }

    private void rawUpdate(String name, String expression) {
        dynamoDb.updateItem(request -> {
            request.tableName(table).key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + id(name))))
                    .updateExpression(expression);
            if (expression.contains(":c")) {
                request.expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CONFIRMED")));
            }
        });
    }

    private List<String> listed() {
        return recipients.confirmed(Optional.empty(), 100).subscriberIds();
    }

    private Map<String, Optional<Subscriber>> records(String... names) {
        Map<String, Optional<Subscriber>> records = new java.util.LinkedHashMap<>();
        for (String name : names) {
            records.put(name, store.find(id(name)));
        }
        return records;
    }

    private Map<String, AttributeValue> item(String name) {
        return dynamoDb.getItem(request -> request.tableName(table)
                .key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + id(name)))).consistentRead(true)).item();
    }

    private String id(String name) {
        return prefix + name;
    }

    private EmailAddress email(String name) {
        return EmailAddress.parse(name + "." + prefix.substring(3, 39) + "@example.com");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", moto.endpoint().toString(), "--region", "us-east-1"));
        int status = BackfillConfirmedIndex.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
