package news.articles.handler;

import java.util.Objects;
import news.articles.article.RecommendationService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;

/** GET /articles/{slug}/recommendations?limit=N: the RECOMMENDED list and the NEXT UP article. */
public final class ListRecommendationsHandler extends ApiHandler {

    private final RecommendationService recommendations;
    private final SiteUrl site;

    public ListRecommendationsHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public ListRecommendationsHandler(Environment environment) {
        this(Wiring.listRecommendations(environment), ArticlesConfig.from(environment).siteUrl());
    }

    public ListRecommendationsHandler(RecommendationService recommendations, SiteUrl site) {
        this.recommendations = Objects.requireNonNull(recommendations, "recommendations");
        this.site = Objects.requireNonNull(site, "site");
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        int limit = RecommendationService.parseLimit(request.queryParameter("limit"));
        var result = recommendations.recommend(request.pathParameter("slug").orElse(""), limit);
        return ConditionalGet.ok(request, ArticleJson.recommendations(result, site));
    }
}
