package news.articles.handler;

import news.articles.testing.TestKeys;
import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import news.articles.article.ArticleListingService;
import news.articles.article.SectionsService;
import news.articles.testing.InMemoryTaxonomyStore;
import news.articles.article.ArticleService;
import news.articles.article.ArticleStore;
import news.articles.article.RecommendationService;
import news.articles.config.SiteUrl;
import news.articles.error.StoreException;
import news.articles.mail.MailException;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.RateLimiter;
import news.articles.subscription.SubscriberStore;
import news.articles.subscription.SubscriptionService;
import news.articles.testing.ApiEvent;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.LogCapture;
import news.articles.testing.RecordingContext;
import news.articles.testing.Subscriptions;
import news.articles.testing.property.Gen;
import news.articles.testing.property.HostileEvents.RawEvent;
import news.articles.testing.property.HostileEvents.Route;
import news.articles.testing.property.HostileEvents;
import news.articles.testing.property.HostileText;
import news.articles.testing.property.Property;
import news.articles.testing.property.ResponseInvariants.Expectations;
import news.articles.testing.property.ResponseInvariants;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionPages;
import news.articles.newsletter.EditionStore;
import news.articles.testing.InMemoryEditionStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The HTTP functions while their store or mailer fails now and then, with failures whose messages
 * quote an address, an IP and a token, as SDK messages may: the answer is what it would have been,
 * or a 503 with Retry-After, or a 500, always with a stable code, and neither the answer nor the
 * log line says anything of the failure's text.
 */
class FailingDependenciesTest {

    private static final int TRIES = 150;
    private static final String QUOTED = "reader@example.com from 198.51.100.7 with secret-token-123";
    private static final List<String> NEVER_SHOWN = List.of("reader@", "198.51.100.7", "secret-token", "could not reach");

    /** Each call to a dependency fails with this chance, decided by the try's own seed. */
    private Random failures = new Random(0);

    private final ArticleStore articles = failing(ArticleStore.class, new InMemoryArticleStore(
            article("heat-pumps").tags("energy").daysAgo(1).build(), article("soil-microbes").tags("energy").daysAgo(2).build()));
    private final Subscriptions fakes = new Subscriptions();
    private final SubscriptionService subscriptions = new SubscriptionService(
            failing(SubscriberStore.class, fakes.store), failing(RateLimiter.class, fakes.limiter), fakes.mailer,
            fakes.settings, TestKeys.IDENTIFIERS, fakes.clock, new SecureRandom());
    private final Clock clock = Clock.fixed(Articles.NOW, ZoneOffset.UTC);
    private final SiteUrl site = new SiteUrl(Subscriptions.SITE_URL);

    @Test
    void articleFunctions() {
        Expectations articleAnswers = new Expectations(Set.of(200), true, false).whenDependenciesFail();
        Route article = new Route("/articles/heat-pumps", List.of("GET"), List.of("slug"), List.of("limit"), List.of());
        Gen<String> slugs = HostileText.slugLike(List.of("heat-pumps", "soil-microbes"));
        Gen<String> anArticle = Gen.of("heat-pumps", "soil-microbes")
                .map(slug -> ApiEvent.get("/articles/" + slug).pathParameter("slug", slug).json());
        check(new GetArticleHandler(new ArticleService(articles, clock), site), article, slugs, slugs, anArticle, articleAnswers);
        check(new ListRecommendationsHandler(new RecommendationService(articles, clock), site), article, slugs,
                Gen.of("1", "3", "x"), anArticle, articleAnswers);
        check(new ListArticlesHandler(new ArticleListingService(articles, TestKeys.IDENTIFIERS, clock),
                new SectionsService(new InMemoryTaxonomyStore(), clock), site),
                new Route("/articles", List.of("GET"), List.of(), List.of("limit", "tag", "section", "exclude"), List.of()),
                slugs, Gen.of("1", "5", "energy", "science"),
                Gen.of("1", "5").map(limit -> ApiEvent.get("/articles").query("limit", limit).json()), articleAnswers);
    }

    @Test
    void newsletterPageFunction() {
        EditionStore editions = failing(EditionStore.class, new InMemoryEditionStore(NewsletterPageHandlerTest.edition(47, 3),
                NewsletterPageHandlerTest.edition(46, 2)));
        Gen<String> weeks = Gen.of("2026-W47", "2026-W46", "2026-W48", "x");
        check(new NewsletterPageHandler(new EditionPages(editions), new EditionContent("The Newsroom", new SiteLinks(site)), site),
                new Route("/newsletter/2026-W47", List.of("GET"), List.of("editionId"), List.of("before"), List.of()),
                weeks, weeks,
                Gen.frequency(
                        2, Gen.of("2026-W47", "2026-W46").map(id -> ApiEvent.get("/newsletter/" + id).pathParameter("editionId", id)
                                .json()),
                        1, Gen.of("2026-W47", "2026-W46").map(id -> ApiEvent.get("/newsletter").query("before", id).json())),
                new Expectations(Set.of(200), true, false).whenDependenciesFail());
    }

    @Test
    void subscriptionFunctions() {
        fakes.service.subscribe("pending@example.com", Subscriptions.REQUESTER);
        Gen<String> tokens = Gen.of(fakes.lastToken(), Subscriptions.unsubscribeToken(fakes.mailer.last()));
        Gen<String> emails = Gen.of("reader@example.com", "other@example.org", "third@example.net");
        check(new SubscribeHandler(subscriptions, Subscriptions.REQUESTS),
                new Route("/subscriptions", List.of("POST"), List.of(), List.of(), List.of("email")),
                HostileText.any(), emails, emails.flatMap(email -> Gen.integers(1, 254).map(host -> ApiEvent.post("/subscriptions")
                        .jsonBody("{\"email\":\"" + email + "\"}").json()
                        .replace("\"198.51.100.7\"", "\"192.0.2." + host + "\""))), // from many readers, not one over its limit
                new Expectations(Set.of(202), false, true).whenDependenciesFail());
        Expectations linkAnswers = new Expectations(Set.of(200), false, true).whenDependenciesFail();
        check(new ConfirmSubscriptionHandler(subscriptions, Subscriptions.REQUESTS),
                new Route("/subscriptions/confirm", List.of("POST", "GET"), List.of(), List.of("token"), List.of("token")),
                HostileText.any(), tokens, posted("/subscriptions/confirm", tokens), linkAnswers);
        check(new UnsubscribeHandler(subscriptions, Subscriptions.REQUESTS),
                new Route("/subscriptions/unsubscribe", List.of("POST", "GET"), List.of(), List.of("token"), List.of("token")),
                HostileText.any(), tokens, posted("/subscriptions/unsubscribe", tokens), linkAnswers);
    }

    private static Gen<String> posted(String path, Gen<String> tokens) {
        return tokens.map(token -> ApiEvent.post(path).jsonBody("{\"token\":\"" + token + "\"}").json());
    }

    private record Attempt(RawEvent event, long failureSeed) {
    }

    @RegisterExtension
    final LogCapture log = LogCapture.eachTest();

    /** Mostly well-formed requests ({@code wellFormed}), so that the dependencies are reached, and some hostile ones. */
    private void check(RequestStreamHandler handler, Route route, Gen<String> pathValues, Gen<String> fieldValues,
            Gen<String> wellFormed, Expectations expected) {
        Gen<RawEvent> events = Gen.frequency(
                3, wellFormed.map(json -> new RawEvent(json.getBytes(java.nio.charset.StandardCharsets.UTF_8))),
                1, new HostileEvents(route, pathValues, fieldValues).events());
        Gen<Attempt> attempts = random -> new Attempt(events.next(random), random.nextLong());
        Set<Integer> statuses = new HashSet<>();
        AtomicInteger linesLogged = new AtomicInteger();
        Property.forAll(handler.getClass().getSimpleName() + " while its dependencies fail", TRIES, attempts, attempt -> {
            failures = new Random(attempt.failureSeed());
            if (failures.nextInt(3) == 0) {
                fakes.mailer.failNextWith(new MailException("could not reach SES for " + QUOTED, failures.nextBoolean(),
                        new IllegalStateException(QUOTED)));
            }
            RecordingContext context = new RecordingContext();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(attempt.event().bytes()), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            statuses.add(ResponseInvariants.check(out.toByteArray(), expected).status());
            String answer = out.toString(java.nio.charset.StandardCharsets.UTF_8);
            List<String> logged = log.drain();
            linesLogged.addAndGet(logged.size());
            for (String secret : NEVER_SHOWN) {
                assertFalse(answer.contains(secret), () -> "the answer quotes the failure: " + secret);
                logged.forEach(line -> assertFalse(line.contains(secret), () -> "the log quotes the failure: " + line));
            }
        });
        assertTrue(statuses.stream().anyMatch(status -> status >= 500) && statuses.stream().anyMatch(expected.successStatuses()::contains),
                () -> "the failures should have shown, and not always: " + statuses);
        assertTrue(linesLogged.get() > 0, "the failures were never logged: the log checks saw nothing");
    }

    /** {@code real}, except that each call fails with a one-in-four chance, with a message quoting personal data. */
    private <T> T failing(Class<T> type, T real) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(real, args);
            }
            if (failures.nextInt(4) == 0) {
                throw new StoreException("could not reach the store for " + QUOTED, failures.nextInt(4) != 0,
                        new IllegalStateException(QUOTED));
            }
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }));
    }
}
