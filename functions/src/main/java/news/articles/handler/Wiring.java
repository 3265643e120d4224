package news.articles.handler;

import java.security.SecureRandom;
import java.time.Clock;
import news.articles.article.ArticleListingService;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.aws.AwsClients;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.config.SubscriptionConfig;
import news.articles.config.SuppressionConfig;
import news.articles.mail.ses.SesMailer;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbRateLimiter;
import news.articles.store.dynamodb.DynamoDbSubscriberStore;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.SubscriptionService;
import news.articles.subscription.SuppressionService;

/**
 * Builds the real dependencies from the function's environment, once per function instance
 * (from the handlers' no-argument constructors, during Lambda's init phase).
 */
final class Wiring {

    private Wiring() {
    }

    static ArticleService articleService(ArticlesConfig config) {
        return new ArticleService(articleStore(config), Clock.systemUTC());
    }

    static ArticleListingService articleListingService(ArticlesConfig config) {
        return new ArticleListingService(articleStore(config), Clock.systemUTC());
    }

    static RecommendationService recommendationService(ArticlesConfig config) {
        return new RecommendationService(articleStore(config), Clock.systemUTC())
                .withHalfLife(config.recommendationHalfLife());
    }

    static SubscriptionService subscriptionService(Environment environment) {
        SubscriptionConfig config = SubscriptionConfig.from(environment);
        var dynamoDb = AwsClients.dynamoDb(config.aws());
        return new SubscriptionService(
                new DynamoDbSubscriberStore(dynamoDb, config.subscribersTable()),
                new DynamoDbRateLimiter(dynamoDb, config.subscribersTable()),
                new SesMailer(AwsClients.sesV2(config.aws()), config.senderAddress(), config.sesConfigurationSet()),
                new SubscriptionService.Settings(config.siteName(), config.siteUrl(), config.confirmTokenTtl(),
                        config.signUpsPerIpPerHour(),
                        new EmailLimits(config.confirmationEmailCooldown(), config.confirmationEmailsPerDay())),
                Clock.systemUTC(),
                new SecureRandom());
    }

    static SuppressionService suppressionService(Environment environment) {
        SuppressionConfig config = SuppressionConfig.from(environment);
        return new SuppressionService(
                new DynamoDbSubscriberStore(AwsClients.dynamoDb(config.aws()), config.subscribersTable()),
                Clock.systemUTC());
    }

    private static DynamoDbArticleStore articleStore(ArticlesConfig config) {
        return new DynamoDbArticleStore(AwsClients.dynamoDb(config.aws()), config.articlesTable());
    }
}
