package news.articles.article;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of a listing of published articles, newest first, and the cursor to the next page if there is one. */
public record ArticleListing(List<ArticleSummary> articles, Optional<String> nextCursor) {

    public ArticleListing {
        articles = List.copyOf(Objects.requireNonNull(articles, "articles"));
        Objects.requireNonNull(nextCursor, "nextCursor");
    }
}
