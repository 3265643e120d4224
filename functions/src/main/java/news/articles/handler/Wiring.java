package news.articles.handler;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import news.articles.article.ArticleListingService;
import news.articles.article.SectionsService;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.aws.AwsClients;
import news.articles.aws.Secrets;
import news.articles.config.ArticlesConfig;
import news.articles.config.BrowserOrigins;
import news.articles.config.Environment;
import news.articles.config.IdentifierKeyConfig;
import news.articles.config.MetricsConfig;
import news.articles.config.NewsletterPageConfig;
import news.articles.config.SiteUrl;
import news.articles.config.SubscriptionConfig;
import news.articles.config.NewsletterConfig;
import news.articles.config.NewsletterSenderConfig;
import news.articles.config.SuppressionConfig;
import news.articles.http.AnswerFloor;
import news.articles.http.ClientAddress;
import news.articles.http.Masthead;
import news.articles.http.CrossSiteRequests;
import news.articles.keyed.KeyedHash;
import news.articles.mail.ses.SesMailer;
import news.articles.metrics.BusinessMetrics;
import news.articles.metrics.emf.EmfBusinessMetrics;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.EditionComposer;
import news.articles.newsletter.NewsletterEmail;
import news.articles.newsletter.NewsletterFanOut;
import news.articles.newsletter.NewsletterSender;
import news.articles.newsletter.SendPace;
import news.articles.newsletter.RecipientDirectory;
import news.articles.newsletter.WeeklyNewsletter;
import news.articles.newsletter.sqs.DeliveryMessages;
import news.articles.newsletter.sqs.SqsDeliveryQueue;
import news.articles.newsletter.EditionPages;
import news.articles.snapstart.Priming;
import news.articles.store.dynamodb.DynamoDbDeliveryLog;
import news.articles.store.dynamodb.DynamoDbEditionStore;
import news.articles.store.dynamodb.DynamoDbNewsletterRecipients;
import news.articles.store.dynamodb.DynamoDbFanOutProgress;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbTaxonomyStore;
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

    /** What the listings function serves: the article listings and the sections. */
    record Listings(ArticleListingService articles, SectionsService sections) {
    }

    static Listings listArticles(Environment environment) {
        ArticlesConfig config = ArticlesConfig.from(environment);
        // One client for both: each would otherwise cost its own start-up.
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        ArticleListingService service = new ArticleListingService(
                new DynamoDbArticleStore(dynamoDb, config.articlesTable()), identifierKey(environment), Clock.systemUTC());
        SectionsService sections = new SectionsService(
                new DynamoDbTaxonomyStore(dynamoDb, config.articlesTable()), Clock.systemUTC());
        Priming.registerForSnapshot(environment, ListArticlesHandler.class.getSimpleName(),
                () -> PrimingSteps.listArticles(new ListArticlesHandler(service, sections, config.siteUrl())));
        return new Listings(service, sections);
    }

    static RecommendationService listRecommendations(Environment environment) {
        ArticlesConfig config = ArticlesConfig.from(environment);
        DynamoDbArticleStore store = articleStore(config);
        RecommendationService service = new RecommendationService(store, Clock.systemUTC(), RecommendationService.newReadPool());
        if (config.recommendationHalfLife().isPresent()) {
            service = service.withHalfLife(config.recommendationHalfLife().get());
        }
        RecommendationService wired = service;
        Priming.registerForSnapshot(environment, ListRecommendationsHandler.class.getSimpleName(),
                () -> PrimingSteps.listRecommendations(new ListRecommendationsHandler(wired, config.siteUrl()), store));
        return wired;
    }

    static EditionPages newsletterPage(Environment environment) {
        NewsletterPageConfig config = NewsletterPageConfig.from(environment);
        EditionPages pages = new EditionPages(
                new DynamoDbEditionStore(AwsClients.dynamoDb(config.aws()), config.editionsTable()));
        Priming.registerForSnapshot(environment, NewsletterPageHandler.class.getSimpleName(),
                () -> PrimingSteps.newsletterPage(new NewsletterPageHandler(pages, NewsletterPageHandler.content(config),
                        config.siteUrl())));
        return pages;
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
                AnswerFloor.of(SubscriptionConfig.answerFloor(environment)), masthead(environment),
                metrics(environment, SUBSCRIPTIONS));
    }

    /** The site's name and URL, atop the pages the subscription functions serve. */
    static Masthead masthead(Environment environment) {
        return new Masthead(environment.require("SITE_NAME"), new SiteUrl(environment.require("SITE_URL")).base());
    }

    /** The {@code Service} dimension of the subscription functions' metrics (sign-ups to suppressions). */
    static final String SUBSCRIPTIONS = "Subscriptions";
    /** The {@code Service} dimension of the newsletter's metrics. */
    static final String NEWSLETTER = "Newsletter";

    /** Business metrics as EMF lines, in the stack's namespace (METRICS_NAMESPACE). */
    static BusinessMetrics metrics(Environment environment, String service) {
        return new EmfBusinessMetrics(MetricsConfig.from(environment).namespace(), service);
    }

    static SuppressionService sesEvents(Environment environment) {
        SuppressionConfig config = SuppressionConfig.from(environment);
        return new SuppressionService(
                new DynamoDbSubscriberStore(AwsClients.dynamoDb(config.aws()), config.subscribersTable()),
                identifierKey(environment), Clock.systemUTC()).withMetrics(metrics(environment, SUBSCRIPTIONS));
    }

    /**
     * The weekly run: the composer on the Articles and Editions tables, and the fan-out's start
     * (progress on the edition, the first page on the queue). The fan-out's pages run in the
     * sender, which reads the recipients; the weekly function never does.
     */
    static WeeklyNewsletter weeklyNewsletter(Environment environment) {
        NewsletterConfig config = NewsletterConfig.from(environment);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        DynamoDbArticleStore articles = new DynamoDbArticleStore(dynamoDb, config.articlesTable());
        DynamoDbEditionStore editions = new DynamoDbEditionStore(dynamoDb, config.editionsTable());
        DynamoDbFanOutProgress progress = new DynamoDbFanOutProgress(dynamoDb, config.editionsTable());
        EditionComposer composer = new EditionComposer(articles, editions, config.maxArticles(), Clock.systemUTC());
        // The weekly function only starts the fan-out: no page runs here, so no recipients are read.
        NewsletterFanOut fanOut = new NewsletterFanOut(NO_RECIPIENTS, new SqsDeliveryQueue(AwsClients.sqs(config.aws()),
                config.queueUrl()), progress, NewsletterFanOut.DEFAULT_PAGE_SIZE, Clock.systemUTC());
        Priming.registerForSnapshot(environment, NewsletterScheduleHandler.class.getSimpleName(),
                () -> PrimingSteps.newsletter(composer, progress));
        return new WeeklyNewsletter(composer, fanOut);
    }

    /**
     * The sender: the delivery log and the recipients on the Subscribers table, the edition and
     * the fan-out's progress on the Editions table, the queue for the fan-out's pages, SES, and a
     * pace of MaxSendRatePerSecond shared among the event source's MaximumConcurrency.
     */
    static NewsletterSender newsletterSender(Environment environment) {
        NewsletterSenderConfig config = NewsletterSenderConfig.from(environment);
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(config.aws());
        DynamoDbEditionStore editions = new DynamoDbEditionStore(dynamoDb, config.editionsTable());
        DynamoDbDeliveryLog log = new DynamoDbDeliveryLog(dynamoDb, config.subscribersTable());
        DynamoDbNewsletterRecipients recipients = new DynamoDbNewsletterRecipients(dynamoDb, config.subscribersTable());
        DynamoDbFanOutProgress progress = new DynamoDbFanOutProgress(dynamoDb, config.editionsTable());
        NewsletterFanOut fanOut = new NewsletterFanOut(recipients, new SqsDeliveryQueue(AwsClients.sqs(config.aws()),
                config.queueUrl()), progress, NewsletterFanOut.DEFAULT_PAGE_SIZE, Clock.systemUTC());
        SesMailer mailer = new SesMailer(AwsClients.sesV2(config.aws()), config.senderAddress(), config.sesConfigurationSet());
        SiteLinks links = new SiteLinks(config.siteUrl());
        NewsletterEmail emails = new NewsletterEmail(config.siteName(), links);
        Priming.registerForSnapshot(environment, NewsletterSenderHandler.class.getSimpleName(),
                () -> PrimingSteps.newsletterSender(editions, recipients, progress, emails, links, mailer::rehearse));
        return new NewsletterSender(editions, log, emails, links, mailer, fanOut,
                SendPace.of(config.sendsPerSecondPerSender()), Clock.systemUTC(), new SecureRandom())
                .withMetrics(metrics(environment, NEWSLETTER));
    }

    /** The weekly function's fan-out never reads a page (its pages run in the sender): reading one is a wiring error. */
    private static final RecipientDirectory NO_RECIPIENTS = (after, limit) -> {
        throw new IllegalStateException("the weekly function reads no recipients: fan-out pages run in the sender");
    };

    /** How the sender reads the queue's message bodies. */
    static Function<String, Optional<DeliveryWork>> deliveryMessageReader() {
        return DeliveryMessages::read;
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
                mailer, settings, identifierKey(environment), Clock.systemUTC(), new SecureRandom())
                .withMetrics(metrics(environment, SUBSCRIPTIONS));
        return new Subscriptions(service, store, mailer, settings);
    }

    /**
     * The stack's identifier key, read from Secrets Manager once per function instance, here at
     * init (before a SnapStart snapshot). Never logged: {@link KeyedHash} does not print it.
     */
    static KeyedHash identifierKey(Environment environment) {
        IdentifierKeyConfig config = IdentifierKeyConfig.from(environment);
        return KeyedHash.withKey(Secrets.read(config.aws(), config.secretId()));
    }

    private static DynamoDbArticleStore articleStore(ArticlesConfig config) {
        return new DynamoDbArticleStore(AwsClients.dynamoDb(config.aws()), config.articlesTable());
    }
}
