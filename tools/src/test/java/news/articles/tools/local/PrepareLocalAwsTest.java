package news.articles.tools.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import news.articles.tools.ProjectRoot;
import news.articles.tools.importer.ContentImporter;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process: against moto, and against nothing at all. */
@ExtendWith(MotoExtension.class)
class PrepareLocalAwsTest {

    @TempDir
    Path folder;

    private final MotoServer moto;

    PrepareLocalAwsTest(MotoServer moto) {
        this.moto = moto;
    }

    @Test
    void preparesMotoThenFindsEverythingInPlace() {
        LocalEnvFile env = LocalEnvFile.writeTo(folder);
        int articles = ContentImporter.contentFiles(ProjectRoot.require().resolve("content")).size();

        Run first = run("--endpoint", endpoint(), "--env-file", env.file().toString());

        assertEquals(0, first.status, first.err);
        assertEquals(List.of(
                "table " + env.articlesTable() + " (ArticlesTable) created",
                "table " + env.subscribersTable() + " (SubscribersTable) created",
                "table " + env.editionsTable() + " (EditionsTable) created",
                "sender verified in SES: " + env.sender(),
                "content: " + articles + " articles, " + articles + " created, 0 updated, 0 unchanged"),
                first.outLines());
        assertEquals("", first.err);

        Run second = run("--env-file", env.file().toString(), "--endpoint", endpoint());

        assertEquals(0, second.status, second.err);
        assertEquals(List.of(
                "table " + env.articlesTable() + " (ArticlesTable) exists",
                "table " + env.subscribersTable() + " (SubscribersTable) exists",
                "table " + env.editionsTable() + " (EditionsTable) exists",
                "sender verified in SES: " + env.sender(),
                "content: " + articles + " articles, 0 created, 0 updated, " + articles + " unchanged"),
                second.outLines());
    }

    @Test
    void aMotoThatIsNotRunningIsOneLineAndNoStackTrace() {
        LocalEnvFile env = LocalEnvFile.writeTo(folder);
        int port = unusedPort();

        Run run = run("--endpoint", "http://127.0.0.1:" + port, "--env-file", env.file().toString());

        assertEquals(1, run.status);
        assertEquals(List.of("prepare-local-aws: nothing answers at http://127.0.0.1:" + port
                + " (Connection refused); start moto first: moto_server -H 127.0.0.1 -p " + port), run.errLines());
        assertEquals("", run.out);
    }

    /** The file is read and found valid before moto is called: the failure is moto's, not the file's. */
    @Test
    void withoutEnvFileItReadsTheRepositorysEventsEnvJson() {
        int port = unusedPort();

        Run run = run("--endpoint", "http://127.0.0.1:" + port);

        assertEquals(1, run.status);
        assertTrue(run.err.startsWith("prepare-local-aws: nothing answers at http://127.0.0.1:" + port), run.err);
    }

    @Test
    void anEnvFileItCannotUseIsOneLineNamingIt() throws IOException {
        Path missing = folder.resolve("missing.json");
        Path broken = Files.writeString(folder.resolve("broken.json"), "{\"Parameters\": {\"ARTICLES_TABLE\": }}");
        Path array = Files.writeString(folder.resolve("array.json"), "[]");
        Map<Path, String> cases = Map.of(
                missing, "prepare-local-aws: there is no env file " + missing,
                broken, "prepare-local-aws: " + broken + " is not valid JSON (line 1, column ",
                array, "prepare-local-aws: " + array + " must hold a JSON object",
                folder, "prepare-local-aws: cannot read the env file " + folder + ": ");
        cases.forEach((file, message) -> {
            Run run = run("--endpoint", endpoint(), "--env-file", file.toString());
            assertEquals(1, run.status, message);
            assertEquals(1, run.errLines().size(), run.err);
            assertTrue(run.err.startsWith(message), run.err);
            assertEquals("", run.out);
        });
    }

    @Test
    void anEnvFileThatNamesNoTableForATemplateTableFails() throws IOException {
        Path partial = Files.writeString(folder.resolve("env.json"), "{\"Parameters\": {\"ARTICLES_TABLE\": \"a\"}}");

        Run run = run("--endpoint", endpoint(), "--env-file", partial.toString());

        assertEquals(1, run.status);
        assertTrue(run.err.startsWith("prepare-local-aws: the env file names no table for SubscribersTable"), run.err);
    }

    @Test
    void badCommandLinesExitWithTwoAndTheUsage() {
        List<Map.Entry<String, List<String>>> cases = List.of(
                Map.entry("Missing required option: '--endpoint=URL'", List.of()),
                Map.entry("Missing required option: '--endpoint=URL'", List.of("--env-file", "events/env.json")),
                Map.entry("Unknown options: '--endpiont', 'http://127.0.0.1:5000'", List.of("--endpiont", "http://127.0.0.1:5000")),
                Map.entry("Missing required parameter for option '--endpoint' (URL)", List.of("--endpoint")),
                Map.entry("Expected parameter for option '--env-vars' but found '--help'",
                        List.of("--endpoint", "http://127.0.0.1:5000", "--env-file", "--help")),
                Map.entry("Invalid value for option '--endpoint': must be an http(s) URL",
                        List.of("--endpoint", "127.0.0.1:5000")),
                Map.entry("Unmatched argument at index 2: 'extra'", List.of("--endpoint", "http://127.0.0.1:5000", "extra")));
        cases.forEach(entry -> {
            String message = entry.getKey();
            Run run = run(entry.getValue().toArray(String[]::new));
            assertEquals(2, run.status, message);
            assertTrue(run.err.startsWith("prepare-local-aws: " + message), run.err);
            assertTrue(run.err.contains("Usage:"), run.err);
            assertFalse(run.err.contains("\tat "), "no stack trace:\n" + run.err);
            assertEquals("", run.out);
        });
    }

    /** bin/local's name for a sam local env file; --env-file, this command's first name for it, still works. */
    @Test
    void envVarsNamesTheEnvFileAsInBinLocal() {
        int port = unusedPort();
        Path missing = folder.resolve("missing.json");

        Run run = run("--endpoint", "http://127.0.0.1:" + port, "--env-vars", missing.toString());

        assertEquals(1, run.status);
        assertEquals(List.of("prepare-local-aws: there is no env file " + missing), run.errLines());
    }

    @Test
    void helpPrintsTheUsageWithEveryOption() {
        for (String help : List.of("--help", "-h")) {
            Run run = run(help);

            assertEquals(0, run.status);
            assertTrue(run.out.startsWith("Usage: java -cp"), run.out);
            for (String option : List.of("--endpoint=URL", "--env-vars, --env-file=FILE", "--help", "--version")) {
                assertTrue(run.out.contains(option), option + " is not described:\n" + run.out);
            }
            assertEquals("", run.err);
        }
    }

    private String endpoint() {
        return moto.endpoint().toString();
    }

    /** A loopback port that nothing listens on: bound, then let go. */
    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = PrepareLocalAws.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {

        List<String> outLines() {
            return out.lines().toList();
        }

        List<String> errLines() {
            return err.lines().toList();
        }
    }
}
