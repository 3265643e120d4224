package news.articles.handler;

import java.security.SecureRandom;
import java.time.Clock;
import news.articles.article.ArticleListingService;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.aws.AwsClients;
import news.articles.config.ArticlesConfig;
import news.articles.config.BrowserOrigins;
import news.articles.config.Environment;
import news.articles.config.SubscriptionConfig;
import news.articles.config.SuppressionConfig;
import news.articles.http.AnswerFloor;
import news.articles.http.ClientAddress;
import news.articles.http.CrossSiteRequests;
import news.articles.mail.ses.SesMailer;
import news.articles.snapstart.Priming;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbRateLimiter;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.SubscriptionService;
import news.articles.subscription.SuppressionService;

/**
 * Builds each function's real dependencies from its environment, once per function instance
 * (from the handlers' no-argument constructors, during Lambda's init phase), and registers what
 * the function runs before a SnapStart snapshot ({@link PrimingSteps}) on those same dependencies.
 * The only class of the handlers that knows the adapters.
 */
final class Wiring {

    private Wiring() {
    }

    static ArticleService getArticle(Environment environment) {
        ArticlesConfig config = ArticlesConfig.from(environment);
        ArticleService service = new ArticleService(articleStore(config), Clock.systemUTC());
        Priming.registerForSnapshot(environment, GetArticleHandler.class.getSimpleName(),
                () -> PrimingSteps.getArticle(new GetArticleHandler(service, config.siteUrl())));
        return service;
    }

    static ArticleListingService listArticles(Environment environment) {
        ArticlesConfig config = ArticlesConfig.from(environment);
        ArticleListingService service = new ArticleListingService(articleStore(config), Clock.systemUTC());
        Priming.registerForSnapshot(environment, ListArticlesHandler.class.getSimpleName(),
                () -> PrimingSteps.listArticles(new ListArticlesHandler(service, config.siteUrl())));
        return service;
    }

    static RecommendationService listRecommendations(Environment environment) {
        ArticlesConfig config = ArticlesConfig.from(environment);
        DynamoDbArticleStore store = articleStore(config);
        RecommendationService service = new RecommendationService(store, Clock.systemUTC());
        if (config.recommendationHalfLife().isPresent()) {
            service = service.withHalfLife(config.recommendationHalfLife().get());
        }
        RecommendationService wired = service;
        Priming.registerForSnapshot(environment, ListRecommendationsHandler.class.getSimpleName(),
                () -> PrimingSteps.listRecommendations(new ListRecommendationsHandler(wired, config.siteUrl()), store));
        return wired;
    }

    static SubscriptionService subscribe(Environment environment) {
        Subscriptions wired = subscriptions(environment);
        Priming.registerForSnapshot(environment, SubscribeHandler.class.getSimpleName(),
                () -> PrimingSteps.subscribe(new SubscribeHandler(wired.service(), subscriptionRequests(environment)), wired.store(), wired.mailer()::rehearse,
                        wired.settings()));
        return wired.service();
    }

    static SubscriptionService confirmSubscription(Environment environment) {
        Subscriptions wired = subscriptions(environment);
        Priming.registerForSnapshot(environment, ConfirmSubscriptionHandler.class.getSimpleName(),
                () -> PrimingSteps.confirm(new ConfirmSubscriptionHandler(wired.service(), subscriptionRequests(environment)), wired.mailer()::rehearse,
                        wired.settings()));
        return wired.service();
    }

    static SubscriptionService unsubscribe(Environment environment) {
        Subscriptions wired = subscriptions(environment);
        Priming.registerForSnapshot(environment, UnsubscribeHandler.class.getSimpleName(),
                () -> PrimingSteps.unsubscribe(new UnsubscribeHandler(wired.service(), subscriptionRequests(environment))));
        return wired.service();
    }

    /**
     * Who may send the subscription functions' forms (the site, the allowed origins and the API
     * itself), and where the client's address comes from (CloudFront's viewer header only with the
     * origin-verify secret).
     */
    static SubscriptionRequests subscriptionRequests(Environment environment) {
        return new SubscriptionRequests(new CrossSiteRequests(BrowserOrigins.from(environment).origins()),
                new ClientAddress(environment.optional("ORIGIN_VERIFY_SECRET")),
                AnswerFloor.of(SubscriptionConfig.answerFloor(environment)));
    }

    static SuppressionService sesEvents(Environment environment) {
        SuppressionConfig config = SuppressionConfig.from(environment);
        return new SuppressionService(
                new DynamoDbSubscriberStore(AwsClients.dynamoDb(config.aws()), config.subscribersTable()),
                Clock.systemUTC());
    }

    /** The subscription functions' service and the adapters behind it, which their priming uses too. */
    private record Subscriptions(SubscriptionService service, DynamoDbSubscriberStore store, SesMailer mailer,
            SubscriptionService.Settings settings) {
    }

    private static Subscriptions subscriptions(Environment environment) {
        SubscriptionConfig config = SubscriptionConfig.from(environment);
        var dynamoDb = AwsClients.dynamoDb(config.aws());
        DynamoDbSubscriberStore store = new DynamoDbSubscriberStore(dynamoDb, config.subscribersTable());
        SesMailer mailer = new SesMailer(AwsClients.sesV2(config.aws()), config.senderAddress(), config.sesConfigurationSet());
        SubscriptionService.Settings settings = new SubscriptionService.Settings(config.siteName(),
                new SiteLinks(config.siteUrl()), config.confirmTokenTtl(), config.signUpsPerIpPerHour(),
                new EmailLimits(config.confirmationEmailCooldown(), config.confirmationEmailsPerDay(),
                        config.confirmationIntervalAfterUnsubscribe()),
                config.confirmationEmailsPerHour());
        SubscriptionService service = new SubscriptionService(store, new DynamoDbRateLimiter(dynamoDb, config.subscribersTable()),
                mailer, settings, Clock.systemUTC(), new SecureRandom());
        return new Subscriptions(service, store, mailer, settings);
    }

    private static DynamoDbArticleStore articleStore(ArticlesConfig config) {
        return new DynamoDbArticleStore(AwsClients.dynamoDb(config.aws()), config.articlesTable());
    }
}
