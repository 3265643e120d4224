package news.articles.newsletter;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where editions are kept: stored once, before anything is sent, and never changed, so that every
 * later run for the same week finds it and sends nothing new. {@code EditionStoreContract} (in the
 * tests) holds every store to this.
 */
public interface EditionStore {

    /** The stored edition with this id (strongly consistent). */
    Optional<Edition> find(EditionId id);

    /** The latest stored edition whose id comes before this one: its window's end starts the next window. */
    Optional<Edition> latestBefore(EditionId id);

    /** Stores the edition unless one with its id exists: true when this call stored it. */
    boolean create(Edition edition);

    /** Records that a week had no edition and why, for operators; recording it again changes nothing. */
    void recordNoEdition(EditionId id, Instant scheduledAt, String reason);

    /** Up to {@code limit} stored editions, newest first, those before {@code before} when given. */
    List<Edition> archive(Optional<EditionId> before, int limit);
}
