package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import news.articles.newsletter.FanOutProgress.Advance;
import news.articles.newsletter.FanOutProgress.Progress;
import org.junit.jupiter.api.Test;

/**
 * What every {@link FanOutProgress} must do, run against the in-memory fake
 * ({@code InMemoryFanOutProgressTest}) and the DynamoDB adapter on moto
 * ({@code DynamoDbFanOutProgressTest} in integration-tests). Each test uses an edition of its own.
 */
public abstract class FanOutProgressContract {

    private static final Instant T0 = Instant.parse("2026-12-04T09:00:01Z");
    private static final Instant T1 = T0.plusSeconds(5);

    protected abstract FanOutProgress progress();

    /** Stores an edition with this id, as the weekly run does before its fan-out starts. */
    protected abstract void storeEdition(EditionId edition);

    private static final AtomicInteger EDITIONS = new AtomicInteger();

    /** An edition id no other test of this JVM uses. */
    private static EditionId freshEdition() {
        int n = EDITIONS.getAndIncrement();
        return new EditionId(String.format("%04d-W%02d", 2100 + n / 50, 1 + n % 50));
    }

    @Test
    void nothingIsRecordedBeforeTheStart() {
        EditionId edition = freshEdition();
        storeEdition(edition);
        assertEquals(Optional.empty(), progress().find(edition));
    }

    @Test
    void theStartIsRecordedOnceAndOnlyForAStoredEdition() {
        EditionId edition = freshEdition();
        assertFalse(progress().start(edition, T0), "no edition stored");
        storeEdition(edition);
        assertTrue(progress().start(edition, T0));
        assertFalse(progress().start(edition, T1));
        assertEquals(Optional.of(new Progress(Optional.empty(), 0, false, T0)), progress().find(edition));
    }

    @Test
    void eachPageMovesTheCursorOnOnceAndTheLastEndsIt() {
        EditionId edition = freshEdition();
        storeEdition(edition);
        progress().start(edition, T0);

        assertEquals(Advance.ADVANCED, progress().advance(edition, Optional.empty(), Optional.of("b"), 2, T0));
        assertEquals(Advance.ALREADY_THERE, progress().advance(edition, Optional.empty(), Optional.of("b"), 2, T1),
                "the same page again");
        assertEquals(Advance.ADVANCED, progress().advance(edition, Optional.of("b"), Optional.of("d"), 2, T0));
        assertEquals(Advance.ELSEWHERE, progress().advance(edition, Optional.empty(), Optional.of("b"), 2, T1),
                "a page of a chain that was overtaken");
        assertEquals(Optional.of(new Progress(Optional.of("d"), 4, false, T0)), progress().find(edition));

        assertEquals(Advance.ADVANCED, progress().advance(edition, Optional.of("d"), Optional.empty(), 1, T1));
        assertEquals(Optional.of(new Progress(Optional.of("d"), 5, true, T1)), progress().find(edition));
        assertEquals(Advance.ALREADY_THERE, progress().advance(edition, Optional.of("d"), Optional.empty(), 1, T1),
                "the last page again");
        assertEquals(Advance.ELSEWHERE, progress().advance(edition, Optional.of("b"), Optional.of("d"), 2, T1),
                "nothing moves a done fan-out");
        assertEquals(5, progress().find(edition).orElseThrow().enqueued());
    }

    @Test
    void aFirstPageAheadOfTheRecordedStartMovesItAndTheStartIsThenRefused() {
        EditionId edition = freshEdition();
        storeEdition(edition);

        assertEquals(Advance.ADVANCED, progress().advance(edition, Optional.empty(), Optional.of("b"), 2, T0));
        assertFalse(progress().start(edition, T1));
        assertEquals(Optional.of(new Progress(Optional.of("b"), 2, false, T0)), progress().find(edition));
    }

    @Test
    void noEditionNoProgress() {
        EditionId edition = freshEdition();
        assertEquals(Advance.ELSEWHERE, progress().advance(edition, Optional.empty(), Optional.of("b"), 2, T0));
        assertEquals(Optional.empty(), progress().find(edition));
    }
}
