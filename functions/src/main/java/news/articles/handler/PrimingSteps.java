package news.articles.handler;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.http.ApiGatewayEvents;
import news.articles.mail.EmailMessage;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionComposer;
import news.articles.newsletter.EditionEmails;
import news.articles.newsletter.EditionStore;
import news.articles.newsletter.RecipientDirectory;
import news.articles.subscription.SubscriptionLinks;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutProgress;
import news.articles.subscription.ConfirmationEmail;
import news.articles.subscription.ConfirmationToken;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberStore;
import news.articles.subscription.SubscriptionService;
import news.articles.subscription.UnsubscribeToken;

/**
 * What each function runs before a SnapStart snapshot (see {@link news.articles.snapstart.Priming}):
 * its hot path on requests that only read, answered by a handler built on the function's real
 * dependencies, and, for the functions that send mail, an email the SDK prepares and never sends.
 */
final class PrimingSteps {

    /** An id no address has: theirs are 32-character hashes. Well-formed in tokens, so a request carrying it reads, and finds nobody. */
    static final String NOBODY = "snapstart-priming";
    /** A well-formed confirmation or unsubscribe token of {@link #NOBODY}. */
    static final String NOBODYS_TOKEN = new ConfirmationToken(NOBODY, NOBODY).value();
    /** A domain that cannot receive mail (RFC 2606), for an email that is never sent anyway. */
    static final EmailAddress UNDELIVERABLE = EmailAddress.parse("priming@example.invalid");

    /** A well-formed edition id of a week long before this code existed: no edition has it. */
    static final String NO_EDITION = "1970-W01";

    private PrimingSteps() {
    }

    /** A well-formed slug of no article: a real GetItem that finds nothing, and the 404. */
    static List<Runnable> getArticle(GetArticleHandler handler) {
        return List.of(answering(handler, ApiGatewayEvents.event("GET", "/articles/" + NOBODY, Map.of("slug", NOBODY),
                Map.of(), Map.of("accept", "application/json"), null)));
    }

    /** The home page's listing, one article long: one Query; and the sections: one GetItem. */
    static List<Runnable> listArticles(ListArticlesHandler handler) {
        return List.of(
                answering(handler, ApiGatewayEvents.event("GET", "/articles", Map.of(), Map.of("limit", "1"),
                        Map.of("accept", "application/json"), null)),
                answering(handler, ApiGatewayEvents.event("GET", "/sections", Map.of(), Map.of(),
                        Map.of("accept", "application/json"), null)));
    }

    /**
     * The archive's first page as a browser asks for it (one Query), and the web version of a week
     * long before any edition (one GetItem that finds nothing, and the 404), as JSON.
     */
    static List<Runnable> newsletterPage(NewsletterPageHandler handler) {
        return List.of(
                answering(handler, ApiGatewayEvents.event("GET", "/newsletter", Map.of(), Map.of(),
                        Map.of("accept", "text/html"), null)),
                answering(handler, ApiGatewayEvents.event("GET", "/newsletter/" + NO_EDITION,
                        Map.of("editionId", NO_EDITION), Map.of(), Map.of("accept", "application/json"), null)));
    }

    /**
     * The recommendations of the newest article (found with one Query), so that the priming runs
     * the whole path, reads only; of an article that does not exist on an empty site. Its queries
     * run on the service's read pool, so the pool's threads start here and the snapshot holds them
     * (plain threads need no restore hook: they resume with the restored process).
     */
    static List<Runnable> listRecommendations(ListRecommendationsHandler handler, ArticleStore store) {
        return List.of(() -> {
            String slug = store.list(ArticleQuery.latest(Instant.now(), 1)).items().stream()
                    .findFirst().map(ArticleSummary::slug).orElse(NOBODY);
            answering(handler, ApiGatewayEvents.event("GET", "/articles/" + slug + "/recommendations",
                    Map.of("slug", slug), Map.of(), Map.of("accept", "application/json"), null)).run();
        });
    }

    /**
     * Never a sign-up, which would write and send: a form post with the honeypot filled in, parsed
     * and answered like one and ignored; then the sign-up's first read, of nobody; then a
     * confirmation email prepared by the SDK and not sent.
     */
    static List<Runnable> subscribe(SubscribeHandler handler, SubscriberStore store, Consumer<EmailMessage> rehearsal,
            SubscriptionService.Settings settings) {
        return List.of(
                answering(handler, ApiGatewayEvents.event("POST", "/subscriptions", Map.of(), Map.of(),
                        Map.of("content-type", "application/x-www-form-urlencoded", "accept", "text/html"),
                        "email=priming%40example.invalid&" + SubscribeHandler.HONEYPOT_FIELD + "=snapstart-priming")),
                () -> store.find(NOBODY),
                () -> rehearsal.accept(confirmationEmail(settings)));
    }

    /**
     * The page, then a confirmation with a well-formed token of nobody: a real read that finds
     * nothing and the 400 (nothing to write); then an email prepared by the SDK, as the welcome
     * would be, and not sent.
     */
    static List<Runnable> confirm(ConfirmSubscriptionHandler handler, Consumer<EmailMessage> rehearsal,
            SubscriptionService.Settings settings) {
        return List.of(
                answering(handler, ApiGatewayEvents.event("GET", "/subscriptions/confirm", Map.of(),
                        Map.of("token", NOBODYS_TOKEN), Map.of("accept", "text/html"), null)),
                answering(handler, ApiGatewayEvents.event("POST", "/subscriptions/confirm", Map.of(), Map.of(),
                        Map.of("content-type", "application/json", "accept", "application/json"),
                        "{\"token\": \"" + NOBODYS_TOKEN + "\"}")),
                () -> rehearsal.accept(confirmationEmail(settings)));
    }

    /** The page, then a one-click unsubscribe with a well-formed token of nobody: a read that finds nothing. */
    static List<Runnable> unsubscribe(UnsubscribeHandler handler) {
        return List.of(
                answering(handler, ApiGatewayEvents.event("GET", "/subscriptions/unsubscribe", Map.of(),
                        Map.of("token", NOBODYS_TOKEN), Map.of("accept", "text/html"), null)),
                answering(handler, ApiGatewayEvents.event("POST", "/subscriptions/unsubscribe", Map.of(),
                        Map.of("token", NOBODYS_TOKEN), Map.of("content-type", "application/x-www-form-urlencoded"),
                        "List-Unsubscribe=One-Click")));
    }

    /**
     * The weekly run's reads, never its writes: the composition of this week's edition as a
     * preview (the Articles index and the Editions table read, nothing stored), and the progress
     * of an edition nobody has.
     */
    static List<Runnable> newsletter(EditionComposer composer, FanOutProgress progress) {
        return List.of(
                () -> composer.compose(Instant.now()),
                () -> progress.find(PRIMING_EDITION));
    }

    /**
     * The sender's reads, never a claim or a send: the latest stored edition, one recipient of the
     * index, an edition's progress, and the latest edition (or a made-up one, on an empty table)
     * rendered for an undeliverable address and prepared by the SDK, not sent.
     */
    static List<Runnable> newsletterSender(EditionStore editions, RecipientDirectory recipients, FanOutProgress progress,
            EditionEmails emails, SubscriptionLinks links, Consumer<EmailMessage> rehearsal) {
        return List.of(
                () -> recipients.confirmed(java.util.Optional.empty(), 1),
                () -> progress.find(PRIMING_EDITION),
                () -> {
                    Edition edition = editions.archive(java.util.Optional.empty(), 1).stream().findFirst()
                            .orElseGet(PrimingSteps::primingEdition);
                    rehearsal.accept(emails.render(edition, UNDELIVERABLE.value(),
                            links.unsubscribe(new UnsubscribeToken(NOBODY, NOBODY))));
                });
    }

    private static Edition primingEdition() {
        Instant at = Instant.parse("1970-01-02T09:00:00Z");
        return new Edition(PRIMING_EDITION, at, at.minusSeconds(7 * 86_400), at, at, List.of(new ArticleSummary(NOBODY,
                "Priming", "Never sent.", "Nobody", "news", List.of(), at.minusSeconds(3600), at.minusSeconds(3600), 1)));
    }

    /** A well-formed edition id that no edition will have for a long while. */
    static final EditionId PRIMING_EDITION = new EditionId("1970-W01");

    private static EmailMessage confirmationEmail(SubscriptionService.Settings settings) {
        return ConfirmationEmail.to(UNDELIVERABLE, settings.siteName(),
                settings.links().confirm(new ConfirmationToken(NOBODY, NOBODY)), settings.confirmTokenTtl().toHours(),
                settings.links().unsubscribe(new UnsubscribeToken(NOBODY, NOBODY)));
    }

    /** A step: the handler answers the event, as it would an invocation; the answer is dropped. */
    private static Runnable answering(RequestStreamHandler handler, byte[] event) {
        return () -> {
            try {
                handler.handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
