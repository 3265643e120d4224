package news.articles.testing;

import java.util.Objects;
import java.util.Optional;
import news.articles.article.SiteTaxonomy;
import news.articles.article.TaxonomyStore;

/** A {@link TaxonomyStore} in memory, counting its reads. */
public final class InMemoryTaxonomyStore implements TaxonomyStore {

    private SiteTaxonomy taxonomy;
    private int reads;

    public InMemoryTaxonomyStore() {
    }

    public InMemoryTaxonomyStore(SiteTaxonomy taxonomy) {
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    }

    @Override
    public Optional<SiteTaxonomy> find() {
        reads++;
        return Optional.ofNullable(taxonomy);
    }

    @Override
    public void save(SiteTaxonomy taxonomy) {
        this.taxonomy = Objects.requireNonNull(taxonomy, "taxonomy");
    }

    public int reads() {
        return reads;
    }
}
