package news.articles.handler;

import java.util.Objects;
import news.articles.article.ArticleService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;

/** GET /articles/{slug}: one published article, cacheable, with an ETag. */
public final class GetArticleHandler extends ApiHandler {

    private final ArticleService articles;
    private final SiteUrl site;

    public GetArticleHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public GetArticleHandler(Environment environment) {
        this(Wiring.getArticle(environment), ArticlesConfig.from(environment).siteUrl());
    }

    public GetArticleHandler(ArticleService articles, SiteUrl site) {
        this.articles = Objects.requireNonNull(articles, "articles");
        this.site = Objects.requireNonNull(site, "site");
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        var article = articles.publishedArticle(request.pathParameter("slug").orElse(""));
        return ConditionalGet.ok(request, ArticleJson.article(article, site));
    }
}
