package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import news.articles.article.ArticleSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EditionStore} must do, run against the in-memory fake the unit tests use
 * ({@code InMemoryEditionStoreTest}) and the DynamoDB store on moto ({@code DynamoDbEditionStoreTest}
 * in integration-tests). Each test starts from an empty store.
 */
public abstract class EditionStoreContract {

    /** A time with a fraction of a second, as clocks give them: stores keep it exactly. */
    private static final Instant COMPOSED = Instant.parse("2026-11-20T09:00:03.123456789Z");

    /** A new, empty store for each test. */
    protected abstract EditionStore emptyStore();

    /** Why the week had no edition, as the store recorded it. */
    protected abstract Optional<String> noEditionReason(EditionStore store, EditionId id);

    private EditionStore store;

    @BeforeEach
    void empty() {
        store = emptyStore();
    }

    @Test
    void anEditionReadsBackExactlyAsStored() {
        Edition edition = edition("2026-W47", 3);

        assertTrue(store.create(edition));

        assertEquals(Optional.of(edition), store.find(edition.id()));
        assertEquals(Optional.empty(), store.find(new EditionId("2026-W48")));
    }

    @Test
    void anEditionIsStoredOnceAndNeverReplaced() {
        Edition first = edition("2026-W47", 2);
        Edition second = new Edition(first.id(), first.scheduledAt(), first.windowStart(), first.windowEnd(),
                first.composedAt().plusSeconds(60), List.of(summary("another", first.windowStart().plusSeconds(5))));

        assertTrue(store.create(first));
        assertFalse(store.create(second), "the week has its edition");

        assertEquals(Optional.of(first), store.find(first.id()));
    }

    @Test
    void ofConcurrentCreatesForOneWeekExactlyOneWins() throws Exception {
        int parties = 6;
        ExecutorService pool = Executors.newFixedThreadPool(parties);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < parties; i++) {
                Edition edition = edition("2026-W40", i + 1);
                Callable<Boolean> create = () -> {
                    start.await();
                    return store.create(edition);
                };
                results.add(pool.submit(create));
            }
            start.countDown();
            int won = 0;
            for (Future<Boolean> result : results) {
                won += result.get() ? 1 : 0;
            }
            assertEquals(1, won);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void theLatestBeforeAWeekIsTheNewestStoredEarlierEdition() {
        store.create(edition("2026-W45", 1));
        store.create(edition("2026-W47", 1));
        store.create(edition("2026-W49", 1));

        assertEquals("2026-W47", store.latestBefore(new EditionId("2026-W48")).orElseThrow().id().value());
        assertEquals("2026-W47", store.latestBefore(new EditionId("2026-W49")).orElseThrow().id().value(),
                "never the week itself");
        assertEquals("2026-W49", store.latestBefore(new EditionId("2027-W01")).orElseThrow().id().value(),
                "across a year");
        assertEquals(Optional.empty(), store.latestBefore(new EditionId("2026-W45")));
    }

    @Test
    void weeksWithoutAnEditionAreNeitherEditionsNorInTheArchive() {
        store.create(edition("2026-W45", 1));
        store.recordNoEdition(new EditionId("2026-W46"), Instant.parse("2026-11-13T09:00:00Z"), "nothing new");

        assertEquals(Optional.empty(), store.find(new EditionId("2026-W46")));
        assertEquals("2026-W45", store.latestBefore(new EditionId("2026-W47")).orElseThrow().id().value());
        assertEquals(List.of("2026-W45"), ids(store.archive(Optional.empty(), 10)));
        assertEquals(Optional.of("nothing new"), noEditionReason(store, new EditionId("2026-W46")));
    }

    @Test
    void recordingAWeekWithoutAnEditionAgainKeepsTheFirstReason() {
        EditionId week = new EditionId("2026-W46");
        store.recordNoEdition(week, Instant.parse("2026-11-13T09:00:00Z"), "first");
        store.recordNoEdition(week, Instant.parse("2026-11-13T09:05:00Z"), "second");

        assertEquals(Optional.of("first"), noEditionReason(store, week));
        assertEquals(Optional.empty(), noEditionReason(store, new EditionId("2026-W45")));
    }

    @Test
    void theArchiveIsNewestFirstAndPagesWithBefore() {
        for (String id : List.of("2026-W50", "2026-W51", "2026-W52", "2026-W53", "2027-W01", "2027-W02")) {
            store.create(edition(id, 2));
        }

        assertEquals(List.of("2027-W02", "2027-W01", "2026-W53"), ids(store.archive(Optional.empty(), 3)));
        assertEquals(List.of("2026-W52", "2026-W51", "2026-W50"),
                ids(store.archive(Optional.of(new EditionId("2026-W53")), 3)));
        assertEquals(List.of("2026-W51", "2026-W50"), ids(store.archive(Optional.of(new EditionId("2026-W52")), 5)));
        assertEquals(List.of(), ids(store.archive(Optional.of(new EditionId("2026-W50")), 5)));
        assertEquals(edition("2027-W02", 2), store.archive(Optional.empty(), 1).get(0), "whole editions");
    }

    @Test
    void anEmptyStoreHasNoArchive() {
        assertEquals(List.of(), store.archive(Optional.empty(), 20));
        assertEquals(Optional.empty(), store.latestBefore(new EditionId("2026-W49")));
    }

    private static List<String> ids(List<Edition> editions) {
        return editions.stream().map(edition -> edition.id().value()).toList();
    }

    /** An edition of the week with {@code articles} articles, all fields distinct and with fractions of a second. */
    protected static Edition edition(String week, int articles) {
        EditionId id = new EditionId(week);
        Instant monday = java.time.LocalDate.of(Integer.parseInt(week.substring(0, 4)), 1, 4)
                .with(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(week.substring(6)))
                .with(java.time.DayOfWeek.MONDAY)
                .atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        Instant scheduled = monday.plus(Duration.ofDays(4)).plus(Duration.ofHours(9));
        Instant start = scheduled.minus(Duration.ofDays(7));
        List<ArticleSummary> summaries = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            summaries.add(summary(week.toLowerCase() + "-article-" + i, scheduled.minus(Duration.ofHours(i + 1))));
        }
        return new Edition(id, scheduled, start, scheduled, COMPOSED, summaries);
    }

    private static ArticleSummary summary(String slug, Instant publishedAt) {
        return new ArticleSummary(slug, "Title of " + slug + " <&> \"quoted\"", "Summary of " + slug + " – ünïcode",
                "Ada Writer", "technology", List.of("ai", "chips"), publishedAt.plusMillis(250),
                publishedAt.plusSeconds(3600), 5);
    }
}
