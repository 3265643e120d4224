package news.articles.handler;

import java.util.Objects;
import news.articles.article.ArticleListingService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;

/** GET /articles?limit=&cursor=&tag=&section=&exclude=: published articles newest first, a page at a time. */
public final class ListArticlesHandler extends ApiHandler {

    private final ArticleListingService listings;
    private final SiteUrl site;

    public ListArticlesHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public ListArticlesHandler(Environment environment) {
        this(Wiring.listArticles(environment), ArticlesConfig.from(environment).siteUrl());
    }

    public ListArticlesHandler(ArticleListingService listings, SiteUrl site) {
        this.listings = Objects.requireNonNull(listings, "listings");
        this.site = Objects.requireNonNull(site, "site");
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        int limit = ArticleListingService.parseLimit(request.queryParameter("limit"));
        var page = listings.list(request.queryParameter("tag"), request.queryParameter("section"),
                request.queryParameter("exclude"), limit,
                request.queryParameter("cursor"));
        return ConditionalGet.ok(request, ArticleListingJson.page(page, site));
    }
}
