package news.articles.article;

import java.util.Optional;

/** Where articles live, with the listings that readers' pages need. */
public interface ArticleStore {

    /** The article with this slug, whatever its status. */
    Optional<Article> find(String slug);

    /** One page of published summaries, as the query orders them; never a scan. */
    ListingPage<ArticleSummary> list(ArticleQuery query);

    /** Creates or replaces the article and its listing entries, atomically. */
    SaveOutcome save(Article article);

    /** What {@link #save} did. */
    enum SaveOutcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }
}
