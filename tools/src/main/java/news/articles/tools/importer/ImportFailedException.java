package news.articles.tools.importer;

import java.util.Objects;

/** Saving an article failed part-way through an import; {@code completed} is what was saved before it. */
public class ImportFailedException extends RuntimeException {

    private final String slug;
    private final ImportReport completed;

    public ImportFailedException(String slug, ImportReport completed, RuntimeException cause) {
        super("could not save " + Objects.requireNonNull(slug, "slug") + ": " + cause.getMessage(), cause);
        this.slug = slug;
        this.completed = Objects.requireNonNull(completed, "completed");
    }

    public String slug() {
        return slug;
    }

    public ImportReport completed() {
        return completed;
    }
}
