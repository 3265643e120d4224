package news.articles.tools.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import news.articles.article.Article;
import news.articles.article.ArticleStore.SaveOutcome;
import news.articles.article.ArticleStore;
import news.articles.article.KeywordExtractor;

/**
 * Imports a folder of content files into an {@link ArticleStore}. Every file is parsed and checked
 * before the first write, so that one bad file leaves the store as it was.
 */
public final class ContentImporter {

    private final ArticleStore store;

    public ContentImporter(ArticleStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** Parses and saves every content file of {@code folder}, in file name order. */
    public ImportReport importFolder(Path folder) {
        return importFolder(folder, entry -> { });
    }

    /** As {@link #importFolder(Path)}, telling {@code progress} about each article once it is saved. */
    public ImportReport importFolder(Path folder, Consumer<ImportReport.Entry> progress) {
        return importArticles(parseFolder(folder), progress);
    }

    /** Saves already parsed articles in the given order; {@link ImportFailedException} says how far it got. */
    public ImportReport importArticles(List<Article> articles, Consumer<ImportReport.Entry> progress) {
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(progress, "progress");
        List<ImportReport.Entry> entries = new ArrayList<>();
        for (Article article : articles) {
            SaveOutcome outcome;
            try {
                outcome = store.save(article);
            } catch (RuntimeException e) {
                throw new ImportFailedException(article.slug(), new ImportReport(entries), e);
            }
            ImportReport.Entry entry = new ImportReport.Entry(article.slug(), article.status(), outcome);
            entries.add(entry);
            progress.accept(entry);
        }
        return new ImportReport(entries);
    }

    /**
     * Every content file of {@code folder} as an article, or one exception listing every problem of
     * every file. Each article's keywords are derived over the whole folder ({@link KeywordExtractor}):
     * a new or changed article can change others' keywords, and re-importing saves those too.
     */
    public static List<Article> parseFolder(Path folder) {
        List<Article> articles = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path file : contentFiles(folder)) {
            try {
                articles.add(MarkdownArticle.read(file));
            } catch (ContentException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new ContentException(problems);
        }
        return KeywordExtractor.withKeywords(articles);
    }

    /**
     * The {@code *.md} files directly in {@code folder}, by file name, which is a stable order
     * whatever the file system lists first. Hidden files are left out: editors keep their lock
     * and swap files there ({@code .#draft.md}).
     */
    public static List<Path> contentFiles(Path folder) {
        Objects.requireNonNull(folder, "folder");
        if (!Files.isDirectory(folder)) {
            throw new ContentException(folder + ": is not a folder");
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files
                    .filter(file -> {
                        String name = file.getFileName().toString();
                        return name.endsWith(MarkdownArticle.EXTENSION) && !name.startsWith(".")
                                && Files.isRegularFile(file);
                    })
                    .sorted(Comparator.comparing(file -> file.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new ContentException(folder + ": cannot be listed (" + e.getMessage() + ")");
        }
    }
}
