package news.articles.tools.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.article.Slug;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a content file, YAML front matter between {@code ---} lines and then a Markdown body,
 * into an {@link Article} whose body is rendered to HTML here, once, rather than on every request.
 */
public final class MarkdownArticle {

    public static final String EXTENSION = ".md";
    public static final int MAX_SUMMARY_LENGTH = 280;
    public static final int WORDS_PER_MINUTE = 230;

    private static final String DELIMITER = "---";
    private static final List<String> FIELDS = List.of(
            "slug", "title", "summary", "author", "section", "tags", "publishedAt", "updatedAt", "draft");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());
    private static final Parser PARSER = Parser.builder().extensions(EXTENSIONS).build();
    /**
     * Raw HTML in the Markdown is shown as text and link and image URLs other than http(s), mailto
     * and data images are dropped: the stored HTML is served as is, so nothing in a content file
     * may add script. Links are otherwise left as written: rel="noopener" only matters with
     * target="_blank", which the renderer never writes, and the authors' links are editorial, so
     * rel="nofollow" would be wrong.
     */
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .extensions(EXTENSIONS)
            .escapeHtml(true)
            .sanitizeUrls(true)
            .build();

    private MarkdownArticle() {
    }

    public static Article read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ContentException(file + ": is not UTF-8 text");
        } catch (IOException e) {
            throw new ContentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
        return parse(file, text);
    }

    /** Parses {@code text} as the content of {@code file}, whose name must be the slug plus ".md". */
    public static Article parse(Path file, String text) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(text, "text");
        Problems problems = new Problems(file);

        String normalized = text.replace("\r\n", "\n");
        if (normalized.startsWith("\uFEFF")) {
            normalized = normalized.substring(1);
        }
        List<String> lines = normalized.lines().toList();
        if (lines.isEmpty() || !lines.get(0).strip().equals(DELIMITER)) {
            throw problems.add(null, "must start with a " + DELIMITER + " line that opens the front matter").fail();
        }
        int closing = -1;
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).strip().equals(DELIMITER)) {
                closing = i;
                break;
            }
        }
        if (closing < 0) {
            throw problems.add(null, "the front matter has no closing " + DELIMITER + " line").fail();
        }
        Map<String, Object> fields = frontMatter(String.join("\n", lines.subList(1, closing)), problems);
        String body = String.join("\n", lines.subList(closing + 1, lines.size()));

        for (String key : fields.keySet()) {
            if (!FIELDS.contains(key)) {
                problems.add(key, "is not a front matter field; the fields are " + String.join(", ", FIELDS));
            }
        }
        String slug = slug(file, fields, problems);
        String title = text(fields, "title", problems);
        String summary = text(fields, "summary", problems);
        if (summary != null && summary.codePointCount(0, summary.length()) > MAX_SUMMARY_LENGTH) {
            problems.add("summary", "is " + summary.codePointCount(0, summary.length())
                    + " characters long; at most " + MAX_SUMMARY_LENGTH + " fit a card and a search result");
        }
        String author = text(fields, "author", problems);
        String section = text(fields, "section", problems);
        if (section != null && !Slug.isValid(section)) {
            // It is a listing key that readers' URLs must match exactly: "Climate" would split a section.
            problems.add("section", "must be lower-case letters, digits and single hyphens, was \"" + section + "\"");
        }
        List<String> tags = tags(fields, problems);
        Instant publishedAt = instant(fields, "publishedAt", true, problems);
        Instant updatedAt = fields.containsKey("updatedAt") ? instant(fields, "updatedAt", false, problems) : publishedAt;
        if (publishedAt != null && updatedAt != null && updatedAt.isBefore(publishedAt)) {
            problems.add("updatedAt", "is before publishedAt");
        }
        ArticleStatus status = ArticleStatus.PUBLISHED;
        if (fields.containsKey("draft")) {
            if (fields.get("draft") instanceof Boolean draft) {
                status = draft ? ArticleStatus.DRAFT : ArticleStatus.PUBLISHED;
            } else {
                problems.add("draft", "must be true or false");
            }
        }
        if (body.isBlank()) {
            problems.add(null, "has no body after the front matter");
        }
        if (!problems.isEmpty()) {
            throw problems.fail();
        }
        Node document = PARSER.parse(body);
        return new Article(slug, title, summary, RENDERER.render(document), author, section, tags, status,
                publishedAt, updatedAt, readingMinutes(document));
    }

    /** The body as the site shows it: raw HTML escaped, unsafe URLs removed, GFM tables rendered. */
    public static String renderHtml(String markdown) {
        return RENDERER.render(PARSER.parse(Objects.requireNonNull(markdown, "markdown")));
    }

    /** Words of the text a reader sees, at {@value #WORDS_PER_MINUTE} a minute, rounded up, at least 1. */
    public static int readingMinutes(String markdown) {
        return readingMinutes(PARSER.parse(Objects.requireNonNull(markdown, "markdown")));
    }

    private static int readingMinutes(Node document) {
        WordCounter counter = new WordCounter();
        document.accept(counter);
        return Math.max(1, (counter.words + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
    }

    private static Map<String, Object> frontMatter(String yaml, Problems problems) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml parser = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()),
                new DumperOptions(), options, new NoTimestampResolver());
        Object loaded;
        try {
            loaded = parser.load(yaml);
        } catch (YAMLException e) {
            throw problems.add(null, "the front matter is not valid YAML: " + e.getMessage()).fail();
        }
        if (!(loaded instanceof Map<?, ?> map)) {
            throw problems.add(null, "the front matter must be a YAML mapping of fields").fail();
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        map.forEach((key, value) -> fields.put(String.valueOf(key), value));
        return fields;
    }

    private static String slug(Path file, Map<String, Object> fields, Problems problems) {
        String slug = text(fields, "slug", problems);
        if (slug == null) {
            return null;
        }
        if (!Slug.isValid(slug)) {
            problems.add("slug", "must be 1 to " + Slug.MAX_LENGTH
                    + " lower-case letters, digits and single hyphens, was \"" + slug + "\"");
        } else {
            String fileName = file.getFileName().toString();
            if (!fileName.equals(slug + EXTENSION)) {
                problems.add("slug", "is \"" + slug + "\" but the file is " + fileName
                        + ": name the file after the slug, " + slug + EXTENSION);
            }
        }
        return slug;
    }

    /** A required, non-blank string; surrounding white space goes, since a folded YAML scalar ends in a newline. */
    private static String text(Map<String, Object> fields, String name, Problems problems) {
        Object value = fields.get(name);
        if (value == null) {
            problems.add(name, "is required");
            return null;
        }
        if (!(value instanceof String string)) {
            problems.add(name, "must be text, was " + value);
            return null;
        }
        if (string.isBlank()) {
            problems.add(name, "must not be blank");
            return null;
        }
        return string.strip();
    }

    private static List<String> tags(Map<String, Object> fields, Problems problems) {
        Object value = fields.get("tags");
        if (value == null) {
            problems.add("tags", "is required: a list such as [climate, energy], or [] for none");
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            problems.add("tags", "must be a list such as [climate, energy]");
            return List.of();
        }
        if (list.size() > DynamoDbArticleStore.MAX_TAGS) {
            problems.add("tags", "has " + list.size() + " tags; at most " + DynamoDbArticleStore.MAX_TAGS + " are allowed");
        }
        List<String> tags = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Object tag : list) {
            if (!(tag instanceof String text) || !Slug.isValid(text)) {
                problems.add("tags", "\"" + tag + "\" is not a tag: lower-case letters, digits and single hyphens");
            } else if (!seen.add(text)) {
                // The store keeps one listing entry per tag: a repeat would be written twice in one transaction.
                problems.add("tags", "\"" + text + "\" is listed twice");
            } else {
                tags.add(text);
            }
        }
        return tags;
    }

    private static Instant instant(Map<String, Object> fields, String name, boolean required, Problems problems) {
        Object value = fields.get(name);
        if (value == null) {
            problems.add(name, required ? "is required: an instant such as 2025-01-31T09:00:00Z" : "must not be empty");
            return null;
        }
        Instant instant;
        if (value instanceof Date date) {
            instant = date.toInstant();
        } else if (value instanceof String text) {
            try {
                instant = OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                problems.add(name, "must be an ISO-8601 instant with a time zone, such as 2025-01-31T09:00:00Z, was \""
                        + text + "\"");
                return null;
            }
        } else {
            problems.add(name, "must be an ISO-8601 instant such as 2025-01-31T09:00:00Z, was " + value);
            return null;
        }
        if (instant.getNano() != 0) {
            // The store keeps whole seconds: a fraction would be lost, and the article would never read back equal.
            problems.add(name, "must be in whole seconds");
            return null;
        }
        return instant;
    }

    /**
     * Plain YAML turns an unquoted 2025-01-31T09:00:00Z into a Date, and an unquoted 2025-01-31
     * into midnight UTC without a word. Keeping timestamps as text lets the parser above insist on a
     * time and a zone whether or not the author quoted them.
     */
    private static final class NoTimestampResolver extends Resolver {

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }

    /** Counts words in what a reader sees: text, code and (escaped, so visible) raw HTML; not URLs. */
    private static final class WordCounter extends AbstractVisitor {

        private int words;

        @Override
        public void visit(Text text) {
            count(text.getLiteral());
        }

        @Override
        public void visit(Code code) {
            count(code.getLiteral());
        }

        @Override
        public void visit(FencedCodeBlock codeBlock) {
            count(codeBlock.getLiteral());
        }

        @Override
        public void visit(IndentedCodeBlock codeBlock) {
            count(codeBlock.getLiteral());
        }

        @Override
        public void visit(HtmlInline html) {
            count(html.getLiteral());
        }

        @Override
        public void visit(HtmlBlock html) {
            count(html.getLiteral());
        }

        /** A word is a run without white space that holds a letter or a digit, so a lone dash is none. */
        private void count(String literal) {
            for (String token : literal.split("\\s+")) {
                if (WORD.matcher(token).find()) {
                    words++;
                }
            }
        }
    }

    /** The problems found in one file, each prefixed with the file and field it concerns. */
    private static final class Problems {

        private final Path file;
        private final List<String> problems = new ArrayList<>();

        Problems(Path file) {
            this.file = file;
        }

        Problems add(String field, String problem) {
            problems.add(file + ": " + (field == null ? "" : field + " ") + problem);
            return this;
        }

        boolean isEmpty() {
            return problems.isEmpty();
        }

        ContentException fail() {
            return new ContentException(problems);
        }
    }
}
