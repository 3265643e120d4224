package news.articles.store;

import java.util.Optional;
import news.articles.article.Article;
import news.articles.article.ArticleSummary;

/** Where articles live, with the listings that readers' pages need. */
public interface ArticleStore {

    /** The article with this slug, whatever its status. */
    Optional<Article> find(String slug);

    /** One page of published summaries, as the query orders them; never a scan. */
    Page<ArticleSummary> list(ArticleQuery query);

    /** Creates or replaces the article and its listing entries, atomically. */
    SaveOutcome save(Article article);

    /** What {@link #save} did. */
    enum SaveOutcome {
        CREATED,
        UPDATED,
        UNCHANGED
    }
}
