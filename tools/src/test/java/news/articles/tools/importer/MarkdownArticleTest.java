package news.articles.tools.importer;

import static news.articles.tools.importer.ContentFixture.article;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MarkdownArticleTest {

    @TempDir
    Path folder;

    @Test
    void readsEveryFieldOfAValidFile() {
        Path file = article("first-light")
                .with("title", "\"First light: a telescope opens its eye\"")
                .with("summary", ">\n  A folded summary\n  over two lines.")
                .with("tags", "[space, telescopes, jwst-2]")
                .with("publishedAt", "2025-03-01T09:00:00Z")
                .body("## What it saw\n\nA *faint* galaxy.\n\n| Filter | Hours |\n|---|---|\n| F200W | 12 |\n")
                .writeTo(folder);

        Article parsed = MarkdownArticle.read(file);

        assertAll(
                () -> assertEquals("first-light", parsed.slug()),
                () -> assertEquals("First light: a telescope opens its eye", parsed.title()),
                () -> assertEquals("A folded summary over two lines.", parsed.summary()),
                () -> assertEquals("Ada Writer", parsed.author()),
                () -> assertEquals("science", parsed.section()),
                () -> assertEquals(List.of("space", "telescopes", "jwst-2"), parsed.tags()),
                () -> assertEquals(ArticleStatus.PUBLISHED, parsed.status()),
                () -> assertEquals(Instant.parse("2025-03-01T09:00:00Z"), parsed.publishedAt()),
                () -> assertEquals(parsed.publishedAt(), parsed.updatedAt(), "updatedAt defaults to publishedAt"),
                () -> assertEquals(1, parsed.readingMinutes()),
                () -> assertTrue(parsed.bodyHtml().contains("<h2>What it saw</h2>"), parsed.bodyHtml()),
                () -> assertTrue(parsed.bodyHtml().contains("<em>faint</em>"), parsed.bodyHtml()),
                () -> assertTrue(parsed.bodyHtml().contains("<table>") && parsed.bodyHtml().contains("<td>F200W</td>"),
                        "GFM tables render: " + parsed.bodyHtml()));
    }

    @Test
    void takesQuotedAndUnquotedInstantsAndConvertsOffsetsToUtc() {
        Article quoted = MarkdownArticle.read(article("quoted")
                .with("publishedAt", "\"2025-03-01T09:00:00Z\"")
                .with("updatedAt", "'2025-03-02T10:30:00+02:00'")
                .writeTo(folder));
        Article unquoted = MarkdownArticle.read(article("unquoted")
                .with("publishedAt", "2025-03-01T09:00:00Z")
                .with("updatedAt", "2025-03-02T10:30:00+02:00")
                .writeTo(folder));
        Article explicitTimestamp = MarkdownArticle.read(article("tagged")
                .with("publishedAt", "!!timestamp 2025-03-01T09:00:00Z")
                .writeTo(folder));

        for (Article parsed : List.of(quoted, unquoted)) {
            assertEquals(Instant.parse("2025-03-01T09:00:00Z"), parsed.publishedAt(), parsed.slug());
            assertEquals(Instant.parse("2025-03-02T08:30:00Z"), parsed.updatedAt(), parsed.slug());
        }
        assertEquals(Instant.parse("2025-03-01T09:00:00Z"), explicitTimestamp.publishedAt());
    }

    @Test
    void aDraftIsReadAsADraft() {
        assertEquals(ArticleStatus.DRAFT,
                MarkdownArticle.read(article("unfinished").with("draft", "true").writeTo(folder)).status());
        assertEquals(ArticleStatus.PUBLISHED,
                MarkdownArticle.read(article("finished").with("draft", "false").writeTo(folder)).status());
    }

    @Test
    void acceptsTheLimitsThemselves() {
        String tags = IntStream.rangeClosed(1, DynamoDbArticleStore.MAX_TAGS)
                .mapToObj(i -> "tag-" + i).collect(Collectors.joining(", ", "[", "]"));
        Article parsed = MarkdownArticle.read(article("at-the-limits")
                .with("summary", "\"" + "s".repeat(MarkdownArticle.MAX_SUMMARY_LENGTH) + "\"")
                .with("tags", tags)
                .writeTo(folder));
        assertEquals(DynamoDbArticleStore.MAX_TAGS, parsed.tags().size());
        assertEquals(List.of(), MarkdownArticle.read(article("untagged").with("tags", "[]").writeTo(folder)).tags());
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreFine() throws IOException {
        Path file = folder.resolve("windows.md");
        Files.writeString(file, "\uFEFF" + article("windows").text().replace("\n", "\r\n"));
        assertEquals("windows", MarkdownArticle.read(file).slug());
    }

    static Stream<Arguments> invalidFrontMatter() {
        return Stream.of(
                Arguments.of("slug", article("x").without("slug"), "is required"),
                Arguments.of("title", article("x").without("title"), "is required"),
                Arguments.of("summary", article("x").without("summary"), "is required"),
                Arguments.of("author", article("x").without("author"), "is required"),
                Arguments.of("section", article("x").without("section"), "is required"),
                Arguments.of("tags", article("x").without("tags"), "is required"),
                Arguments.of("publishedAt", article("x").without("publishedAt"), "is required"),
                Arguments.of("title", article("x").with("title", "\"  \""), "must not be blank"),
                Arguments.of("author", article("x").with("author", "42"), "must be text"),
                Arguments.of("slug", article("x").with("slug", "Not_A_Slug").fileName("Not_A_Slug.md"),
                        "lower-case letters, digits and single hyphens"),
                Arguments.of("slug", article("x").with("slug", "other-name"), "name the file after the slug"),
                Arguments.of("summary", article("x").with("summary", "\"" + "s".repeat(281) + "\""), "is 281 characters"),
                Arguments.of("section", article("x").with("section", "Science"), "lower-case"),
                Arguments.of("tags", article("x").with("tags", "space"), "must be a list"),
                Arguments.of("tags", article("x").with("tags", "[Space]"), "\"Space\" is not a tag"),
                Arguments.of("tags", article("x").with("tags", "[deep space]"), "\"deep space\" is not a tag"),
                Arguments.of("tags", article("x").with("tags", "[space, space]"), "\"space\" is listed twice"),
                Arguments.of("tags", article("x").with("tags", IntStream.rangeClosed(1, DynamoDbArticleStore.MAX_TAGS + 1)
                        .mapToObj(i -> "t" + i).collect(Collectors.joining(", ", "[", "]"))), "at most 40"),
                Arguments.of("publishedAt", article("x").with("publishedAt", "2025-03-01"), "ISO-8601 instant"),
                Arguments.of("publishedAt", article("x").with("publishedAt", "2025-03-01T09:00:00"), "with a time zone"),
                Arguments.of("publishedAt", article("x").with("publishedAt", "yesterday"), "ISO-8601 instant"),
                Arguments.of("publishedAt", article("x").with("publishedAt", "2025-03-01T09:00:00.5Z"), "whole seconds"),
                Arguments.of("updatedAt", article("x").with("updatedAt", "2025-02-01T09:00:00Z"), "is before publishedAt"),
                Arguments.of("updatedAt", article("x").with("updatedAt", ""), "must not be empty"),
                Arguments.of("draft", article("x").with("draft", "maybe"), "must be true or false"),
                Arguments.of("subtitle", article("x").with("subtitle", "oops"), "is not a front matter field"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("invalidFrontMatter")
    void namesTheFileAndTheFieldOfEveryProblem(String field, ContentFixture fixture, String expected) {
        Path file = fixture.writeTo(folder);

        ContentException thrown = assertThrows(ContentException.class, () -> MarkdownArticle.read(file));

        assertEquals(1, thrown.problems().size(), thrown.getMessage());
        String problem = thrown.problems().get(0);
        assertTrue(problem.startsWith(file + ": " + field + " "), problem);
        assertTrue(problem.contains(expected), problem);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "no front matter at all\n",
        "---\nslug: x\ntitle: never closed\n",
        "---\nslug: [unclosed\n---\nbody\n",
        "---\nslug: x\nslug: x\n---\nbody\n",
        "---\n- a list\n---\nbody\n",
    })
    void rejectsAFileWithoutWellFormedFrontMatter(String text) throws IOException {
        Path file = folder.resolve("x.md");
        Files.writeString(file, text);

        ContentException thrown = assertThrows(ContentException.class, () -> MarkdownArticle.read(file));

        assertTrue(thrown.getMessage().startsWith(file + ": "), thrown.getMessage());
    }

    @Test
    void rejectsAnEmptyBody() {
        Path file = article("x").body("\n  \n").writeTo(folder);
        ContentException thrown = assertThrows(ContentException.class, () -> MarkdownArticle.read(file));
        assertEquals(List.of(file + ": has no body after the front matter"), thrown.problems());
    }

    @Test
    void reportsEveryProblemOfAFileAtOnce() {
        Path file = article("x").without("title").with("tags", "[Bad]").with("draft", "1").writeTo(folder);
        ContentException thrown = assertThrows(ContentException.class, () -> MarkdownArticle.read(file));
        assertEquals(3, thrown.problems().size(), thrown.getMessage());
    }

    @Test
    void escapesRawHtmlAndDropsUnsafeUrls() {
        String html = MarkdownArticle.renderHtml(String.join("\n",
                "<script>alert('block')</script>",
                "",
                "Inline <b onclick=\"steal()\">bold</b> and <img src=x onerror=alert(1)>.",
                "",
                "[click](javascript:alert(1)) [mail](mailto:desk@example.com) [web](https://example.com/a?b=1&c=2)",
                "",
                "![pic](javascript:alert(2))"));

        assertAll(
                () -> assertFalse(html.contains("<script"), html),
                () -> assertTrue(html.contains("&lt;script&gt;"), html),
                () -> assertFalse(html.contains("<b "), html),
                () -> assertTrue(html.contains("&lt;b onclick="), html),
                () -> assertFalse(html.contains("<img src=\"x\""), html),
                () -> assertFalse(html.contains("javascript:"), html),
                () -> assertTrue(html.contains("href=\"mailto:desk@example.com\""), html),
                () -> assertTrue(html.contains("href=\"https://example.com/a?b=1&amp;c=2\""), html),
                () -> assertFalse(html.contains("target="), "links are left as written: " + html));
    }

    @Test
    void readingTimeIsWordsOverTwoHundredThirtyRoundedUp() {
        assertEquals(1, MarkdownArticle.readingMinutes("one"));
        assertEquals(1, MarkdownArticle.readingMinutes(words(230)));
        assertEquals(2, MarkdownArticle.readingMinutes(words(231)));
        assertEquals(2, MarkdownArticle.readingMinutes(words(460)));
        assertEquals(3, MarkdownArticle.readingMinutes(words(461)));
    }

    @Test
    void readingTimeCountsWhatAReaderSeesNotMarkupOrUrls() {
        // 230 words of text split over markup, then a link whose long URL adds nothing, and dashes that are no words.
        String markdown = "# " + words(10) + "\n\n- " + words(100) + "\n- *" + words(100) + "*\n\n"
                + "[" + words(20) + "](https://example.com/" + "very/".repeat(100) + ") - -- —\n";
        assertEquals(1, MarkdownArticle.readingMinutes(markdown));
        assertEquals(2, MarkdownArticle.readingMinutes(markdown + "\none more"));
    }

    @Test
    void theArticleCarriesTheReadingTimeOfItsBody() {
        Article parsed = MarkdownArticle.read(article("long-read").body(words(1000)).writeTo(folder));
        assertEquals(5, parsed.readingMinutes());
    }

    private static String words(int count) {
        return IntStream.range(0, count).mapToObj(i -> "word" + i).collect(Collectors.joining(" "));
    }
}
