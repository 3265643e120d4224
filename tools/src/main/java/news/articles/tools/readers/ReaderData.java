package news.articles.tools.readers;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import news.articles.aws.AwsClients;
import news.articles.aws.Secrets;
import news.articles.config.AwsSettings;
import news.articles.config.ConfigurationException;
import news.articles.keyed.KeyedHash;
import news.articles.error.RejectedException;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.tools.AwsOptions;
import news.articles.tools.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Command line: answers a reader's data request. {@code export} writes everything the Subscribers
 * table holds about one address as JSON; {@code erase} removes it. An address that unsubscribed or
 * was suppressed stays suppressed after erasure: its record is replaced by a marker that holds no
 * personal data, only the key (a keyed hash of the address, under the stack's identifier key) and
 * the suppression, so that nobody can sign it up again; any other record is deleted. A record from
 * before the identifier key (under the legacy, unkeyed id) is found too, and its marker is moved to
 * the keyed id. Nothing about the address is printed but the export.
 */
@Command(name = "reader-data", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        customSynopsis = "java -cp 'tools/target/tools-1.0.0-SNAPSHOT.jar:tools/target/lib/*'"
                + " news.articles.tools.readers.ReaderData (export|erase) --table=NAME --identifier-key-secret=ID --email=ADDRESS [OPTIONS]",
        description = {"A reader's data request: export what is stored about one address, or erase it.", ""},
        subcommands = {ReaderData.Export.class, ReaderData.Erase.class},
        footer = {"", "Exit status: 0 done (or nothing stored), 1 the request failed (run it again), 2 wrong command line."})
public final class ReaderData implements Callable<Integer> {

    /** What the functions' SubscriberItems names them; {@code ReaderDataTest} checks them against the store. */
    static final String PK = "pk";
    static final String STATUS = "status";
    static final String EMAIL = "email";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String SUPPRESSED_AT = "suppressedAt";
    static final String SUPPRESSION_REASON = "suppressionReason";
    static final String ERASED = "ERASED";

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    private ReaderData(Map<String, String> environment, PrintStream out, PrintStream err, Clock clock) {
        this.environment = environment;
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err, Clock.systemUTC()));
    }

    /** Runs the command; returns the exit status. The environment and clock are parameters so that tests can choose them. */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err, Clock clock) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(environment, "environment");
        return Cli.execute(new ReaderData(environment, Objects.requireNonNull(out, "out"), Objects.requireNonNull(err, "err"),
                Objects.requireNonNull(clock, "clock")), out, err, args);
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "say what to do: export or erase");
    }

    /** The options both subcommands take, and the record they act on. */
    abstract static class OnOneAddress implements Callable<Integer> {

        @picocli.CommandLine.ParentCommand
        ReaderData parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--table", paramLabel = "NAME", required = true,
                description = "the Subscribers table (the stack's SubscribersTableName output)")
        String table;

        @Option(names = "--email", paramLabel = "ADDRESS", required = true, description = "the reader's address")
        String email;

        @Option(names = "--identifier-key-secret", paramLabel = "ID",
                description = "the stack's identifier key secret (its IdentifierKeySecretArn output); default: the"
                        + " IDENTIFIER_KEY_SECRET environment variable")
        String identifierKeySecret;

        @Mixin
        AwsOptions aws;

        @Override
        public Integer call() {
            if (table.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--table needs a value");
            }
            EmailAddress address;
            try {
                address = EmailAddress.parse(email);
            } catch (RejectedException e) {
                throw new ParameterException(spec.commandLine(), "--email is not an address we could have stored");
            }
            String secretId = Optional.ofNullable(identifierKeySecret).filter(value -> !value.isBlank())
                    .or(() -> Optional.ofNullable(parent.environment.get("IDENTIFIER_KEY_SECRET")).filter(value -> !value.isBlank()))
                    .orElseThrow(() -> new ParameterException(spec.commandLine(),
                            "say which identifier key the stack uses: --identifier-key-secret or IDENTIFIER_KEY_SECRET"));
            AwsSettings settings = aws.settings(parent.environment, spec.commandLine());
            try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(settings)) {
                KeyedHash identifiers = KeyedHash.withKey(Secrets.read(settings, secretId));
                Map<String, AttributeValue> keyed = key(SubscriberId.of(address, identifiers));
                Map<String, AttributeValue> key = keyed;
                Map<String, AttributeValue> item = read(dynamoDb, keyed);
                if (item.isEmpty()) {
                    // A record from before the identifier key, under the id anyone could compute.
                    key = key(SubscriberId.legacyOf(address));
                    item = read(dynamoDb, key);
                }
                if (item.isEmpty()) {
                    parent.out.println(spec.name() + ": nothing is stored about this address");
                    return 0;
                }
                return act(dynamoDb, key, item, keyed);
            } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
                parent.err.println(spec.name() + ": the record changed while this ran; run it again");
                return 1;
            } catch (SdkException | UncheckedIOException | ConfigurationException e) {
                // The SDK's messages name tables, keys and secrets, never the address (the key is a hash) nor a secret's value.
                parent.err.println(spec.name() + ": " + e.getMessage() + Cli.causes(e.getCause()));
                return 1;
            }
        }

        private static Map<String, AttributeValue> key(String subscriberId) {
            return Map.of(PK, AttributeValue.fromS("SUBSCRIBER#" + subscriberId));
        }

        private Map<String, AttributeValue> read(DynamoDbClient dynamoDb, Map<String, AttributeValue> key) {
            Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName(table).key(key).consistentRead(true))
                    .item();
            return item == null ? Map.of() : item;
        }

        /** {@code key}: where the record is; {@code keyed}: where the address's record belongs (they differ for a legacy record). */
        abstract int act(DynamoDbClient dynamoDb, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
                Map<String, AttributeValue> keyed);
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Writes everything stored about the address as one JSON object (its attributes by name).")
    static final class Export extends OnOneAddress {

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "where to write the JSON (created or replaced; - for standard output)")
        String target;

        @Override
        int act(DynamoDbClient dynamoDb, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
                Map<String, AttributeValue> keyed) {
            try {
                if ("-".equals(target)) {
                    write(item, parent.out);
                    parent.out.println();
                } else {
                    try (OutputStream file = Files.newOutputStream(Path.of(target), StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                        write(item, file);
                    }
                    parent.out.println("export: " + item.size() + " attributes written to " + target);
                }
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Command(name = "erase", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Erases the address's personal data. Unsubscribed or suppressed: the record becomes a"
                    + " suppression marker with no personal data (the key, a hash of the address, stays, so the address"
                    + " is never mailed again); pending or confirmed: the record is deleted."})
    static final class Erase extends OnOneAddress {

        @Option(names = "--dry-run", description = "say what would happen, change nothing")
        boolean dryRun;

        @Override
        int act(DynamoDbClient dynamoDb, Map<String, AttributeValue> key, Map<String, AttributeValue> item,
                Map<String, AttributeValue> keyed) {
            String status = item.get(STATUS).s();
            boolean keepSuppressed = "UNSUBSCRIBED".equals(status) || "SUPPRESSED".equals(status);
            String what = keepSuppressed ? "replaced by a suppression marker with no personal data" : "deleted";
            if (dryRun) {
                parent.out.println("erase: a " + status + " record; it would be " + what + " (dry run, nothing changed)");
                return 0;
            }
            // On the record as read, so that a sign-up or confirmation meanwhile is not overwritten.
            String unchanged = "#status = :status AND #updatedAt = :updatedAt";
            Map<String, String> names = Map.of("#status", STATUS, "#updatedAt", UPDATED_AT);
            Map<String, AttributeValue> asRead = Map.of(":status", item.get(STATUS),
                    ":updatedAt", item.getOrDefault(UPDATED_AT, AttributeValue.fromS("")));
            String condition = item.containsKey(UPDATED_AT) ? unchanged : "#status = :status AND attribute_not_exists(#updatedAt)";
            if (keepSuppressed) {
                String now = Instant.now(parent.clock).toString();
                // Under the keyed id, even when the record had the legacy one: the marker then holds no id anyone could compute.
                Map<String, AttributeValue> marker = Map.of(
                        PK, keyed.get(PK),
                        STATUS, AttributeValue.fromS("SUPPRESSED"),
                        EMAIL, AttributeValue.fromS(""),
                        CREATED_AT, AttributeValue.fromS(now),
                        UPDATED_AT, AttributeValue.fromS(now),
                        SUPPRESSED_AT, AttributeValue.fromS(now),
                        SUPPRESSION_REASON, AttributeValue.fromS(ERASED));
                Map<String, AttributeValue> values = item.containsKey(UPDATED_AT) ? asRead : Map.of(":status", item.get(STATUS));
                if (key.equals(keyed)) {
                    dynamoDb.putItem(request -> request.tableName(table).item(marker).conditionExpression(condition)
                            .expressionAttributeNames(names).expressionAttributeValues(values));
                } else {
                    // Moved in one transaction: the legacy record goes only if still as read, the marker only
                    // where no record has the keyed id yet (a sign-up meanwhile would have created one).
                    dynamoDb.transactWriteItems(request -> request.transactItems(
                            move -> move.put(put -> put.tableName(table).item(marker)
                                    .conditionExpression("attribute_not_exists(#pk)")
                                    .expressionAttributeNames(Map.of("#pk", PK))),
                            move -> move.delete(delete -> delete.tableName(table).key(key).conditionExpression(condition)
                                    .expressionAttributeNames(names).expressionAttributeValues(values))));
                }
            } else {
                dynamoDb.deleteItem(request -> request.tableName(table).key(key).conditionExpression(condition)
                        .expressionAttributeNames(names).expressionAttributeValues(item.containsKey(UPDATED_AT)
                                ? asRead : Map.of(":status", item.get(STATUS))));
            }
            parent.out.println("erase: the " + status + " record was " + what);
            return 0;
        }
    }

    /** The item as JSON: each attribute by name, in name order, with DynamoDB's types unwrapped. */
    static void write(Map<String, AttributeValue> item, OutputStream target) throws IOException {
        try (JsonGenerator json = new JsonFactory().createGenerator(target).useDefaultPrettyPrinter()) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeMap(json, item);
        }
    }

    private static void writeMap(JsonGenerator json, Map<String, AttributeValue> map) throws IOException {
        json.writeStartObject();
        for (Map.Entry<String, AttributeValue> entry : new TreeMap<>(map).entrySet()) {
            json.writeFieldName(entry.getKey());
            writeValue(json, entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeValue(JsonGenerator json, AttributeValue value) throws IOException {
        if (value.s() != null) {
            json.writeString(value.s());
        } else if (value.n() != null) {
            json.writeNumber(value.n());
        } else if (value.bool() != null) {
            json.writeBoolean(value.bool());
        } else if (value.hasSs()) {
            json.writeStartArray();
            for (String element : value.ss().stream().sorted().toList()) {
                json.writeString(element);
            }
            json.writeEndArray();
        } else if (value.hasL()) {
            json.writeStartArray();
            for (AttributeValue element : value.l()) {
                writeValue(json, element);
            }
            json.writeEndArray();
        } else if (value.hasM()) {
            writeMap(json, value.m());
        } else {
            json.writeNull();
        }
    }
}
