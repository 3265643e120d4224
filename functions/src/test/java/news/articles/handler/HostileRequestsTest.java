package news.articles.handler;

import news.articles.testing.TestKeys;
import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import news.articles.article.ArticleListingService;
import news.articles.article.SectionsService;
import news.articles.testing.InMemoryTaxonomyStore;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.config.SiteUrl;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
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
import news.articles.testing.InMemoryEditionStore;
import org.junit.jupiter.api.Test;

/**
 * Every HTTP function, sent generated hostile events (see {@link HostileEvents}), answers within
 * {@link ResponseInvariants}: never a 5xx, never an exception's text, a stable error code, header
 * values that cannot split the response, and the security headers. The stores and the mailer are
 * the in-memory fakes, so every 5xx here would be our own bug, not a dependency's.
 */
class HostileRequestsTest {

    private static final int TRIES = 400;
    private static final List<String> SLUGS = List.of("cold-climate-heat-pumps", "soil-microbes", "draft-story", "scheduled-story");
    private static final SiteUrl SITE = new SiteUrl("https://news.example.com");
    private static final Expectations ARTICLES = new Expectations(Set.of(200), true, false);
    private static final Expectations SUBSCRIPTIONS_ACCEPTED = new Expectations(Set.of(202), false, true);
    private static final Expectations SUBSCRIPTION_LINKS = new Expectations(Set.of(200), false, true);

    private final InMemoryArticleStore store = new InMemoryArticleStore(
            article("cold-climate-heat-pumps").section("science").tags("energy", "climate").daysAgo(2).build(),
            article("soil-microbes").section("science").tags("climate").daysAgo(3).build(),
            article("ev-charging").section("technology").tags("energy").daysAgo(1).build(),
            article("draft-story").draft().build(),
            article("scheduled-story").inDays(1).build());
    private final Clock clock = Clock.fixed(Articles.NOW, ZoneOffset.UTC);
    private final Subscriptions subscriptions = new Subscriptions();

    @Test
    void getArticle() {
        check(new GetArticleHandler(new ArticleService(store, clock), SITE),
                new Route("/articles/cold-climate-heat-pumps", List.of("GET"), List.of("slug"), List.of("limit"), List.of()),
                HostileText.slugLike(SLUGS), HostileText.any(), ARTICLES);
    }

    @Test
    void listArticles() {
        Gen<String> values = Gen.frequency(
                2, Gen.of("1", "5", "50", "51", "0", "-1", "01", "1.0", "1e1", " 5", "\u0665", "science", "energy", "technology"),
                2, HostileText.slugLike(List.of("science", "energy", "climate")),
                1, cursors(),
                1, HostileText.around(cursors()));
        check(new ListArticlesHandler(new ArticleListingService(store, TestKeys.IDENTIFIERS, clock),
                new SectionsService(new InMemoryTaxonomyStore(), clock), SITE),
                new Route("/articles", List.of("GET"), List.of(), List.of("limit", "cursor", "tag", "section", "exclude"), List.of()),
                HostileText.any(), values, ARTICLES);
    }

    @Test
    void listRecommendations() {
        check(new ListRecommendationsHandler(new RecommendationService(store, clock), SITE),
                new Route("/articles/soil-microbes/recommendations", List.of("GET"), List.of("slug"), List.of("limit"), List.of()),
                HostileText.slugLike(SLUGS), Gen.frequency(1, Gen.of("1", "3", "10", "11", "0", "x"), 2, HostileText.any()), ARTICLES);
    }

    @Test
    void newsletterPage() {
        InMemoryEditionStore editions = new InMemoryEditionStore(NewsletterPageHandlerTest.edition(47, 3),
                NewsletterPageHandlerTest.edition(46, 2));
        Gen<String> weeks = Gen.frequency(
                3, Gen.of("2026-W47", "2026-W46", "2026-W48", "2026-W53", "2026-W54", "2026-w47", "1970-W01"),
                2, HostileText.around(Gen.of("2026-W47")),
                2, HostileText.any());
        check(new NewsletterPageHandler(new EditionPages(editions), new EditionContent("The Newsroom", new SiteLinks(SITE)), SITE),
                new Route("/newsletter/2026-W47", List.of("GET"), List.of("editionId"), List.of("before"), List.of()),
                weeks, weeks, ARTICLES);
    }

    @Test
    void subscribe() {
        check(new SubscribeHandler(subscriptions.service, Subscriptions.REQUESTS),
                new Route("/subscriptions", List.of("POST"), List.of(), List.of("email"), List.of("email", "website")),
                HostileText.any(), HostileText.emailLike(), SUBSCRIPTIONS_ACCEPTED);
    }

    @Test
    void confirmSubscription() {
        check(new ConfirmSubscriptionHandler(subscriptions.service, Subscriptions.REQUESTS),
                new Route("/subscriptions/confirm", List.of("GET", "POST"), List.of(), List.of("token"), List.of("token")),
                HostileText.any(), tokens(), SUBSCRIPTION_LINKS);
    }

    @Test
    void unsubscribe() {
        check(new UnsubscribeHandler(subscriptions.service, Subscriptions.REQUESTS),
                new Route("/subscriptions/unsubscribe", List.of("GET", "POST"), List.of(), List.of("token"), List.of("token")),
                HostileText.any(), tokens(), SUBSCRIPTION_LINKS);
    }

    /** Real tokens from emails the fake mailer caught, so that some requests reach a subscriber, and near-misses of them. */
    private Gen<String> tokens() {
        subscriptions.service.subscribe("pending@example.com", Subscriptions.REQUESTER);
        String pending = subscriptions.lastToken();
        String pendingUnsubscribe = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        subscriptions.service.subscribe("confirmed@example.com", Subscriptions.REQUESTER);
        subscriptions.service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        String welcomeUnsubscribe = Subscriptions.unsubscribeToken(subscriptions.mailer.last());
        Gen<String> real = Gen.of(pending, pendingUnsubscribe, welcomeUnsubscribe);
        return Gen.frequency(
                2, real,
                2, real.map(token -> token + "\r\n"),
                1, real.map(token -> token.toUpperCase(java.util.Locale.ROOT)),
                1, real.map(token -> token.replace('.', '\u2024')),
                1, real.map(token -> token.substring(0, token.length() - 1) + "\u0000"),
                3, HostileText.around(real));
    }

    private Gen<String> cursors() {
        var first = new ArticleListingService(store, TestKeys.IDENTIFIERS, clock).list(java.util.Optional.empty(), java.util.Optional.empty(), 1,
                java.util.Optional.empty());
        return Gen.of(first.nextCursor().orElseThrow());
    }

    private static void check(RequestStreamHandler handler, Route route, Gen<String> pathValues, Gen<String> fieldValues,
            Expectations expected) {
        Gen<RawEvent> events = new HostileEvents(route, pathValues, fieldValues).events();
        Set<String> outcomes = new java.util.HashSet<>();
        Property.forAll(handler.getClass().getSimpleName() + " under hostile events", TRIES, events, event -> {
            RecordingContext context = new RecordingContext();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.handleRequest(new ByteArrayInputStream(event.bytes()), out, context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            ResponseInvariants.Response response = ResponseInvariants.check(out.toByteArray(), expected);
            outcomes.add(response.code() == null ? Integer.toString(response.status()) : response.code());
        });
        // Guards the generators: a property that only ever met the first check would prove little.
        assertTrue(expected.successStatuses().stream().map(String::valueOf).anyMatch(outcomes::contains),
                () -> "no success among " + outcomes);
        assertTrue(outcomes.stream().filter(outcome -> !Character.isDigit(outcome.charAt(0))).count() >= 3,
                () -> "too few kinds of error: " + outcomes);
    }
}
