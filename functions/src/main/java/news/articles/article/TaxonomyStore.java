package news.articles.article;

import java.util.Optional;

/** Where the site's {@link SiteTaxonomy} is kept: one item, read with one request. */
public interface TaxonomyStore {

    /** The taxonomy the importer last saved; empty before the first import. */
    Optional<SiteTaxonomy> find();

    /** Replaces the taxonomy. */
    void save(SiteTaxonomy taxonomy);
}
