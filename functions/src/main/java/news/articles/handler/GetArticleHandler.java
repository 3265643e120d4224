package news.articles.handler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.article.ArticleService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiGatewayEvents;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;
import news.articles.snapstart.Priming;

/** GET /articles/{slug}: one published article, cacheable, with an ETag. */
public final class GetArticleHandler extends ApiHandler {

    private final ArticleService articles;
    private final SiteUrl site;

    public GetArticleHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public GetArticleHandler(Environment environment) {
        this(ArticlesConfig.from(environment));
        Priming.registerForSnapshot(environment, this);
    }

    private GetArticleHandler(ArticlesConfig config) {
        this(Wiring.articleService(config), config.siteUrl());
    }

    public GetArticleHandler(ArticleService articles, SiteUrl site) {
        this.articles = Objects.requireNonNull(articles, "articles");
        this.site = Objects.requireNonNull(site, "site");
    }

    /** A well-formed slug of no article: a real GetItem that finds nothing, and the 404. */
    @Override
    protected List<Runnable> primingSteps() {
        String slug = "snapstart-priming";
        return List.of(answering(ApiGatewayEvents.event("GET", "/articles/" + slug, Map.of("slug", slug), Map.of(),
                Map.of("accept", "application/json"), null)));
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        var article = articles.publishedArticle(request.pathParameter("slug").orElse(""));
        return ConditionalGet.ok(request, ArticleJson.article(article, site));
    }
}
