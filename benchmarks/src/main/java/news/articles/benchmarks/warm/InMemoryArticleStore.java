package news.articles.benchmarks.warm;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import news.articles.article.Article;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPage;
import news.articles.article.ListingPosition;

/**
 * An {@link ArticleStore} in a map, answering as the DynamoDB indexes do (published only, none
 * after {@code asOf}, ordered by publishedAt and slug, {@code after} exclusive), from the test
 * fake in functions/, without its call recording, which would grow during a benchmark. Read-only.
 */
final class InMemoryArticleStore implements ArticleStore {

    private static final Comparator<ListingPosition> OLDEST_FIRST =
            Comparator.comparing(ListingPosition::publishedAt).thenComparing(ListingPosition::slug);

    private final Map<String, Article> articles;

    InMemoryArticleStore(List<Article> articles) {
        this.articles = articles.stream().collect(Collectors.toUnmodifiableMap(Article::slug, Function.identity()));
    }

    @Override
    public Optional<Article> find(String slug) {
        return Optional.ofNullable(articles.get(slug));
    }

    @Override
    public ListingPage<ArticleSummary> list(ArticleQuery query) {
        Comparator<ListingPosition> order = query.newestFirst() ? OLDEST_FIRST.reversed() : OLDEST_FIRST;
        List<ArticleSummary> listed = articles.values().stream()
                .filter(article -> article.status() == ArticleStatus.PUBLISHED)
                .filter(article -> !article.publishedAt().isAfter(query.asOf()))
                .filter(article -> switch (query.listing()) {
                    case ALL -> true;
                    case SECTION -> article.section().equals(query.key());
                    case TAG -> article.tags().contains(query.key());
                    case TOPIC -> article.tags().contains(query.key()) || article.keywords().contains(query.key());
                })
                .map(Article::summarize)
                .filter(summary -> query.after()
                        .map(after -> order.compare(ListingPosition.of(summary), after) > 0)
                        .orElse(true))
                .sorted(Comparator.comparing(ListingPosition::of, order))
                .toList();
        List<ArticleSummary> page = listed.subList(0, Math.min(query.limit(), listed.size()));
        Optional<ListingPosition> next = listed.size() > page.size()
                ? Optional.of(ListingPosition.of(page.get(page.size() - 1)))
                : Optional.empty();
        return new ListingPage<>(page, next);
    }

    @Override
    public SaveOutcome save(Article article) {
        throw new UnsupportedOperationException("read-only");
    }
}
