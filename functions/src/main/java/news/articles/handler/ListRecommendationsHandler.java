package news.articles.handler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.article.RecommendationService;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ApiGatewayEvents;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;
import news.articles.snapstart.Priming;

/** GET /articles/{slug}/recommendations?limit=N: the RECOMMENDED list and the NEXT UP article. */
public final class ListRecommendationsHandler extends ApiHandler {

    private final RecommendationService recommendations;
    private final SiteUrl site;

    public ListRecommendationsHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public ListRecommendationsHandler(Environment environment) {
        this(ArticlesConfig.from(environment));
        Priming.registerForSnapshot(environment, this);
    }

    private ListRecommendationsHandler(ArticlesConfig config) {
        this(Wiring.recommendationService(config), config.siteUrl());
    }

    public ListRecommendationsHandler(RecommendationService recommendations, SiteUrl site) {
        this.recommendations = Objects.requireNonNull(recommendations, "recommendations");
        this.site = Objects.requireNonNull(site, "site");
    }

    /**
     * Recommendations for the newest article, the whole path (GetItem, the candidates' Queries,
     * ranking, JSON), or for a slug of no article (a GetItem and the 404) on an empty site.
     */
    @Override
    protected List<Runnable> primingSteps() {
        return List.of(() -> {
            String slug = recommendations.newestSlug().orElse("snapstart-priming");
            answering(ApiGatewayEvents.event("GET", "/articles/" + slug + "/recommendations", Map.of("slug", slug),
                    Map.of(), Map.of("accept", "application/json"), null)).run();
        });
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        int limit = RecommendationService.parseLimit(request.queryParameter("limit"));
        var result = recommendations.recommend(request.pathParameter("slug").orElse(""), limit);
        return ConditionalGet.ok(request, ArticleJson.recommendations(result, site));
    }
}
