package news.articles.tools.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.articles.keyed.KeyedHash;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SubscriberStore.PendingOutcome;
import news.articles.tools.TestTables;
import news.articles.tools.local.LocalAws;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.TableProvisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A reader's data request on moto, on a Subscribers table as template.yaml declares it, with
 * records written by the functions' own store: the export holds what is stored, erasure leaves an
 * opted-out address suppressed with no personal data and removes any other record, and nothing but
 * the export ever names the address.
 */
@ExtendWith(MotoExtension.class)
class ReaderDataTest {

    private static final Instant AT = Instant.parse("2026-11-02T08:00:00Z");
    private static final EmailLimits NO_LIMITS = new EmailLimits(Duration.ZERO, Integer.MAX_VALUE, Duration.ZERO);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);

    private final MotoServer moto;
    private final DynamoDbClient dynamoDb;
    private String table;
    private DynamoDbSubscriberStore store;
    private String secret;
    private KeyedHash ids;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    ReaderDataTest(MotoServer moto) {
        this.moto = moto;
        this.dynamoDb = MotoClients.dynamoDb(moto.endpoint());
    }

    @BeforeEach
    void subscribersTable() {
        table = TestTables.uniqueName("subscribers");
        TableProvisioner.createTable(dynamoDb, TestTables.template().table("SubscribersTable").orElseThrow(), table);
        store = new DynamoDbSubscriberStore(dynamoDb, table);
        // The stack's identifier key, in moto's Secrets Manager as the template creates it.
        secret = TestTables.uniqueName("identifier-key");
        String key = LocalAws.newIdentifierKey();
        LocalAws.createSecret(moto.endpoint(), secret, key);
        ids = KeyedHash.withKey(key);
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void theExportHoldsEverythingStoredAboutTheAddress(@TempDir Path folder) throws IOException {
        EmailAddress reader = signedUp("export");
        store.confirm(SubscriberId.of(reader, ids), "c-export", new Consent(AT.plusSeconds(60), "198.51.100.9", "Browser/2"), "u-welcome");
        Path file = folder.resolve("reader.json");

        assertEquals(0, run("export", "--email", reader.value(), "--out", file.toString()));

        JsonNode exported = new ObjectMapper().readTree(Files.readString(file));
        assertEquals(reader.value(), exported.path("email").asText());
        assertEquals("CONFIRMED", exported.path("status").asText());
        assertEquals("198.51.100.9", exported.path("confirmIp").asText());
        assertEquals(List.of("SIGN_UP", "CONFIRMATION"), kinds(exported.path("consentHistory")));
        assertTrue(exported.path("unsubscribeTokenHashes").isArray());
        assertFalse(printed().contains(reader.value()), "the address is in the file only: " + printed());
    }

    @Test
    void erasingAnUnsubscribedAddressKeepsItSuppressedWithNoPersonalData() {
        EmailAddress reader = signedUp("leaver");
        String id = SubscriberId.of(reader, ids);
        store.confirm(id, "c-leaver", new Consent(AT.plusSeconds(60), "198.51.100.9", "Browser/2"), "u-welcome");
        store.unsubscribe(id, "u-welcome", AT.plusSeconds(120));

        assertEquals(0, run("erase", "--email", reader.value()));

        var item = dynamoDb.getItem(request -> request.tableName(table).key(Map.of("pk",
                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("SUBSCRIBER#" + id)))).item();
        assertEquals(java.util.Set.of("pk", "status", "email", "createdAt", "updatedAt", "suppressedAt", "suppressionReason"),
                item.keySet(), "only the key (a hash), the suppression and its times");
        assertEquals("", item.get("email").s());
        assertEquals(SubscriberStatus.SUPPRESSED, store.find(id).orElseThrow().status(), "the functions read the marker");
        assertEquals(PendingOutcome.SUPPRESSED, store.savePending(pending(reader, "again", AT.plus(Duration.ofDays(40))),
                NO_LIMITS).outcome(), "nobody can sign the address up again");
        assertFalse(printed().contains(reader.value()), printed());
    }

    @Test
    void erasingAPendingOrConfirmedAddressDeletesItsRecord() {
        EmailAddress pendingReader = signedUp("pending");
        EmailAddress confirmedReader = signedUp("confirmed");
        store.confirm(SubscriberId.of(confirmedReader, ids), "c-confirmed", new Consent(AT, "198.51.100.9", "Browser/2"), "u-welcome");

        assertEquals(0, run("erase", "--email", pendingReader.value()));
        assertEquals(0, run("erase", "--email", confirmedReader.value()));

        assertTrue(store.find(SubscriberId.of(pendingReader, ids)).isEmpty());
        assertTrue(store.find(SubscriberId.of(confirmedReader, ids)).isEmpty());
        assertEquals(0, run("export", "--email", confirmedReader.value(), "--out", "-"));
        assertTrue(printed().contains("nothing is stored about this address"), printed());
    }

    @Test
    void aDryRunChangesNothingAndAnUnknownAddressIsNotAnError() {
        EmailAddress reader = signedUp("dry");
        var before = store.find(SubscriberId.of(reader, ids)).orElseThrow();

        assertEquals(0, run("erase", "--email", reader.value(), "--dry-run"));
        assertEquals(before, store.find(SubscriberId.of(reader, ids)).orElseThrow());
        assertTrue(printed().contains("would be deleted"), printed());
        assertEquals(0, run("erase", "--email", "nobody-" + UUID.randomUUID() + "@example.com"));
    }

    @Test
    void aWrongCommandLineIsNamedAndExitsWith2() {
        assertEquals(2, run("erase", "--email", "not an address"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--email"));
        assertEquals(2, ReaderData.run(List.of("export", "--table", table, "--email", "a@example.com", "--out", "-"),
                Map.of(), new PrintStream(out), new PrintStream(err), CLOCK), "no region anywhere");
    }

    /** Finding 7 of issue 13: the marker's key is the keyed id, not the plain SHA-256 anyone could compute. */
    @Test
    void aLegacyRecordIsFoundExportedAndErasedToAMarkerUnderTheKeyedId(@TempDir Path folder) {
        EmailAddress reader = EmailAddress.parse("legacy-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        String legacy = SubscriberId.legacyOf(reader);
        String keyed = SubscriberId.of(reader, ids);
        assertFalse(legacy.equals(keyed));
        store.savePending(pending(legacy, reader, "old", AT), NO_LIMITS);
        store.confirm(legacy, "c-old", new Consent(AT.plusSeconds(60), "198.51.100.9", "Browser/2"), "u-welcome");
        store.unsubscribe(legacy, "u-welcome", AT.plusSeconds(120));

        assertEquals(0, run("export", "--email", reader.value(), "--out", folder.resolve("legacy.json").toString()));
        assertEquals(0, run("erase", "--email", reader.value()));

        assertTrue(store.find(legacy).isEmpty(), "nothing stays under the id anyone could compute");
        var marker = store.find(keyed).orElseThrow();
        assertEquals(SubscriberStatus.SUPPRESSED, marker.status());
        assertEquals(PendingOutcome.SUPPRESSED, store.savePending(pending(reader, "again", AT.plus(Duration.ofDays(40))),
                NO_LIMITS).outcome(), "the address stays suppressed");
        assertFalse(printed().contains(reader.value()), printed());
    }

    @Test
    void withoutTheIdentifierKeyNothingIsReadAndTheExitIs2() {
        List<String> args = List.of("erase", "--email", "a@example.com", "--table", table, "--endpoint",
                moto.endpoint().toString(), "--region", "us-east-1");
        assertEquals(2, ReaderData.run(args, Map.of(), new PrintStream(out), new PrintStream(err), CLOCK));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--identifier-key-secret"));
    }

    private EmailAddress signedUp(String name) {
        EmailAddress reader = EmailAddress.parse(name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
        assertEquals(PendingOutcome.CREATED, store.savePending(pending(reader, name, AT), NO_LIMITS).outcome());
        return reader;
    }

    private PendingSubscription pending(EmailAddress reader, String token, Instant at) {
        return pending(SubscriberId.of(reader, ids), reader, token, at);
    }

    private static PendingSubscription pending(String id, EmailAddress reader, String token, Instant at) {
        return new PendingSubscription(id, reader, "c-" + token, at.plus(Duration.ofDays(2)),
                "u-" + token, new Consent(at, "203.0.113.5", "Browser/1"), at.plus(Duration.ofDays(3)));
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--table", table, "--endpoint", moto.endpoint().toString(), "--region", "us-east-1",
                "--identifier-key-secret", secret));
        return ReaderData.run(all, Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), CLOCK);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private static List<String> kinds(JsonNode history) {
        List<String> kinds = new ArrayList<>();
        history.forEach(event -> kinds.add(event.path("kind").asText()));
        return kinds;
    }
}
