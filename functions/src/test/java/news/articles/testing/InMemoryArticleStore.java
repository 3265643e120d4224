package news.articles.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.article.Article;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStatus;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPage;
import news.articles.article.ListingPosition;

/**
 * An {@link ArticleStore} in a map, listing as the DynamoDB indexes do: published articles only,
 * none after {@code asOf}, ordered by (publishedAt, slug), {@code after} exclusive, keywords only
 * in topic listings. Counts calls.
 */
public final class InMemoryArticleStore implements ArticleStore {

    private static final Comparator<ListingPosition> OLDEST_FIRST =
            Comparator.comparing(ListingPosition::publishedAt).thenComparing(ListingPosition::slug);

    private final Map<String, Article> articles = new LinkedHashMap<>();
    private final List<String> finds = new ArrayList<>();
    private final List<ArticleQuery> queries = new ArrayList<>();

    public InMemoryArticleStore(Article... articles) {
        for (Article article : articles) {
            save(article);
        }
    }

    @Override
    public synchronized Optional<Article> find(String slug) {
        finds.add(slug);
        return Optional.ofNullable(articles.get(slug));
    }

    @Override
    public synchronized ListingPage<ArticleSummary> list(ArticleQuery query) {
        queries.add(query);
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
                .map(summary -> query.listing() == ArticleQuery.Listing.TOPIC ? summary : withoutKeywords(summary))
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

    /** Only the topic index projects the keywords, as template.yaml declares. */
    private static ArticleSummary withoutKeywords(ArticleSummary summary) {
        return new ArticleSummary(summary.slug(), summary.title(), summary.summary(), summary.author(),
                summary.section(), summary.tags(), summary.publishedAt(), summary.updatedAt(), summary.readingMinutes());
    }

    @Override
    public synchronized SaveOutcome save(Article article) {
        Article previous = articles.put(article.slug(), article);
        return previous == null ? SaveOutcome.CREATED : previous.equals(article) ? SaveOutcome.UNCHANGED : SaveOutcome.UPDATED;
    }

    /** The slugs {@link #find} was asked for, in order. */
    public synchronized List<String> finds() {
        return List.copyOf(finds);
    }

    /** The queries {@link #list} answered, in order. */
    public synchronized List<ArticleQuery> queries() {
        return List.copyOf(queries);
    }
}
