package news.articles.article;

import java.time.Clock;
import java.util.Objects;

/** The site's sections and tags with their published article counts, as readers see them now. One read. */
public final class SectionsService {

    private final TaxonomyStore store;
    private final Clock clock;

    public SectionsService(TaxonomyStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Empty lists before the first import. */
    public SiteTaxonomy sections() {
        var now = clock.instant();
        return store.find().map(taxonomy -> taxonomy.asOf(now)).orElseGet(() -> SiteTaxonomy.empty(now));
    }
}
