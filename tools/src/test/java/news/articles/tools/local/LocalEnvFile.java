package news.articles.tools.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import news.articles.tools.ProjectRoot;
import news.articles.tools.TestTables;

/**
 * A copy of the repository's events/env.json with fresh table names and sender, so that tests
 * sharing one moto never meet, while the file keeps the real one's shape.
 */
record LocalEnvFile(Path file, String articlesTable, String subscribersTable, String editionsTable, String sender) {

    static final Path REAL = ProjectRoot.require().resolve("events/env.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes the copy into {@code folder} as env.json. */
    static LocalEnvFile writeTo(Path folder) {
        String articles = TestTables.uniqueName("articles");
        String subscribers = TestTables.uniqueName("subscribers");
        String editions = TestTables.uniqueName("editions");
        String sender = TestTables.uniqueName("newsletter") + "@example.com";
        Map<String, String> replacements = Map.of(
                "ARTICLES_TABLE", articles, "SUBSCRIBERS_TABLE", subscribers, "EDITIONS_TABLE", editions,
                "SENDER_ADDRESS", sender);
        Path file = folder.resolve("env.json");
        try {
            JsonNode document = JSON.readTree(REAL.toFile());
            for (JsonNode section : document) {
                replacements.forEach((variable, value) -> {
                    if (section.has(variable)) {
                        ((ObjectNode) section).put(variable, value);
                    }
                });
            }
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LocalEnvFile(file, articles, subscribers, editions, sender);
    }
}
