package news.articles.handler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.article.ArticleListingService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiGatewayEvents;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;
import news.articles.snapstart.Priming;

/** GET /articles?limit=&cursor=&tag=&section=: published articles newest first, a page at a time. */
public final class ListArticlesHandler extends ApiHandler {

    private final ArticleListingService listings;
    private final SiteUrl site;

    public ListArticlesHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public ListArticlesHandler(Environment environment) {
        this(ArticlesConfig.from(environment));
        Priming.registerForSnapshot(environment, this);
    }

    private ListArticlesHandler(ArticlesConfig config) {
        this(Wiring.articleListingService(config), config.siteUrl());
    }

    public ListArticlesHandler(ArticleListingService listings, SiteUrl site) {
        this.listings = Objects.requireNonNull(listings, "listings");
        this.site = Objects.requireNonNull(site, "site");
    }

    /** The home page's first article: a real Query of the published index, which only reads. */
    @Override
    protected List<Runnable> primingSteps() {
        return List.of(answering(ApiGatewayEvents.event("GET", "/articles", Map.of(), Map.of("limit", "1"),
                Map.of("accept", "application/json"), null)));
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        int limit = ArticleListingService.parseLimit(request.queryParameter("limit"));
        var page = listings.list(request.queryParameter("tag"), request.queryParameter("section"), limit,
                request.queryParameter("cursor"));
        return ConditionalGet.ok(request, ArticleListingJson.page(page, site));
    }
}
