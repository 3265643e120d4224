package news.articles.benchmarks.warm;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import news.articles.article.Article;
import news.articles.article.ArticleListingService;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.article.SectionsService;
import news.articles.article.SiteTaxonomy;
import news.articles.article.TaxonomyStore;
import news.articles.config.SiteUrl;
import news.articles.handler.ConfirmSubscriptionHandler;
import news.articles.handler.GetArticleHandler;
import news.articles.handler.ListArticlesHandler;
import news.articles.handler.ListRecommendationsHandler;
import news.articles.handler.NewsletterPageHandler;
import news.articles.handler.SiteLinks;
import news.articles.handler.SubscribeHandler;
import news.articles.handler.SubscriptionRequests;
import news.articles.http.ClientAddress;
import news.articles.http.CrossSiteRequests;
import news.articles.handler.UnsubscribeHandler;
import news.articles.mail.Mailer;
import news.articles.newsletter.EditionComposer;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionPages;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.SubscriptionService;
import news.articles.testing.InMemoryEditionStore;
import news.articles.testing.InMemoryRateLimiter;
import news.articles.testing.InMemorySubscriberStore;
import news.articles.testing.Subscriptions;
import news.articles.tools.importer.MarkdownArticle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Each handler's own cost per invocation, warm: its handleRequest on the function's sample event,
 * with the stores and the mailer answering in memory (the articles of content/), so that what is
 * measured is parsing, the domain logic and writing the response, not moto or the network.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class HandlerBenchmarks {

    /** Set by the harness: the repository's root, for content/ and events/. */
    public static final String ROOT_PROPERTY = "news.articles.benchmarks.root";

    private RequestStreamHandler getArticle;
    private RequestStreamHandler listRecommendations;
    private RequestStreamHandler listArticles;
    private RequestStreamHandler subscribe;
    private RequestStreamHandler confirmSubscription;
    private byte[] getArticleEvent;
    private byte[] listRecommendationsEvent;
    private byte[] listArticlesEvent;
    private byte[] subscribeEvent;
    private byte[] confirmPageEvent;
    private UnsubscribeHandler unsubscribe;
    private byte[] unsubscribePageEvent;
    private NewsletterPageHandler newsletterPage;
    private byte[] newsletterEditionEvent;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream(64 * 1024);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path root = Path.of(System.getProperty(ROOT_PROPERTY, "."));
        List<Article> articles;
        try (Stream<Path> files = Files.list(root.resolve("content"))) {
            articles = files.filter(file -> file.toString().endsWith(MarkdownArticle.EXTENSION)).sorted()
                    .map(MarkdownArticle::read).toList();
        }
        InMemoryArticleStore store = new InMemoryArticleStore(articles);
        Clock clock = Clock.systemUTC();
        SiteUrl site = new SiteUrl("https://news.example.com");
        getArticle = new GetArticleHandler(new ArticleService(store, clock), site);
        listRecommendations = new ListRecommendationsHandler(new RecommendationService(store, clock), site);
        SiteTaxonomy taxonomy = SiteTaxonomy.of(articles, clock.instant());
        TaxonomyStore taxonomyStore = new TaxonomyStore() {
            @Override
            public Optional<SiteTaxonomy> find() {
                return Optional.of(taxonomy);
            }

            @Override
            public void save(SiteTaxonomy ignored) {
                throw new UnsupportedOperationException("the benchmark only reads");
            }
        };
        listArticles = new ListArticlesHandler(new ArticleListingService(store, news.articles.testing.TestKeys.IDENTIFIERS, clock),
                new SectionsService(taxonomyStore, clock), site);
        Mailer discard = message -> {
        };
        // No sign-up limit, per IP or per address: every sample sign-up comes from the same address and must reach the handler's full path.
        SubscriptionService subscriptions = new SubscriptionService(new InMemorySubscriberStore(),
                new InMemoryRateLimiter(), discard,
                new SubscriptionService.Settings("The Newsroom", new SiteLinks(site), Duration.ofHours(48), Integer.MAX_VALUE,
                        new EmailLimits(Duration.ZERO, Integer.MAX_VALUE), Integer.MAX_VALUE),
                news.articles.testing.TestKeys.IDENTIFIERS, clock, new SecureRandom());
        // The sample events' origin is the site itself; the client address comes from the connection.
        SubscriptionRequests requests = new SubscriptionRequests(new CrossSiteRequests(List.of(site.base())),
                new ClientAddress(Optional.empty()));
        subscribe = new SubscribeHandler(subscriptions, requests);
        confirmSubscription = new ConfirmSubscriptionHandler(subscriptions, requests);
        unsubscribe = new UnsubscribeHandler(subscriptions, requests);
        // The edition the sample event asks for, composed from content/ as the weekly run of 2026-11-20 stores it.
        InMemoryEditionStore editions = new InMemoryEditionStore();
        new EditionComposer(store, editions, 10, clock).prepare(Instant.parse("2026-11-20T09:00:00Z"));
        newsletterPage = new NewsletterPageHandler(new EditionPages(editions),
                new EditionContent("The Newsroom", new SiteLinks(site)), site);
        newsletterEditionEvent = event(root, "newsletter-edition.json");
        getArticleEvent = event(root, "get-article.json");
        listRecommendationsEvent = event(root, "list-recommendations.json");
        listArticlesEvent = event(root, "list-articles.json");
        subscribeEvent = event(root, "subscribe.json");
        confirmPageEvent = event(root, "confirm-page.json");
        unsubscribePageEvent = event(root, "unsubscribe-page.json");
        expect(200, getArticle, getArticleEvent);
        expect(200, listRecommendations, listRecommendationsEvent);
        expect(200, listArticles, listArticlesEvent);
        expect(202, subscribe, subscribeEvent);
        expect(200, confirmSubscription, confirmPageEvent);
        expect(200, unsubscribe, unsubscribePageEvent);
        expect(200, newsletterPage, newsletterEditionEvent);
    }

    /** A benchmark of an error path would measure the wrong thing: each sample event must succeed. */
    private void expect(int status, RequestStreamHandler handler, byte[] event) throws IOException {
        invoke(handler, event);
        int actual = new ObjectMapper().readTree(output.toByteArray()).path("statusCode").asInt(-1);
        if (actual != status) {
            throw new IllegalStateException(handler.getClass().getSimpleName() + " answered " + actual + " instead of "
                    + status + ": " + output);
        }
    }

    /** An edition's web version, as a browser asks for it: read, laid out as the digest, escaped, hashed for its ETag. */
    @Benchmark
    public int newsletterPage() throws IOException {
        return invoke(newsletterPage, newsletterEditionEvent);
    }

    @Benchmark
    public int getArticle() throws IOException {
        return invoke(getArticle, getArticleEvent);
    }

    @Benchmark
    public int listRecommendations() throws IOException {
        return invoke(listRecommendations, listRecommendationsEvent);
    }

    @Benchmark
    public int listArticles() throws IOException {
        return invoke(listArticles, listArticlesEvent);
    }

    /** The same address each time: after the first call, the renewal path (a new token, the email again). */
    @Benchmark
    public int subscribe() throws IOException {
        return invoke(subscribe, subscribeEvent);
    }

    @Benchmark
    public int confirmSubscription() throws IOException {
        return invoke(confirmSubscription, confirmPageEvent);
    }

    @Benchmark
    public int unsubscribe() throws IOException {
        return invoke(unsubscribe, unsubscribePageEvent);
    }

    private int invoke(RequestStreamHandler handler, byte[] event) throws IOException {
        output.reset();
        handler.handleRequest(new ByteArrayInputStream(event), output, null);
        return output.size();
    }

    private static byte[] event(Path root, String name) {
        try {
            return Files.readAllBytes(root.resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
