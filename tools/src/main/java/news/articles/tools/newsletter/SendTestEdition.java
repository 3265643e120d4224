package news.articles.tools.newsletter;

import java.io.PrintStream;
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
import news.articles.mail.MailException;
import news.articles.mail.ses.SesMailer;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.NewsletterEmail;
import news.articles.subscription.EmailAddress;
import news.articles.tools.Cli;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Command line: a week's edition, composed as {@link PreviewEdition} composes it, sent through SES
 * to one address with a subject marked as a test. Stores nothing: no edition, no delivery, no
 * subscriber; its unsubscribe link leads to the unsubscribe page without a token.
 */
@Command(name = "send-test-edition", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        customSynopsis = "java -cp 'tools/target/tools-1.0.0-SNAPSHOT.jar:tools/target/lib/*'"
                + " news.articles.tools.newsletter.SendTestEdition (--week=WEEK | --scheduled-time=INSTANT)"
                + " --table=NAME --site-url=URL --to=ADDRESS --sender=ADDRESS [OPTIONS]",
        description = {
            "Composes the edition of a week from the Articles table, as the weekly run would at that scheduled time,"
                    + " and sends its email to one address through SES, the subject starting with " + SendTestEdition.MARK
                    + ". Stores nothing: the edition, deliveries and subscribers are left as they are.",
            ""},
        footer = {
            "",
            "Against AWS the SDK's default credentials chain applies; the sender must be verified in SES (and, in the"
                    + " SES sandbox, the recipient too).",
            "Exit status: 0 when SES accepted the email, 1 when the week has no edition or AWS failed, 2 for a wrong"
                    + " command line."})
public final class SendTestEdition implements Callable<Integer> {

    static final String MARK = "[TEST]";

    @Mixin
    EditionOptions edition;

    @Option(names = "--to", paramLabel = "ADDRESS", required = true, description = "the one address to send it to")
    String to;

    @Option(names = "--sender", paramLabel = "ADDRESS", required = true,
            description = "the From address, verified in SES (the stack's SenderAddress)")
    String sender;

    @Option(names = "--configuration-set", paramLabel = "NAME",
            description = "the SES configuration set to send through (the stack's EmailConfigurationSet)")
    String configurationSet;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;

    private SendTestEdition(Map<String, String> environment, PrintStream out, PrintStream err) {
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
        return Cli.execute(new SendTestEdition(environment, out, err), out, err, args);
    }

    @Override
    public Integer call() {
        Instant scheduledAt = edition.scheduledTime();
        SiteLinks links = new SiteLinks(edition.site());
        int maxArticles = edition.checkedMaxArticles();
        String recipient = address(to, "--to");
        String from = address(sender, "--sender");
        AwsSettings aws = edition.aws(environment);
        try (DynamoDbClient dynamoDb = AwsClients.dynamoDb(aws); SesV2Client ses = AwsClients.sesV2(aws)) {
            Optional<Edition> composed = PreviewEdition.compose(dynamoDb, edition, maxArticles, scheduledAt);
            if (composed.isEmpty()) {
                err.println("send-test-edition: no edition for " + EditionId.forWeekOf(scheduledAt) + ": nothing published"
                        + " in its window before " + scheduledAt + "; nothing sent");
                return 1;
            }
            EmailMessage email = new NewsletterEmail(edition.siteName, links)
                    .render(composed.get(), recipient, links.unsubscribePage());
            EmailMessage test = new EmailMessage(email.to(), MARK + " " + email.subject(), email.html(), email.text(),
                    email.unsubscribeUrl(), email.listId());
            new SesMailer(ses, from, Optional.ofNullable(configurationSet).filter(name -> !name.isBlank())).send(test);
            // Not the address: what this prints may end up in a CI log.
            out.printf(Locale.ROOT, "sent the test email of edition %s (%d articles) to the given address; subject: %s%n",
                    composed.get().id(), composed.get().articles().size(), test.subject());
            return 0;
        } catch (MailException e) {
            err.println("send-test-edition: " + e.getMessage() + "; nothing was stored");
            return 1;
        } catch (StoreException | SdkException e) {
            err.println("send-test-edition: " + e.getMessage() + Cli.causes(e.getCause()));
            return 1;
        }
    }

    private String address(String value, String option) {
        try {
            return EmailAddress.parse(value).value();
        } catch (RuntimeException e) {
            throw new ParameterException(edition.spec.commandLine(), option + " must be an email address");
        }
    }
}
