package news.articles.tools.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.stream.Stream;
import news.articles.article.Article;
import news.articles.article.ArticleStore.SaveOutcome;
import news.articles.article.ArticleStore;
import news.articles.article.KeywordExtractor;
import news.articles.article.SiteTaxonomy;
import news.articles.article.TaxonomyStore;

/**
 * Imports a folder of content files into an {@link ArticleStore}. Every file is parsed and checked
 * before the first write, so that one bad file leaves the store as it was.
 */
public final class ContentImporter {

    private final ArticleStore store;
    private final Optional<TaxonomyStore> taxonomy;
    private final Clock clock;

    /** Imports articles only, leaving the site's taxonomy alone (tests of the articles alone). */
    public ContentImporter(ArticleStore store) {
        this.store = Objects.requireNonNull(store, "store");
        this.taxonomy = Optional.empty();
        this.clock = Clock.systemUTC();
    }

    /**
     * Imports articles, then rewrites the site's taxonomy (the sections and tags with their
     * counts, {@link SiteTaxonomy}) from the whole import, as of {@code clock}'s now: what
     * GET /sections serves with one read.
     */
    public ContentImporter(ArticleStore store, TaxonomyStore taxonomy, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.taxonomy = Optional.of(Objects.requireNonNull(taxonomy, "taxonomy"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Parses and saves every content file of {@code folder}, in file name order. */
    public ImportReport importFolder(Path folder) {
        return importFolder(folder, entry -> { });
    }

    /** As {@link #importFolder(Path)}, telling {@code progress} about each article once it is saved. */
    public ImportReport importFolder(Path folder, Consumer<ImportReport.Entry> progress) {
        return importArticles(parseFolder(folder), progress);
    }

    /**
     * Saves already parsed articles (the whole content folder: the taxonomy is counted from them) in
     * the given order; {@link ImportFailedException} says how far it got. The taxonomy is written
     * last, once every article is saved, so that it never counts an article readers cannot list.
     */
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
        ImportReport report = new ImportReport(entries);
        if (taxonomy.isPresent()) {
            try {
                taxonomy.get().save(SiteTaxonomy.of(articles, clock.instant()));
            } catch (RuntimeException e) {
                throw new ImportFailedException("the sections and tags", report, e);
            }
        }
        return report;
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
