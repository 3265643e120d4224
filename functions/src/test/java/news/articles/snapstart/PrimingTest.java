package news.articles.snapstart;

import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.articles.article.ArticleListingService;
import news.articles.article.ArticleService;
import news.articles.article.RecommendationService;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.handler.ConfirmSubscriptionHandler;
import news.articles.handler.GetArticleHandler;
import news.articles.handler.ListArticlesHandler;
import news.articles.handler.ListRecommendationsHandler;
import news.articles.handler.SubscribeHandler;
import news.articles.handler.UnsubscribeHandler;
import news.articles.mail.MailException;
import news.articles.subscription.SubscriptionService;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;

/** What each function does before a SnapStart snapshot: reads, never a write or an email, and never a failure. */
class PrimingTest {

    private static final SiteUrl SITE = new SiteUrl("https://news.example.com");
    private static final Clock CLOCK = Clock.fixed(Articles.NOW, ZoneOffset.UTC);

    private final InMemoryArticleStore articles = new InMemoryArticleStore(article("heat-pumps").build());
    private final Subscriptions subscriptions = new Subscriptions();

    @Test
    void getArticleReadsAnArticleThatDoesNotExist() {
        new GetArticleHandler(new ArticleService(articles, CLOCK), SITE).beforeCheckpoint(null);

        assertEquals(List.of("snapstart-priming"), articles.finds());
        assertEquals(List.of(), articles.queries());
    }

    @Test
    void listArticlesQueriesOneArticle() {
        new ListArticlesHandler(new ArticleListingService(articles, CLOCK), SITE).beforeCheckpoint(null);

        assertEquals(1, articles.queries().size());
        assertEquals(List.of(), articles.finds());
    }

    @Test
    void listRecommendationsAsksForTheNewestArticlesRecommendations() {
        new ListRecommendationsHandler(new RecommendationService(articles, CLOCK), SITE).beforeCheckpoint(null);

        assertEquals(List.of("heat-pumps"), articles.finds());
        assertTrue(articles.queries().size() > 1, articles.queries().toString());
    }

    @Test
    void listRecommendationsOnAnEmptySiteReadsAnArticleThatDoesNotExist() {
        InMemoryArticleStore empty = new InMemoryArticleStore();
        new ListRecommendationsHandler(new RecommendationService(empty, CLOCK), SITE).beforeCheckpoint(null);

        assertEquals(List.of("snapstart-priming"), empty.finds());
    }

    @Test
    void subscribeReadsAndRehearsesAnEmailButSignsNobodyUpAndSendsNothing() {
        new SubscribeHandler(subscriptions.service).beforeCheckpoint(null);

        assertEquals(List.of(SubscriptionService.REHEARSAL_ID), subscriptions.store.finds());
        assertNothingWrittenOrSent();
        assertEquals(Map.of(), subscriptions.limiter.counts());
        assertEquals(1, subscriptions.mailer.rehearsed().size());
        assertEquals("priming@example.invalid", subscriptions.mailer.rehearsed().get(0).to());
    }

    @Test
    void confirmReadsAndRehearsesAnEmailButConfirmsNothing() {
        new ConfirmSubscriptionHandler(subscriptions.service).beforeCheckpoint(null);

        assertEquals(List.of(SubscriptionService.REHEARSAL_ID), subscriptions.store.finds());
        assertNothingWrittenOrSent();
        assertEquals(1, subscriptions.mailer.rehearsed().size());
    }

    @Test
    void unsubscribeReadsButUnsubscribesNobody() {
        new UnsubscribeHandler(subscriptions.service).beforeCheckpoint(null);

        assertEquals(List.of(SubscriptionService.REHEARSAL_ID), subscriptions.store.finds());
        assertNothingWrittenOrSent();
        assertEquals(List.of(), subscriptions.mailer.rehearsed());
    }

    @Test
    void aFailingStepNeitherStopsTheOthersNorReachesTheCheckpoint() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> ran = new ArrayList<>();

        int failed = Priming.run("TestFunction", List.of(
                () -> {
                    throw new MailException("could not mail reader@example.com", true, null);
                },
                () -> ran.add("second")), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(1, failed);
        assertEquals(List.of("second"), ran);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("TestFunction") && logged.contains(MailException.class.getName()), logged);
        assertFalse(logged.contains("@"), "the log must not quote the failure's message: " + logged);
    }

    @Test
    void aHandlerWhoseRehearsalFailsStillLetsTheSnapshotBeTaken() {
        subscriptions.mailer.failRehearsalsWith(new MailException("SES is down", true, null));

        new SubscribeHandler(subscriptions.service).beforeCheckpoint(null);

        assertNothingWrittenOrSent();
        assertEquals(List.of(SubscriptionService.REHEARSAL_ID), subscriptions.store.finds());
    }

    @Test
    void registeredOnlyWhenASnapshotFollowsTheInit() {
        Environment onDemand = new Environment(Map.of(Priming.INITIALIZATION_TYPE, "on-demand"));
        Environment snapStart = new Environment(Map.of(Priming.INITIALIZATION_TYPE, Priming.SNAP_START));
        SubscribeHandler handler = new SubscribeHandler(subscriptions.service);

        assertFalse(Priming.registerForSnapshot(onDemand, handler));
        assertFalse(Priming.registerForSnapshot(new Environment(Map.of()), handler));
        assertTrue(Priming.registerForSnapshot(snapStart, handler));
    }

    private void assertNothingWrittenOrSent() {
        assertEquals(0, subscriptions.store.writes());
        assertEquals(Map.of(), subscriptions.store.snapshot());
        assertEquals(List.of(), subscriptions.mailer.sent());
    }
}
