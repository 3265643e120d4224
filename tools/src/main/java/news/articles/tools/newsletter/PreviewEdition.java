package news.articles.tools.newsletter;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
import news.articles.error.StoreException;
import news.articles.handler.SiteLinks;
import news.articles.mail.EmailMessage;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionComposer;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.NewsletterEmail;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbEditionStore;
import news.articles.tools.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Command line: the email of a week's edition, composed from the Articles table as the weekly run
 * would compose it at that scheduled time, written as HTML or text to a file or stdout. Sends
 * nothing, stores nothing.
 */
@Command(name = "preview-edition", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        customSynopsis = "java -cp 'tools/target/tools-1.0.0-SNAPSHOT.jar:tools/target/lib/*'"
                + " news.articles.tools.newsletter.PreviewEdition (--week=WEEK | --scheduled-time=INSTANT)"
                + " --table=NAME --site-url=URL [OPTIONS]",
        description = {
            "Composes the edition of a week from the Articles table, as the weekly run would at that scheduled time"
                    + " (published articles only, none dated after now), and writes its email as a recipient would"
                    + " get it, with a placeholder unsubscribe link. Sends nothing and stores nothing.",
            ""},
        footer = {
            "",
            "Against AWS the SDK's default credentials chain applies.",
            "Exit status: 0 when the preview was written, 1 when the week has no edition or AWS failed, 2 for a wrong"
                    + " command line."})
public final class PreviewEdition implements Callable<Integer> {

    enum Format { html, text }

    @Mixin
    EditionOptions edition;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "html",
            description = "html or text: the email's part to write (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "where to write it (default: stdout)")
    Path outFile;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    private PreviewEdition(Map<String, String> environment, PrintStream out, PrintStream err) {
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
        return Cli.execute(new PreviewEdition(environment, out, err), out, err, args);
    }

    @Override
    public Integer call() {
        Instant scheduledAt = edition.scheduledTime();
        SiteLinks links = new SiteLinks(edition.site());
        int maxArticles = edition.checkedMaxArticles();
        AwsSettings aws = edition.aws(environment);
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(aws)) {
            Optional<Edition> composed = compose(dynamoDb, edition, maxArticles, scheduledAt);
            if (composed.isEmpty()) {
                err.println("preview-edition: no edition for " + EditionId.forWeekOf(scheduledAt) + ": nothing published"
                        + " in its window before " + scheduledAt);
                return 1;
            }
            EmailMessage email = new NewsletterEmail(edition.siteName, links)
                    .render(composed.get(), "preview@example.invalid", links.unsubscribePage());
            String body = format == Format.html ? email.html() : email.text();
            PrintStream report = outFile == null ? err : out;
            if (outFile == null) {
                out.print(body);
                out.flush();
            } else {
                Files.writeString(outFile, body, StandardCharsets.UTF_8);
            }
            report.printf(Locale.ROOT, "edition %s: %d articles published from %s to %s; subject: %s%s%n",
                    composed.get().id(), composed.get().articles().size(), composed.get().windowStart(),
                    composed.get().windowEnd(), email.subject(), outFile == null ? "" : "; written to " + outFile);
            return 0;
        } catch (IOException e) {
            err.println("preview-edition: cannot write " + outFile + ": " + e.getMessage());
            return 1;
        } catch (StoreException | SdkException e) {
            err.println("preview-edition: " + e.getMessage() + Cli.causes(e.getCause()));
            return 1;
        }
    }

    /** The week's edition as the weekly run would compose it, through a store that cannot be written. */
    static Optional<Edition> compose(DynamoDbClient dynamoDb, EditionOptions options, int maxArticles, Instant scheduledAt) {
        Optional<news.articles.newsletter.EditionStore> stored = Optional.ofNullable(options.editionsTable)
                .map(table -> new DynamoDbEditionStore(dynamoDb, table));
        return new EditionComposer(new DynamoDbArticleStore(dynamoDb, options.articlesTable),
                EditionOptions.readOnly(stored), maxArticles, Clock.systemUTC()).compose(scheduledAt);
    }
}
