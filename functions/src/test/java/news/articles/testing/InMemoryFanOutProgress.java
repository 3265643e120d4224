package news.articles.testing;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionStore;
import news.articles.newsletter.FanOutProgress;

/**
 * Fan-out progress in a map, each change atomic under the lock as the DynamoDB adapter's
 * conditional write is; {@code InMemoryFanOutProgressTest} holds it to the contract the adapter
 * passes on moto.
 */
public final class InMemoryFanOutProgress implements FanOutProgress {

    private final Set<EditionId> editions = new HashSet<>();
    private final Optional<EditionStore> store;
    private final Map<EditionId, Progress> progress = new HashMap<>();

    /** Progress of the editions {@link #editionStored} names. */
    public InMemoryFanOutProgress() {
        this.store = Optional.empty();
    }

    /** Progress of the editions {@code store} holds (as the adapter keeps it on the stored edition's item). */
    public InMemoryFanOutProgress(EditionStore store) {
        this.store = Optional.of(store);
    }

    private boolean stored(EditionId edition) {
        return editions.contains(edition) || store.map(editions -> editions.find(edition).isPresent()).orElse(false);
    }

    /** The edition is stored: its progress may now be recorded. */
    public synchronized void editionStored(EditionId edition) {
        editions.add(edition);
    }

    @Override
    public synchronized Optional<Progress> find(EditionId edition) {
        return Optional.ofNullable(progress.get(edition));
    }

    @Override
    public synchronized boolean start(EditionId edition, Instant at) {
        if (!stored(edition) || progress.containsKey(edition)) {
            return false;
        }
        progress.put(edition, new Progress(Optional.empty(), 0, false, at));
        return true;
    }

    @Override
    public synchronized Advance advance(EditionId edition, Optional<String> from, Optional<String> to, int enqueued,
            Instant at) {
        if (!stored(edition)) {
            return Advance.ELSEWHERE;
        }
        Progress current = progress.getOrDefault(edition, new Progress(Optional.empty(), 0, false, at));
        if (!current.done() && current.after().equals(from)) {
            progress.put(edition, new Progress(to.isPresent() ? to : current.after(), current.enqueued() + enqueued,
                    to.isEmpty(), at));
            return Advance.ADVANCED;
        }
        boolean there = to.isEmpty() ? current.done() : !current.done() && current.after().equals(to);
        return there ? Advance.ALREADY_THERE : Advance.ELSEWHERE;
    }
}
