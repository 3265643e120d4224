package news.articles.tools.backfill;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
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
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Command line: brings the Subscribers table's sparse index ByConfirmed up to date once, after the
 * newsletter is first deployed. Subscribers confirmed before then carry no {@code confirmedFeed},
 * so the index (the newsletter's recipients) would miss them. One pass of a Scan (an operator's
 * migration, never the send path) finds the records whose {@code confirmedFeed} does not match
 * their status and fixes each with a conditional UpdateItem: added while the record is still
 * confirmed, removed while it is still not (a record an older function version unsubscribed during
 * the deployment). A record that changed between the Scan and the write is left to the write that
 * changed it, which keeps the attribute itself.
 */
@Command(name = "backfill-confirmed-index", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        customSynopsis = "java -cp 'tools/target/tools-1.0.0-SNAPSHOT.jar:tools/target/lib/*'"
                + " news.articles.tools.backfill.BackfillConfirmedIndex --table=NAME [OPTIONS]",
        description = {
            "Adds confirmedFeed to every confirmed subscriber that lacks it (and removes it from any record that is not"
                    + " confirmed), so that the index ByConfirmed lists exactly the newsletter's recipients. Run it once"
                    + " after deploying the newsletter; running it again finds nothing to do.",
            ""},
        footer = {
            "",
            "Against AWS the SDK's default credentials chain applies. The role needs dynamodb:Scan and dynamodb:UpdateItem"
                    + " on the table.",
            "Exit status: 0 when every record found was fixed or had changed meanwhile, 1 when the run failed"
                    + " (run it again: it is idempotent), 2 for a wrong command line."})
public final class BackfillConfirmedIndex implements Callable<Integer> {

    /** What the functions' SubscriberItems names them; {@code BackfillConfirmedIndexTest} checks them against the store. */
    static final String PK = "pk";
    static final String STATUS = "status";
    static final String CONFIRMED_FEED = "confirmedFeed";
    static final String CONFIRMED = "CONFIRMED";

    @Option(names = "--table", paramLabel = "NAME", required = true,
            description = "the Subscribers table (the stack's SubscribersTableName output)")
    String table;

    @Option(names = "--dry-run", description = "scan and count what would change, without writing")
    boolean dryRun;

    @Option(names = "--segments", paramLabel = "N", defaultValue = "4",
            description = "parallel scan segments, each with its own thread (default: ${DEFAULT-VALUE})")
    int segments;

    @Mixin
    AwsOptions aws;

    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    private BackfillConfirmedIndex(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.getenv(), System.out, System.err));
    }

    /** Runs the command; returns the exit status. The environment is a parameter so that tests can choose it. */
    public static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err) {
        Objects.requireNonNull(args, "args");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        return Cli.execute(new BackfillConfirmedIndex(environment, out, err), out, err, args);
    }

    @Override
    public Integer call() {
        AwsSettings settings = aws.settings(environment, spec.commandLine());
        if (table.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--table needs a value");
        }
        if (segments < 1 || segments > 64) {
            throw new ParameterException(spec.commandLine(), "--segments must be 1 to 64");
        }
        Counts counts = new Counts();
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(
                settings)) {
            ExecutorService pool = Executors.newFixedThreadPool(segments);
            try {
                List<Future<?>> running = new ArrayList<>();
                for (int segment = 0; segment < segments; segment++) {
                    int mine = segment;
                    running.add(pool.submit(() -> scanSegment(dynamoDb, mine, counts)));
                }
                for (Future<?> segment : running) {
                    segment.get();
                }
            } finally {
                pool.shutdownNow();
            }
        } catch (ExecutionException e) {
            err.println("backfill-confirmed-index: " + e.getCause().getMessage() + Cli.causes(e.getCause().getCause()));
            err.println("backfill-confirmed-index: stopped; " + counts.summary(dryRun) + "; run it again to finish");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("backfill-confirmed-index: interrupted; " + counts.summary(dryRun));
            return 1;
        } catch (SdkException e) {
            err.println("backfill-confirmed-index: " + e.getMessage() + Cli.causes(e.getCause()));
            return 1;
        }
        out.println(table + ": " + counts.summary(dryRun));
        return 0;
    }

    /** One segment of the scan, page by page, fixing each record found before reading on. */
    private void scanSegment(DynamoDbClient dynamoDb, int segment, Counts counts) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(request -> request
                    .tableName(table)
                    .segment(segment)
                    .totalSegments(segments)
                    .projectionExpression("#pk, #status, #feed")
                    // A confirmed record outside the index, or a record in it that is not confirmed.
                    // (The per-IP counters, without a status, match neither.)
                    .filterExpression("(#status = :confirmed AND attribute_not_exists(#feed)) "
                            + "OR (#status <> :confirmed AND attribute_exists(#feed))")
                    .expressionAttributeNames(Map.of("#pk", PK, "#status", STATUS, "#feed", CONFIRMED_FEED))
                    .expressionAttributeValues(Map.of(":confirmed", AttributeValue.fromS(CONFIRMED)))
                    .exclusiveStartKey(from));
            counts.scanned.addAndGet(page.scannedCount());
            for (Map<String, AttributeValue> item : page.items()) {
                fix(dynamoDb, item, counts);
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void fix(DynamoDbClient dynamoDb, Map<String, AttributeValue> item, Counts counts) {
        boolean confirmed = CONFIRMED.equals(item.get(STATUS).s());
        (confirmed ? counts.toAdd : counts.toRemove).incrementAndGet();
        if (dryRun) {
            return;
        }
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(table)
                    .key(Map.of(PK, item.get(PK)))
                    .updateExpression(confirmed ? "SET #feed = :confirmed" : "REMOVE #feed")
                    // Only while the status is still as scanned: a confirm, unsubscribe or suppression
                    // since then set or removed confirmedFeed in its own write.
                    .conditionExpression(confirmed ? "#status = :confirmed" : "#status <> :confirmed")
                    .expressionAttributeNames(Map.of("#status", STATUS, "#feed", CONFIRMED_FEED))
                    .expressionAttributeValues(Map.of(":confirmed", AttributeValue.fromS(CONFIRMED))));
            (confirmed ? counts.added : counts.removed).incrementAndGet();
        } catch (ConditionalCheckFailedException e) {
            counts.changedMeanwhile.incrementAndGet();
        }
    }

    /** What the run found and did, counted across the segments' threads. */
    private static final class Counts {
        final AtomicLong scanned = new AtomicLong();
        final AtomicLong toAdd = new AtomicLong();
        final AtomicLong toRemove = new AtomicLong();
        final AtomicLong added = new AtomicLong();
        final AtomicLong removed = new AtomicLong();
        final AtomicLong changedMeanwhile = new AtomicLong();

        String summary(boolean dryRun) {
            if (dryRun) {
                return String.format(Locale.ROOT, "dry run: %d items scanned, %d confirmed to add to ByConfirmed,"
                        + " %d not confirmed to remove from it; nothing written", scanned.get(), toAdd.get(), toRemove.get());
            }
            return String.format(Locale.ROOT, "%d items scanned, %d confirmed added to ByConfirmed, %d not confirmed"
                    + " removed from it, %d changed meanwhile (left as their own write made them)",
                    scanned.get(), added.get(), removed.get(), changedMeanwhile.get());
        }
    }
}
