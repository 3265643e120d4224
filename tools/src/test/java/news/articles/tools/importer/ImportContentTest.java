package news.articles.tools.importer;

import static news.articles.tools.importer.ContentFixture.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import news.articles.tools.ProjectRoot;
import news.articles.tools.TestTables;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The command line, run in-process against moto with an environment of the test's choosing. */
@ExtendWith(MotoExtension.class)
class ImportContentTest {

    /** No AWS variables at all: a developer's shell without credentials. */
    private static final Map<String, String> BARE_ENVIRONMENT = Map.of();

    @TempDir
    Path folder;

    private final MotoServer moto;
    private final DynamoDbClient dynamoDb;
    private final String table = TestTables.uniqueName("cli");

    ImportContentTest(MotoServer moto) {
        this.moto = moto;
        this.dynamoDb = MotoClients.dynamoDb(moto.endpoint());
    }

    @AfterEach
    void closeClient() {
        dynamoDb.close();
    }

    @Test
    void createsTheTableImportsAndReportsEachFileThenFindsNothingToDo() {
        article("alpha").writeTo(folder);
        article("beta").with("draft", "true").writeTo(folder);

        Run first = run("--table", table, "--content", folder.toString(), "--endpoint", endpoint(),
                "--region", "us-east-1", "--create-table");

        assertEquals(0, first.status, first.err);
        assertEquals(List.of(
                "table " + table + " created as " + ProjectRoot.require().resolve("template.yaml")
                        + " declares ArticlesTable",
                "created   alpha",
                "created   beta (draft)",
                "2 articles from " + folder + " into " + table + ": 2 created, 0 updated, 0 unchanged (1 draft)"),
                first.outLines());
        assertEquals("", first.err);

        Run second = run("--table", table, "--content", folder.toString(), "--endpoint", endpoint(),
                "--region", "us-east-1", "--create-table");

        assertEquals(0, second.status, second.err);
        assertEquals(List.of(
                "table " + table + " exists",
                "unchanged alpha",
                "unchanged beta (draft)",
                "2 articles from " + folder + " into " + table + ": 0 created, 0 updated, 2 unchanged (1 draft)"),
                second.outLines());
    }

    @Test
    void takesTheRegionFromTheEnvironment() {
        article("alpha").writeTo(folder);
        String existing = createTable();

        Run run = run(Map.of("AWS_DEFAULT_REGION", "us-east-1"),
                "--table", existing, "--content", folder.toString(), "--endpoint", endpoint());

        assertEquals(0, run.status, run.err);
        assertTrue(run.out.contains("created   alpha"), run.out);
    }

    @Test
    void invalidContentWritesNothingAndListsEveryProblem() {
        article("good").writeTo(folder);
        Path bad = article("bad").with("summary", "\"" + "x".repeat(300) + "\"").writeTo(folder);

        Run run = run("--table", table, "--content", folder.toString(), "--endpoint", endpoint(),
                "--region", "us-east-1", "--create-table");

        assertEquals(1, run.status);
        assertTrue(run.err.contains("nothing was imported"), run.err);
        assertTrue(run.err.contains(bad + ": summary is 300 characters long"), run.err);
        assertEquals("", run.out);
        assertThrows(ResourceNotFoundException.class, () -> dynamoDb.describeTable(request -> request.tableName(table)),
                "content is checked before the table is even created");
    }

    @Test
    void aMissingTableFailsWithTheReason() {
        article("alpha").writeTo(folder);

        Run run = run("--table", table, "--content", folder.toString(), "--endpoint", endpoint(),
                "--region", "us-east-1");

        assertEquals(1, run.status);
        assertTrue(run.err.contains("could not save alpha"), run.err);
        assertTrue(run.err.contains("caused by: Requested resource not found"), run.err);
        assertTrue(run.err.contains("0 of 1 articles were saved before the failure"), run.err);
    }

    @Test
    void badCommandLinesExitWithTwoAndTheUsage() {
        article("alpha").writeTo(folder);
        Map<String, List<String>> cases = Map.of(
                "Missing required option: '--table=NAME'", List.of("--region", "us-east-1"),
                "no region", List.of("--table", "t"),
                "Unknown options: '--tabel', 't'", List.of("--tabel", "t"),
                "Missing required parameter for option '--table' (NAME)", List.of("--table"),
                "--table needs a value", List.of("--table", " ", "--region", "us-east-1"),
                "--create-table needs --endpoint", List.of("--table", "t", "--region", "us-east-1", "--create-table"),
                "--template is only read with --create-table",
                        List.of("--table", "t", "--region", "us-east-1", "--template", "template.yaml"),
                "Invalid value for option '--endpoint': must be an http(s) URL",
                        List.of("--table", "t", "--region", "us-east-1", "--endpoint", "moto"));
        cases.forEach((message, args) -> {
            Run run = run(args.toArray(String[]::new));
            assertEquals(2, run.status, message);
            assertTrue(run.err.startsWith("import-content: " + message), run.err);
            assertTrue(run.err.contains("Usage:"), run.err);
            assertFalse(run.err.contains("\tat "), "no stack trace:\n" + run.err);
            assertEquals("", run.out);
        });
    }

    @Test
    void aMistypedOptionIsReportedBeforeTheRequiredOneItReplacesAndTheRightOneSuggested() {
        Run run = run("--tabel", "t", "--region", "us-east-1");

        assertEquals(2, run.status);
        assertEquals(List.of("import-content: Unknown options: '--tabel', 't'", "Possible solutions: --table"),
                run.err.lines().limit(2).toList());
    }

    @Test
    void aMissingOrEmptyContentFolderIsAnError() {
        Run missing = run("--table", "t", "--region", "us-east-1", "--content", folder.resolve("nope").toString());
        assertEquals(1, missing.status);
        assertTrue(missing.err.contains("is not a folder"), missing.err);

        Run empty = run("--table", "t", "--region", "us-east-1", "--content", folder.toString());
        assertEquals(1, empty.status);
        assertTrue(empty.err.contains("holds no .md files"), empty.err);
    }

    @Test
    void helpPrintsTheUsageWithEveryOption() {
        for (String help : List.of("--help", "-h")) {
            Run run = run(help);

            assertEquals(0, run.status);
            assertTrue(run.out.startsWith("Usage: java -jar tools/target/tools-1.0.0-SNAPSHOT.jar --table=NAME"), run.out);
            for (String option : List.of("--table=NAME", "--content=DIR", "--region=REGION", "--endpoint=URL",
                    "--create-table", "--template=FILE", "--help", "--version")) {
                assertTrue(run.out.contains(option), option + " is not described:\n" + run.out);
            }
            assertEquals("", run.err);
        }
    }

    private String createTable() {
        return TestTables.createArticlesTable(dynamoDb);
    }

    private String endpoint() {
        return moto.endpoint().toString();
    }

    private Run run(String... args) {
        return run(BARE_ENVIRONMENT, args);
    }

    private static Run run(Map<String, String> environment, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportContent.run(List.of(args), environment,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }
    }
}
