package news.articles.article;

import java.time.Clock;
import java.util.Objects;
import news.articles.error.RejectedException;

/** Serves published articles; drafts and future-dated ones do not exist as far as readers know. */
public final class ArticleService {

    private final ArticleStore store;
    private final Clock clock;

    public ArticleService(ArticleStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Article publishedArticle(String slug) {
        Slug.require(slug);
        return store.find(slug)
                .filter(article -> article.isVisibleAt(clock.instant()))
                .orElseThrow(() -> notFound());
    }

    static RejectedException notFound() {
        return RejectedException.notFound("ARTICLE_NOT_FOUND", "There is no published article with this slug.");
    }
}
