package news.articles.handler;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import news.articles.config.SiteUrl;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.NewsletterLinks;
import news.articles.subscription.ConfirmationToken;
import news.articles.subscription.SubscriptionLinks;
import news.articles.subscription.UnsubscribeToken;

/**
 * The links in our emails, to the routes that {@link ConfirmSubscriptionHandler},
 * {@link UnsubscribeHandler} and {@link NewsletterPageHandler} serve, and to the articles' canonical
 * pages (as {@code canonicalUrl} in the articles' JSON).
 */
public final class SiteLinks implements SubscriptionLinks, NewsletterLinks {

    public static final String CONFIRM_PATH = "/subscriptions/confirm";
    public static final String UNSUBSCRIBE_PATH = "/subscriptions/unsubscribe";
    public static final String NEWSLETTER_PATH = "/newsletter";
    public static final String ARTICLES_PATH = "/articles/";

    private final SiteUrl site;

    public SiteLinks(SiteUrl site) {
        this.site = Objects.requireNonNull(site, "site");
    }

    @Override
    public String confirm(ConfirmationToken token) {
        return withToken(CONFIRM_PATH, token.value());
    }

    @Override
    public String unsubscribe(UnsubscribeToken token) {
        return withToken(UNSUBSCRIBE_PATH, token.value());
    }

    @Override
    public String edition(EditionId id) {
        return site.resolve(NEWSLETTER_PATH + "/" + id.value());
    }

    @Override
    public String archive() {
        return site.resolve(NEWSLETTER_PATH);
    }

    /** The article's canonical URL with the campaign parameters every analytics tool reads. */
    @Override
    public String article(String slug, EditionId id) {
        return site.resolve(ARTICLES_PATH + URLEncoder.encode(slug, StandardCharsets.UTF_8))
                + "?utm_source=newsletter&utm_medium=email&utm_campaign=" + id.value();
    }

    /** {@code weekly.<the site's host>}; a literal IPv6 host (only ever loopback) is no dot-atom: localhost. */
    @Override
    public String listId() {
        String host = URI.create(site.base()).getHost().toLowerCase(Locale.ROOT);
        return "weekly." + (host.startsWith("[") ? "localhost" : host);
    }

    /** The unsubscribe page without a token (it asks for the link from an email): for previews and test sends. */
    public String unsubscribePage() {
        return site.resolve(UNSUBSCRIBE_PATH);
    }

    private String withToken(String path, String token) {
        return site.resolve(path) + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
