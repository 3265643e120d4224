package news.articles.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

/** bin/benchmark's command line; nothing here runs a benchmark. */
class MainTest {

    @Test
    void withoutOptionsTwentyRoundsWarmAndRecorded() {
        Main main = Main.parse();

        assertEquals(20, main.runs);
        assertEquals("", main.label);
        assertFalse(main.noWarm);
        assertFalse(main.noResults);
        assertEquals("", main.extraToolOptions);
        assertNull(main.baselineClasses);
        assertFalse(main.snapStart);
    }

    @Test
    void everyOptionAsTheReadmeWritesIt() {
        Main main = Main.parse("--runs", "40", "--label", "what this run tries", "--no-warm", "--no-results",
                "--java-tool-options", "-XX:+UseSerialGC -Dfoo=bar", "--baseline-classes", "/tmp/before", "--snapstart");

        assertEquals(40, main.runs);
        assertEquals("what this run tries", main.label);
        assertTrue(main.noWarm);
        assertTrue(main.noResults);
        assertEquals("-XX:+UseSerialGC -Dfoo=bar", main.extraToolOptions, "a value may start with a dash");
        assertEquals(Path.of("/tmp/before"), main.baselineClasses);
        assertTrue(main.snapStart);
    }

    @Test
    void runsIsAWholeNumberFromOne() {
        assertEquals("--runs takes a whole number from 1, not 0",
                assertThrows(ParameterException.class, () -> Main.parse("--runs", "0")).getMessage());
        assertEquals("Invalid value for option '--runs': 'many' is not an int",
                assertThrows(ParameterException.class, () -> Main.parse("--runs", "many")).getMessage());
    }

    @Test
    void helpPrintsTheUsageWithEveryOption() {
        for (String help : List.of("--help", "-h")) {
            Run run = run(help);

            assertEquals(0, run.status());
            assertTrue(run.out().startsWith("Usage: bin/benchmark "), run.out());
            for (String option : List.of("--runs=N", "--label=TEXT", "--no-warm", "--no-results",
                    "--java-tool-options=OPTIONS", "--baseline-classes=DIR", "--snapstart", "--help", "--version")) {
                assertTrue(run.out().contains(option), option + " is not described:\n" + run.out());
            }
            assertEquals("", run.err());
        }
    }

    @Test
    void anUnknownOptionFailsWithTheUsageAndRunsNothing() {
        Run run = run("--runs", "3", "--warm");

        assertEquals(2, run.status());
        assertEquals("bin/benchmark: Unknown option: '--warm'", run.err().lines().findFirst().orElseThrow());
        assertTrue(run.err().contains("Usage: bin/benchmark "), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace:\n" + run.err());
        assertEquals("", run.out());
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }
}
