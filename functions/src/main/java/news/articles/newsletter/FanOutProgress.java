package news.articles.newsletter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an edition's fan-out has come, kept on the stored edition: the cursor of the last page
 * whose batches were enqueued, how many recipients were enqueued, and whether it is done. Each
 * page moves it on with one conditional write, so that of two runs of the same page only one
 * moves it, and a page from a chain that was overtaken stops there. {@code FanOutProgressContract}
 * (in the tests) holds every implementation to this.
 */
public interface FanOutProgress {

    /** The edition's progress; empty when its fan-out has not started (or the edition does not exist). */
    Optional<Progress> find(EditionId edition);

    /**
     * Records that the fan-out started, unless it had (or a first page already moved it on): true
     * when this call recorded it. The edition must be stored.
     */
    boolean start(EditionId edition, Instant at);

    /**
     * Moves the cursor from {@code from} (empty: the start, recorded or not) to {@code to} (empty:
     * the last page, so done), adding {@code enqueued} recipients, only if it is still at
     * {@code from}; otherwise tells where it is relative to {@code to}.
     */
    Advance advance(EditionId edition, Optional<String> from, Optional<String> to, int enqueued, Instant at);

    /** What {@link #advance} found. */
    enum Advance {
        /** This call moved it: continue with the page after {@code to}. */
        ADVANCED,
        /** Another run of the same page moved it to {@code to} (and may have died before enqueuing the next page): continue too. */
        ALREADY_THERE,
        /** It is elsewhere (further along, or done): this chain stops. */
        ELSEWHERE
    }

    /** An edition's progress: {@code after} is empty before the first page moved it. */
    record Progress(Optional<String> after, long enqueued, boolean done, Instant updatedAt) {
        public Progress {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(updatedAt, "updatedAt");
        }
    }
}
