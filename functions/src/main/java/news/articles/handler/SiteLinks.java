package news.articles.handler;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import news.articles.config.SiteUrl;
import news.articles.subscription.ConfirmationToken;
import news.articles.subscription.SubscriptionLinks;
import news.articles.subscription.UnsubscribeToken;

/** The links in our emails, to the routes that {@link ConfirmSubscriptionHandler} and {@link UnsubscribeHandler} serve. */
public final class SiteLinks implements SubscriptionLinks {

    public static final String CONFIRM_PATH = "/subscriptions/confirm";
    public static final String UNSUBSCRIBE_PATH = "/subscriptions/unsubscribe";

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

    private String withToken(String path, String token) {
        return site.resolve(path) + "?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }
}
