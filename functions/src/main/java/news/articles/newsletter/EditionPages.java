package news.articles.newsletter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import news.articles.error.RejectedException;

/** The newsletter's public pages: one stored edition (its web version), and the archive of past editions. */
public final class EditionPages {

    /** Editions on one page of the archive: a few months, newest first. */
    public static final int ARCHIVE_PAGE_SIZE = 20;

    private final EditionStore editions;

    public EditionPages(EditionStore editions) {
        this.editions = Objects.requireNonNull(editions, "editions");
    }

    /** The stored edition with this id; 400 for text that is no edition id, 404 for a week without one. */
    public Edition edition(String id) {
        EditionId parsed = parse(id);
        return editions.find(parsed).orElseThrow(() -> RejectedException.notFound("EDITION_NOT_FOUND",
                "There is no edition of the newsletter for this week."));
    }

    /** A page of the archive, newest first: the first, or the one of editions before {@code before}. */
    public ArchivePage archive(Optional<String> before) {
        Optional<EditionId> after = before.map(EditionPages::parse);
        List<Edition> page = editions.archive(after, ARCHIVE_PAGE_SIZE + 1);
        if (page.size() > ARCHIVE_PAGE_SIZE) {
            List<Edition> shown = page.subList(0, ARCHIVE_PAGE_SIZE);
            return new ArchivePage(shown, Optional.of(shown.get(ARCHIVE_PAGE_SIZE - 1).id()));
        }
        return new ArchivePage(page, Optional.empty());
    }

    private static EditionId parse(String id) {
        return EditionId.parse(id).orElseThrow(() -> RejectedException.invalid("INVALID_EDITION_ID",
                "An edition id is an ISO week such as 2026-W49."));
    }

    /** Editions newest first, and the edition before which the next page starts, when there are older ones. */
    public record ArchivePage(List<Edition> editions, Optional<EditionId> olderBefore) {
        public ArchivePage {
            editions = List.copyOf(Objects.requireNonNull(editions, "editions"));
            Objects.requireNonNull(olderBefore, "olderBefore");
        }
    }
}
