package news.articles.tools.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbEditionStore;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import news.articles.tools.template.TableProvisioner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** PreviewEdition and SendTestEdition, run in-process against moto: what they compose, write and send, and that they store nothing. */
@ExtendWith(MotoExtension.class)
class EditorsCommandsTest {

    /** Friday 2026-11-20 09:00 UTC: the default schedule's run of week 2026-W47. */
    private static final Instant SCHEDULED = Instant.parse("2026-11-20T09:00:00Z");
    private static final Map<String, String> BARE_ENVIRONMENT = Map.of();

    @TempDir
    Path folder;

    private final MotoServer moto;
    private final DynamoDbClient dynamoDb;
    private final String articles;
    private final String editions;
    private final String sender = TestTables.uniqueName("newsletter") + "@example.com";

    EditorsCommandsTest(MotoServer moto) {
        this.moto = moto;
        this.dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        this.articles = TestTables.createArticlesTable(dynamoDb);
        this.editions = TestTables.uniqueName("editions");
        TableProvisioner.createTable(dynamoDb, TestTables.template().table("EditionsTable").orElseThrow(), editions);
        DynamoDbArticleStore store = new DynamoDbArticleStore(dynamoDb, articles);
        store.save(article("chips-race", "Chip makers <race>", ArticleStatus.PUBLISHED, SCHEDULED.minus(Duration.ofDays(2))));
        store.save(article("late-news", "Late news", ArticleStatus.PUBLISHED, SCHEDULED.minus(Duration.ofHours(3))));
        store.save(article("last-month", "Last month", ArticleStatus.PUBLISHED, SCHEDULED.minus(Duration.ofDays(30))));
        store.save(article("a-draft", "A draft", ArticleStatus.DRAFT, SCHEDULED.minus(Duration.ofDays(1))));
        store.save(article("far-future", "Far future", ArticleStatus.PUBLISHED, Instant.parse("2099-01-01T00:00:00Z")));
        try (var ses = MotoClients.sesV2(moto.endpoint())) {
            ses.createEmailIdentity(request -> request.emailIdentity(sender));
        }
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void aPreviewOfAWeekIsTheEmailAsTheWeeklyRunWouldComposeItAndStoresNothing() throws IOException {
        Path file = folder.resolve("edition.html");

        Run run = preview("--week", "2026-W47", "--table", articles, "--editions-table", editions, "--out", file.toString());

        assertEquals(0, run.status, run.err);
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!doctype html>"), html);
        assertTrue(html.contains("Chip makers &lt;race&gt;") && html.contains("Late news"), html);
        assertFalse(html.contains("Last month") || html.contains("A draft") || html.contains("Far future"), html);
        assertTrue(html.contains("utm_campaign=2026-W47"));
        assertTrue(html.contains("https://news.example.com/newsletter/2026-W47"), "view in browser");
        assertEquals(List.of("edition 2026-W47: 2 articles published from 2026-11-13T09:00:00Z to 2026-11-20T09:00:00Z;"
                + " subject: The Newsroom weekly, week 47 of 2026: Late news; written to " + file), run.outLines());
        assertEquals(0, dynamoDb.scan(request -> request.tableName(editions)).count(), "nothing stored");
    }

    @Test
    void aTextPreviewGoesToStdoutAndTheReportToStderr() {
        Run run = preview("--scheduled-time", SCHEDULED.toString(), "--table", articles, "--format", "text",
                "--site-name", "Daily Bits");

        assertEquals(0, run.status, run.err);
        assertTrue(run.out.startsWith("View this email in your browser: https://news.example.com/newsletter/2026-W47\n"),
                run.out);
        assertTrue(run.out.contains("Daily Bits weekly, week 47 of 2026\n"), run.out);
        assertTrue(run.out.contains("Chip makers <race>\n"), run.out);
        assertTrue(run.err.startsWith("edition 2026-W47: 2 articles"), run.err);
    }

    @Test
    void theWindowStartsWhereTheStoredPreviousEditionEnded() {
        Instant previousEnd = SCHEDULED.minus(Duration.ofDays(1));
        new DynamoDbEditionStore(dynamoDb, editions).create(new Edition(new EditionId("2026-W46"), previousEnd,
                previousEnd.minus(Duration.ofDays(7)), previousEnd, previousEnd,
                List.of(article("older", "Older", ArticleStatus.PUBLISHED, previousEnd.minus(Duration.ofDays(2))).summarize())));

        Run withEditions = preview("--week", "2026-W47", "--table", articles, "--editions-table", editions, "--format", "text");
        Run without = preview("--week", "2026-W47", "--table", articles, "--format", "text");

        assertTrue(withEditions.out.contains("Late news") && !withEditions.out.contains("Chip makers"), withEditions.out);
        assertTrue(without.out.contains("Late news") && without.out.contains("Chip makers"), without.out);
        assertEquals(1, dynamoDb.scan(request -> request.tableName(editions)).count(), "still only the one stored by the test");
    }

    @Test
    void aWeekWithNothingNewHasNoPreview() {
        Run run = preview("--week", "2026-W30", "--table", articles);

        assertEquals(1, run.status);
        assertEquals("preview-edition: no edition for 2026-W30: nothing published in its window before"
                + " 2026-07-24T09:00:00Z", run.err.strip());
        assertEquals("", run.out);
    }

    @Test
    void aWrongCommandLineIsOneLineAndTheUsage() {
        Run both = preview("--week", "2026-W47", "--scheduled-time", SCHEDULED.toString(), "--table", articles);
        Run badWeek = preview("--week", "2026-47", "--table", articles);
        Run badTime = preview("--scheduled-time", "next friday", "--table", articles);

        assertEquals(2, both.status);
        assertTrue(both.err.startsWith("preview-edition: Error: --week=WEEK, --scheduled-time=INSTANT are mutually exclusive"),
                both.err);
        assertEquals(2, badWeek.status);
        assertTrue(badWeek.err.startsWith("preview-edition: --week must be an ISO week such as 2026-W47, was 2026-47"),
                badWeek.err);
        assertEquals(2, badTime.status);
        assertTrue(badTime.err.startsWith("preview-edition: --scheduled-time must be an ISO-8601 instant"), badTime.err);
    }

    @Test
    void aTestSendMailsOneMarkedEmailToTheOneAddressAndStoresNothing() {
        String to = TestTables.uniqueName("editor") + "@example.org";

        Run run = send("--week", "2026-W47", "--table", articles, "--editions-table", editions, "--to", to,
                "--sender", sender);

        assertEquals(0, run.status, run.err);
        List<SentEmail> sent = moto.sentEmails().stream().filter(mail -> mail.to().contains(to)).toList();
        assertEquals(1, sent.size());
        assertEquals("[TEST] The Newsroom weekly, week 47 of 2026: Late news", sent.get(0).subject());
        assertEquals(sender, sent.get(0).source());
        assertEquals(List.of("sent the test email of edition 2026-W47 (2 articles) to the given address;"
                + " subject: [TEST] The Newsroom weekly, week 47 of 2026: Late news"), run.outLines());
        assertFalse(run.out.contains(to) || run.err.contains(to), "no address in the output");
        assertEquals(0, dynamoDb.scan(request -> request.tableName(editions)).count(), "nothing stored");
    }

    @Test
    void aTestSendFromAnUnverifiedSenderFailsAndSendsNothing() {
        String to = TestTables.uniqueName("editor") + "@example.org";

        Run run = send("--week", "2026-W47", "--table", articles, "--to", to, "--sender", "unverified-" + sender);

        assertEquals(1, run.status);
        assertTrue(run.err.startsWith("send-test-edition: SES did not accept the message"), run.err);
        assertTrue(moto.sentEmails().stream().noneMatch(mail -> mail.to().contains(to)));
    }

    @Test
    void aTestSendNeedsOneValidAddress() {
        Run run = send("--week", "2026-W47", "--table", articles, "--to", "not an address", "--sender", sender);

        assertEquals(2, run.status);
        assertTrue(run.err.startsWith("send-test-edition: --to must be an email address"), run.err);
    }

    private static Article article(String slug, String title, ArticleStatus status, Instant publishedAt) {
        return new Article(slug, title, "Summary of " + slug, "<p>Body</p>", "Ada Writer", "technology", List.of("chips"),
                status, publishedAt, publishedAt, 4);
    }

    private Run preview(String... args) {
        return run(true, args);
    }

    private Run send(String... args) {
        return run(false, args);
    }

    private Run run(boolean preview, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--endpoint", moto.endpoint().toString(), "--region", "us-east-1", "--site-url",
                "https://news.example.com"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        int status = preview
                ? PreviewEdition.run(all, BARE_ENVIRONMENT, outStream, errStream)
                : SendTestEdition.run(all, BARE_ENVIRONMENT, outStream, errStream);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }
}
