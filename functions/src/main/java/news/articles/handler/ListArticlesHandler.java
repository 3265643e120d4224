package news.articles.handler;

import java.util.Objects;
import news.articles.article.ArticleListingService;
import news.articles.article.SectionsService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;

/**
 * The site's listings. GET /articles?limit=&cursor=&tag=&section=&exclude=: published articles
 * newest first, a page at a time; GET /sections: the sections and tags that exist, with their
 * article counts, so that a front end can build its navigation and tell an unknown tag from an
 * empty one.
 */
public final class ListArticlesHandler extends ApiHandler {

    private final ArticleListingService listings;
    private final SectionsService sections;
    private final SiteUrl site;

    public ListArticlesHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public ListArticlesHandler(Environment environment) {
        this(Wiring.listArticles(environment), ArticlesConfig.from(environment).siteUrl());
    }

    private ListArticlesHandler(Wiring.Listings wired, SiteUrl site) {
        this(wired.articles(), wired.sections(), site);
    }

    public ListArticlesHandler(ArticleListingService listings, SectionsService sections, SiteUrl site) {
        this.listings = Objects.requireNonNull(listings, "listings");
        this.sections = Objects.requireNonNull(sections, "sections");
        this.site = Objects.requireNonNull(site, "site");
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        // Ends with: a stage other than $default prefixes the path with its name.
        if (request.path().endsWith("/sections")) {
            return ConditionalGet.ok(request, SectionsJson.of(sections.sections()));
        }
        int limit = ArticleListingService.parseLimit(request.queryParameter("limit"));
        var page = listings.list(request.queryParameter("tag"), request.queryParameter("section"),
                request.queryParameter("exclude"), limit, request.queryParameter("cursor"));
        return ConditionalGet.ok(request, ArticleListingJson.page(page, site));
    }
}
