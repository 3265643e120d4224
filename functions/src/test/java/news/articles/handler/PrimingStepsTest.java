package news.articles.handler;

import news.articles.testing.TestKeys;
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
import java.util.function.Consumer;
import news.articles.article.ArticleListingService;
import news.articles.article.SectionsService;
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
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.snapstart.Priming;
import news.articles.subscription.SubscriptionService;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.InMemoryTaxonomyStore;
import news.articles.testing.Subscriptions;
import java.util.Optional;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionPages;
import news.articles.testing.InMemoryEditionStore;
import org.junit.jupiter.api.Test;

/** What each function does before a SnapStart snapshot: reads, never a write or an email, and never a failure. */
class PrimingStepsTest {

    private static final SiteUrl SITE = new SiteUrl("https://news.example.com");
    private static final Clock CLOCK = Clock.fixed(Articles.NOW, ZoneOffset.UTC);

    private final InMemoryArticleStore articles = new InMemoryArticleStore(article("heat-pumps").build());
    private final InMemoryTaxonomyStore taxonomy = new InMemoryTaxonomyStore();
    private final Subscriptions subscriptions = new Subscriptions();
    private final List<EmailMessage> rehearsed = new ArrayList<>();
    private final Consumer<EmailMessage> rehearsal = rehearsed::add;

    @Test
    void getArticleReadsAnArticleThatDoesNotExist() {
        prime(PrimingSteps.getArticle(new GetArticleHandler(new ArticleService(articles, CLOCK), SITE)));

        assertEquals(List.of("snapstart-priming"), articles.finds());
        assertEquals(List.of(), articles.queries());
    }

    @Test
    void listArticlesQueriesOneArticleAndReadsTheSections() {
        prime(PrimingSteps.listArticles(new ListArticlesHandler(new ArticleListingService(articles, TestKeys.IDENTIFIERS, CLOCK),
                new SectionsService(taxonomy, CLOCK), SITE)));

        assertEquals(1, articles.queries().size());
        assertEquals(1, taxonomy.reads());
        assertEquals(List.of(), articles.finds());
    }

    @Test
    void listRecommendationsAsksForTheNewestArticlesRecommendations() {
        prime(PrimingSteps.listRecommendations(new ListRecommendationsHandler(new RecommendationService(articles, CLOCK), SITE),
                articles));

        assertEquals(List.of("heat-pumps"), articles.finds());
        assertTrue(articles.queries().size() > 1, articles.queries().toString());
    }

    @Test
    void listRecommendationsOnAnEmptySiteReadsAnArticleThatDoesNotExist() {
        InMemoryArticleStore empty = new InMemoryArticleStore();
        prime(PrimingSteps.listRecommendations(new ListRecommendationsHandler(new RecommendationService(empty, CLOCK), SITE),
                empty));

        assertEquals(List.of("snapstart-priming"), empty.finds());
    }

    @Test
    void newsletterPageReadsTheArchiveAndAnEditionThatDoesNotExist() {
        InMemoryEditionStore editions = new InMemoryEditionStore(NewsletterPageHandlerTest.edition(47, 2));

        prime(PrimingSteps.newsletterPage(new NewsletterPageHandler(new EditionPages(editions),
                new EditionContent("The Newsroom", new SiteLinks(SITE)), SITE)));

        assertEquals(1, editions.archives());
        assertEquals(List.of(new EditionId(PrimingSteps.NO_EDITION)), editions.finds());
        assertEquals(0, editions.creates());
        assertEquals(Optional.empty(), editions.noEditionReason(new EditionId(PrimingSteps.NO_EDITION)));
    }

    @Test
    void subscribeReadsAndRehearsesAnEmailButSignsNobodyUpAndSendsNothing() {
        prime(PrimingSteps.subscribe(new SubscribeHandler(subscriptions.service, Subscriptions.REQUESTS), subscriptions.store, rehearsal,
                subscriptions.settings));

        assertEquals(List.of(PrimingSteps.NOBODY), subscriptions.store.finds());
        assertNothingWrittenOrSent();
        assertEquals(Map.of(), subscriptions.limiter.counts());
        assertEquals(1, rehearsed.size());
        assertEquals("priming@example.invalid", rehearsed.get(0).to());
    }

    @Test
    void confirmReadsAndRehearsesAnEmailButConfirmsNothing() {
        prime(PrimingSteps.confirm(new ConfirmSubscriptionHandler(subscriptions.service, Subscriptions.REQUESTS), rehearsal,
                subscriptions.settings));

        assertEquals(List.of(PrimingSteps.NOBODY), subscriptions.store.finds());
        assertNothingWrittenOrSent();
        assertEquals(1, rehearsed.size());
    }

    @Test
    void unsubscribeReadsButUnsubscribesNobody() {
        prime(PrimingSteps.unsubscribe(new UnsubscribeHandler(subscriptions.service, Subscriptions.REQUESTS)));

        assertEquals(List.of(PrimingSteps.NOBODY), subscriptions.store.finds());
        assertNothingWrittenOrSent();
        assertEquals(List.of(), rehearsed);
    }

    @Test
    void aHandlerWhoseRehearsalFailsStillLetsTheSnapshotBeTaken() {
        Consumer<EmailMessage> failing = message -> {
            throw new MailException("SES is down", true, null);
        };

        int failed = prime(PrimingSteps.subscribe(new SubscribeHandler(subscriptions.service, Subscriptions.REQUESTS), subscriptions.store, failing,
                subscriptions.settings));

        assertEquals(1, failed);
        assertNothingWrittenOrSent();
        assertEquals(List.of(PrimingSteps.NOBODY), subscriptions.store.finds());
    }

    private void assertNothingWrittenOrSent() {
        assertEquals(0, subscriptions.store.writes());
        assertEquals(Map.of(), subscriptions.store.snapshot());
        assertEquals(List.of(), subscriptions.mailer.sent());
    }

    private static int prime(List<Runnable> steps) {
        return Priming.run("TestFunction", steps);
    }
}
