package news.articles.article;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TaxonomyStore} must do, run against the in-memory fake the unit tests use
 * ({@code InMemoryTaxonomyStoreTest}) and the DynamoDB store on moto ({@code DynamoDbTaxonomyStoreTest}
 * in integration-tests), so that the two cannot drift apart. Each test gets an empty store.
 */
public abstract class TaxonomyStoreContract {

    private static final Instant COUNTED_AT = Instant.parse("2026-11-29T10:00:00.250Z");

    /** An empty store, new for each test. */
    protected abstract TaxonomyStore store();

    @Test
    void holdsNothingBeforeTheFirstSave() {
        assertEquals(Optional.empty(), store().find());
    }

    @Test
    void readsBackWhatWasSavedCountsScheduledArticlesInOrderAndTime() {
        TaxonomyStore store = store();
        SiteTaxonomy taxonomy = new SiteTaxonomy(COUNTED_AT,
                Map.of("science", 12, "culture", 1, "a-very-long-section-name-with-hyphens", 3),
                Map.of("ai", 7, "climate", 2, "x", 1),
                List.of(new SiteTaxonomy.Scheduled(Instant.parse("2026-12-01T09:00:00Z"), "science", List.of("ai", "space")),
                        new SiteTaxonomy.Scheduled(Instant.parse("2026-12-02T09:00:00.5Z"), "culture", List.of())));

        store.save(taxonomy);

        assertEquals(Optional.of(taxonomy), store.find());
    }

    @Test
    void aSaveReplacesTheTaxonomyWhole() {
        TaxonomyStore store = store();
        store.save(new SiteTaxonomy(COUNTED_AT, Map.of("science", 2), Map.of("ai", 2),
                List.of(new SiteTaxonomy.Scheduled(COUNTED_AT.plusSeconds(60), "science", List.of("ai")))));
        SiteTaxonomy empty = SiteTaxonomy.empty(COUNTED_AT.plusSeconds(1));

        store.save(empty);

        assertEquals(Optional.of(empty), store.find());
    }
}
