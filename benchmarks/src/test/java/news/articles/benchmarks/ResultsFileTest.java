package news.articles.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {

    @TempDir
    Path folder;

    @Test
    void eachRunGoesFirstAndEarlierOnesStay() throws IOException {
        Path results = folder.resolve("results.md");
        Main.writeResults(results, "## run 1\n\nfirst\n");
        Main.writeResults(results, "## run 2\n\nsecond\n");
        String text = Files.readString(results);
        assertTrue(text.startsWith("# Benchmark results\n"), text);
        assertTrue(text.indexOf("## run 2") < text.indexOf("## run 1"), text);
        assertEquals(1, text.split("# Benchmark results", -1).length - 1, text);
    }

    @Test
    void theIntroductionAboveTheRunsIsKept() throws IOException {
        Path results = folder.resolve("results.md");
        Files.writeString(results, "# Benchmark results\n\nintro\n\n### notes\n\nkept\n\n## old run\n\nold\n");
        Main.writeResults(results, "## new run\n\nnew\n");
        assertEquals("# Benchmark results\n\nintro\n\n### notes\n\nkept\n\n## new run\n\nnew\n\n## old run\n\nold\n",
                Files.readString(results));
    }
}
