package news.articles.tools.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A content file to write into a test's folder: valid front matter by default, each field replaceable as raw YAML. */
final class ContentFixture {

    private final String slug;
    private final Map<String, String> fields = new LinkedHashMap<>();
    private String fileName;
    private String body = "Some words for the body of the article.\n";

    private ContentFixture(String slug) {
        this.slug = slug;
        this.fileName = slug + ".md";
        fields.put("slug", slug);
        fields.put("title", "\"A title for " + slug + "\"");
        fields.put("summary", "\"A summary of " + slug + ".\"");
        fields.put("author", "Ada Writer");
        fields.put("section", "science");
        fields.put("tags", "[space, physics]");
        fields.put("publishedAt", "2025-03-01T09:00:00Z");
    }

    static ContentFixture article(String slug) {
        return new ContentFixture(slug);
    }

    /** Sets a front matter field to a raw YAML value. */
    ContentFixture with(String field, String yaml) {
        fields.put(field, yaml);
        return this;
    }

    ContentFixture without(String field) {
        fields.remove(field);
        return this;
    }

    ContentFixture body(String markdown) {
        this.body = markdown;
        return this;
    }

    ContentFixture fileName(String name) {
        this.fileName = name;
        return this;
    }

    String slug() {
        return slug;
    }

    String text() {
        StringBuilder text = new StringBuilder("---\n");
        fields.forEach((field, value) -> text.append(field).append(": ").append(value).append('\n'));
        return text.append("---\n\n").append(body).toString();
    }

    Path writeTo(Path folder) {
        Path file = folder.resolve(fileName);
        try {
            Files.writeString(file, text(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
