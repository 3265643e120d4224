package news.articles.tools.importer;

import java.util.List;
import java.util.Objects;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleStore.SaveOutcome;

/** What an import did, file by file in import order. */
public record ImportReport(List<Entry> entries) {

    public ImportReport {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }

    /** One article: its slug, its status and whether saving it created, updated or left it. */
    public record Entry(String slug, ArticleStatus status, SaveOutcome outcome) {

        public Entry {
            Objects.requireNonNull(slug, "slug");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    public List<String> slugs() {
        return entries.stream().map(Entry::slug).toList();
    }

    public long created() {
        return count(SaveOutcome.CREATED);
    }

    public long updated() {
        return count(SaveOutcome.UPDATED);
    }

    public long unchanged() {
        return count(SaveOutcome.UNCHANGED);
    }

    public long drafts() {
        return entries.stream().filter(entry -> entry.status() == ArticleStatus.DRAFT).count();
    }

    private long count(SaveOutcome outcome) {
        return entries.stream().filter(entry -> entry.outcome() == outcome).count();
    }
}
