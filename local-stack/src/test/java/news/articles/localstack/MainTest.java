package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.tools.ProjectRoot;
import org.junit.jupiter.api.Test;

class MainTest {

    private static LocalStack.Options parse(String... args) {
        return Main.parse(List.of(args));
    }

    private static String failure(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> parse(args), String.join(" ", args)).getMessage();
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
        assertEquals("--port takes a number, not abc", failure("--port", "abc"));
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
                "--parameter-overrides", "SiteName=Local");

        assertEquals(new LocalStack.Options(ProjectRoot.require(), 4000, Map.of("SiteName", "Local"),
                Optional.of(Path.of("/tmp/env.json")), true), options);
    }

    @Test
    void helpAsksForTheUsage() {
        assertNull(parse("--help"));
        assertNull(parse("-h"));
        assertNull(parse("--port", "4000", "--help", "--no-such-option"));
    }

    @Test
    void anUnknownOptionOrArgumentIsRefused() {
        assertEquals("unknown option --verbose", failure("--verbose"));
        assertEquals("unknown option 3000", failure("3000"));
        assertEquals("unknown option --port=3000", failure("--port=3000"));
    }

    @Test
    void anOptionWithoutItsValueIsRefused() {
        assertEquals("--port needs a value", failure("--port"));
        assertEquals("--parameter-overrides needs a value", failure("--in-process", "--parameter-overrides"));
        assertEquals("--env-vars needs a value", failure("--env-vars"));
    }

    @Test
    void theUsageDescribesEveryOption() {
        for (String option : List.of("--port", "--parameter-overrides", "--env-vars", "--in-process")) {
            assertTrue(Main.USAGE.contains("\n  " + option + " "), option + " is not described:\n" + Main.USAGE);
        }
    }
}
