package news.articles.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionStore;

/** An {@link EditionStore} in memory, held to {@code EditionStoreContract} like the DynamoDB one. */
public final class InMemoryEditionStore implements EditionStore {

    private final TreeMap<EditionId, Edition> editions = new TreeMap<>();
    private final Map<EditionId, String> noEditions = new TreeMap<>();
    private final List<EditionId> finds = new ArrayList<>();
    private int creates;
    private int archives;

    public InMemoryEditionStore(Edition... stored) {
        for (Edition edition : stored) {
            editions.put(edition.id(), edition);
        }
    }

    @Override
    public synchronized Optional<Edition> find(EditionId id) {
        finds.add(id);
        return Optional.ofNullable(editions.get(Objects.requireNonNull(id, "id")));
    }

    @Override
    public synchronized Optional<Edition> latestBefore(EditionId id) {
        return Optional.ofNullable(editions.lowerEntry(Objects.requireNonNull(id, "id"))).map(Map.Entry::getValue);
    }

    @Override
    public synchronized boolean create(Edition edition) {
        creates++;
        return editions.putIfAbsent(edition.id(), edition) == null;
    }

    @Override
    public synchronized void recordNoEdition(EditionId id, Instant scheduledAt, String reason) {
        Objects.requireNonNull(scheduledAt, "scheduledAt");
        noEditions.putIfAbsent(Objects.requireNonNull(id, "id"), Objects.requireNonNull(reason, "reason"));
    }

    @Override
    public synchronized List<Edition> archive(Optional<EditionId> before, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        archives++;
        List<Edition> page = new ArrayList<>();
        var older = before.isPresent() ? editions.headMap(before.get(), false) : editions;
        for (Edition edition : older.descendingMap().values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(edition);
        }
        return List.copyOf(page);
    }

    /** Why the week had no edition, as recorded. */
    public synchronized Optional<String> noEditionReason(EditionId id) {
        return Optional.ofNullable(noEditions.get(id));
    }

    /** The ids {@link #find} was asked for, in order. */
    public synchronized List<EditionId> finds() {
        return List.copyOf(finds);
    }

    /** How many times {@link #archive} was called. */
    public synchronized int archives() {
        return archives;
    }

    /** How many times {@link #create} was called. */
    public synchronized int creates() {
        return creates;
    }
}
