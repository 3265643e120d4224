package news.articles.localstack;

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
import java.util.Optional;
import news.articles.tools.ProjectRoot;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class MainTest {

    private static LocalStack.Options parse(String... args) {
        return Main.parse(List.of(args));
    }

    private static String failure(String... args) {
        return assertThrows(ParameterException.class, () -> parse(args), String.join(" ", args)).getMessage();
    }

    /** The command as bin/local runs it, for what ends before the stack starts: the usage, a wrong command line. */
    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }

    @Test
    void withoutOptionsPort3000NoOverridesNoEnvFileSeparateJvms() {
        LocalStack.Options options = parse();

        assertEquals(ProjectRoot.require(), options.root());
        assertEquals(3000, options.port());
        assertEquals(Map.of(), options.parameterOverrides());
        assertEquals(Optional.empty(), options.envVars());
        assertFalse(options.inProcess());
    }

    @Test
    void portTakesZeroToPickAFreeOneAndUpTo65535() {
        assertEquals(0, parse("--port", "0").port());
        assertEquals(65535, parse("--port", "65535").port());
        assertEquals(8080, parse("--port", "8080").port());
    }

    @Test
    void aPortOutOfRangeOrNotANumberIsRefused() {
        assertEquals("--port takes 0 to 65535", failure("--port", "-1"));
        assertEquals("--port takes 0 to 65535", failure("--port", "65536"));
        assertEquals("--site-port takes 0 to 65535", failure("--site-port", "65536"));
        assertEquals("Invalid value for option '--port': 'abc' is not an int", failure("--port", "abc"));
    }

    @Test
    void parameterOverridesAreParsedAsSamDeployDoes() {
        LocalStack.Options options = parse("--parameter-overrides", "SiteName='My site' SenderIdentity=example.com");

        assertEquals(Map.of("SiteName", "My site", "SenderIdentity", "example.com"), options.parameterOverrides());
    }

    @Test
    void parameterOverridesGivenTwiceAddUpTheLaterWinning() {
        LocalStack.Options options = parse("--parameter-overrides", "SiteName=One SenderIdentity=example.com",
                "--parameter-overrides", "SiteName=Two");

        assertEquals(Map.of("SiteName", "Two", "SenderIdentity", "example.com"), options.parameterOverrides());
    }

    @Test
    void badParameterOverridesAreRefused() {
        assertEquals("unclosed quote in the value of SiteName", failure("--parameter-overrides", "SiteName='My site"));
    }

    @Test
    void envVarsNamesTheFile() {
        assertEquals(Optional.of(Path.of("events/env.json")), parse("--env-vars", "events/env.json").envVars());
    }

    @Test
    void inProcessTakesNoValue() {
        LocalStack.Options options = parse("--in-process", "--port", "0");

        assertTrue(options.inProcess());
        assertEquals(0, options.port());
    }

    @Test
    void everyOptionTogether() {
        LocalStack.Options options = parse("--env-vars", "/tmp/env.json", "--in-process", "--port", "4000",
                "--site-port", "5200", "--parameter-overrides", "SiteName=Local");

        assertEquals(new LocalStack.Options(ProjectRoot.require(), 4000, 5200, Map.of("SiteName", "Local"),
                Optional.of(Path.of("/tmp/env.json")), true), options);
    }

    @Test
    void aValueMayFollowAnEqualsSign() {
        assertEquals(3001, parse("--port=3001").port());
        assertEquals(Map.of("SiteName", "Local"), parse("--parameter-overrides=SiteName=Local").parameterOverrides());
    }

    @Test
    void aRepeatedOptionTakesItsLastValue() {
        assertEquals(4001, parse("--port", "4000", "--port", "4001").port());
    }

    @Test
    void anUnknownOptionOrArgumentIsRefused() {
        assertEquals("Unknown option: '--verbose'", failure("--verbose"));
        assertEquals("Unmatched argument at index 0: '3000'", failure("3000"));
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertEquals("Missing required parameter for option '--port' (N)", failure("--port"));
        assertEquals("Missing required parameter for option '--parameter-overrides' ('Name=Value ...')",
                failure("--in-process", "--parameter-overrides"));
        assertEquals("Expected parameter for option '--env-vars' but found '--in-process'",
                failure("--env-vars", "--in-process"));
    }

    @Test
    void helpPrintsTheUsageWithEveryOptionAndStartsNothing() {
        for (String help : List.of("--help", "-h")) {
            Run run = run(help);

            assertEquals(0, run.status());
            assertTrue(run.out().startsWith("Usage: bin/local "), run.out());
            for (String option : List.of("--port=N", "--parameter-overrides='Name=Value ...'", "--env-vars=FILE",
                    "--in-process", "--help", "--version")) {
                assertTrue(run.out().contains(option), option + " is not described:\n" + run.out());
            }
            assertTrue(run.out().contains("(default: 3000;"), run.out());
            assertEquals("", run.err());
        }
    }

    @Test
    void anUnknownOptionFailsWithTheUsageAndStartsNothing() {
        Run run = run("--port", "0", "--verbose");

        assertEquals(2, run.status());
        assertEquals("bin/local: Unknown option: '--verbose'", run.err().lines().findFirst().orElseThrow());
        assertTrue(run.err().contains("Usage: bin/local "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
        assertEquals("", run.out());
    }

    @Test
    void aBadValueFailsInOneLineWithTheUsage() {
        Run run = run("--parameter-overrides", "SiteName='My site");

        assertEquals(2, run.status());
        assertEquals("bin/local: unclosed quote in the value of SiteName", run.err().lines().findFirst().orElseThrow());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }
}
