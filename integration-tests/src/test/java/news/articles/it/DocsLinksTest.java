package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import news.articles.tools.ProjectRoot;
import org.junit.jupiter.api.Test;

/**
 * Every relative link in the repository's Markdown (README.md, SECURITY.md, docs/, benchmarks/)
 * leads to a file of the repository and, when it names a heading (#...), to a heading of that file.
 */
class DocsLinksTest {

    private static final Pattern FENCED_CODE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```[^\\n]*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    private final Path root = ProjectRoot.require();

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingOfTheRepository() throws IOException {
        List<Path> documents = documents();
        assertTrue(documents.contains(root.resolve("README.md")), () -> "README.md not found among " + documents);
        List<String> broken = new ArrayList<>();
        for (Path document : documents) {
            for (String target : links(Files.readString(document))) {
                problem(document, target).ifPresent(problem ->
                        broken.add(root.relativize(document) + ": (" + target + ") " + problem));
            }
        }
        assertEquals(List.of(), broken, "links that lead nowhere");
    }

    @Test
    void headingsBecomeTheAnchorsGitHubGivesThem() {
        assertEquals(List.of("get-articlesslug", "ses-bounces-and-complaints-no-route", "abuse-of-the-apis-cost",
                        "notes", "notes-1"),
                anchors("## `GET /articles/{slug}`\n## SES bounces and complaints (no route)\n"
                        + "### Abuse of the API's cost\n# Notes\n```\n# not a heading\n```\n## Notes\n").stream().toList());
        assertEquals(List.of("docs/api.md#every-response", "SECURITY.md"),
                links("[a](docs/api.md#every-response) `[b](in-code.md)`\n[c]: SECURITY.md\n```\n[d](in-block.md)\n```\n"
                        + "[e](https://example.com/) [f](mailto:someone@example.com)\n"));
    }

    /** The Markdown files that document the project: the top folder's, docs/'s and benchmarks/'s. */
    private List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>();
        for (Path folder : List.of(root, root.resolve("docs"), root.resolve("benchmarks"))) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.filter(file -> file.getFileName().toString().endsWith(".md") && Files.isRegularFile(file))
                        .sorted()
                        .forEach(documents::add);
            }
        }
        return documents;
    }

    /** The relative link targets of a Markdown text, outside code; links with a scheme (https:, mailto:) left out. */
    static List<String> links(String markdown) {
        String text = CODE_SPAN.matcher(FENCED_CODE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> targets = new ArrayList<>();
        for (Pattern pattern : List.of(INLINE_LINK, REFERENCE_DEFINITION)) {
            Matcher link = pattern.matcher(text);
            while (link.find()) {
                if (!SCHEME.matcher(link.group(1)).find()) {
                    targets.add(link.group(1));
                }
            }
        }
        return targets;
    }

    private Optional<String> problem(Path document, String target) {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path file = path.isEmpty() ? document : document.getParent().resolve(path).normalize();
        if (!file.startsWith(root)) {
            return Optional.of("is outside the repository");
        }
        if (!Files.exists(file)) {
            return Optional.of("no such file");
        }
        if (anchor.isEmpty() || !file.getFileName().toString().endsWith(".md")) {
            return Optional.empty();
        }
        try {
            return anchors(Files.readString(file)).contains(anchor) ? Optional.empty()
                    : Optional.of("no heading with that anchor");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as
     * hyphens, a repeated one suffixed -1, -2, ...
     */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : FENCED_CODE.matcher(markdown).replaceAll("").split("\n")) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String slug = heading.group(1).toLowerCase(Locale.ROOT)
                    .replaceAll("[^\\p{L}\\p{N}\\s_-]", "")
                    .replace(' ', '-');
            int count = seen.merge(slug, 1, Integer::sum);
            anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
        }
        return anchors;
    }
}
