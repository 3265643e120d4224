package news.articles.testing;

import java.util.List;
import java.util.Optional;
import news.articles.handler.SubscriptionRequests;
import news.articles.http.AnswerFloor;
import news.articles.http.ClientAddress;
import news.articles.http.Masthead;
import news.articles.http.CrossSiteRequests;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import news.articles.config.SiteUrl;
import news.articles.handler.SiteLinks;
import news.articles.mail.EmailMessage;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.Requester;
import news.articles.subscription.SubscriptionService;

/** A {@link SubscriptionService} on fakes, with the pieces tests look at. */
public final class Subscriptions {

    public static final String SITE_URL = "https://news.example.com";
    public static final String SITE_NAME = "The Newsroom";
    public static final Duration TOKEN_TTL = Duration.ofHours(48);
    public static final String CONFIRM_LINK_PREFIX = SITE_URL + "/subscriptions/confirm?token=";
    /** Who signs up and confirms in these tests. */
    public static final Requester REQUESTER = new Requester("198.51.100.7", "Mozilla/5.0 (test)");
    public static final String UNSUBSCRIBE_LINK_PREFIX = SITE_URL + "/subscriptions/unsubscribe?token=";

    /** The site is the one origin whose pages may send the subscription forms in these tests; not behind CloudFront. */
    public static final SubscriptionRequests REQUESTS = new SubscriptionRequests(new CrossSiteRequests(List.of(SITE_URL)),
            new ClientAddress(Optional.empty()), AnswerFloor.NONE, new Masthead(SITE_NAME, SITE_URL));

    /** Fails unless {@code page} is headed by the site's name and links back to the site, as {@link #REQUESTS} asks. */
    public static void assertMasthead(String page) {
        org.junit.jupiter.api.Assertions.assertTrue(page.contains(
                "<header><a href=\"" + SITE_URL + "\">" + SITE_NAME + "</a></header>"), page);
        org.junit.jupiter.api.Assertions.assertTrue(page.contains(
                "<footer><p><a href=\"" + SITE_URL + "\">Back to " + SITE_NAME + "</a></p></footer>"), page);
    }

    public static final int SIGN_UPS_PER_IP_PER_HOUR = 20;
    public static final Duration EMAIL_COOLDOWN = Duration.ofMinutes(10);
    public static final int EMAILS_PER_DAY = 5;
    /** Far above what a test sends, unless it builds its own settings. */
    public static final int CONFIRMATION_EMAILS_PER_HOUR = 1000;

    public final InMemorySubscriberStore store = new InMemorySubscriberStore();
    public final InMemoryRateLimiter limiter = new InMemoryRateLimiter();
    public final RecordingMailer mailer = new RecordingMailer();
    public final MutableClock clock = new MutableClock(Articles.NOW);
    public final SubscriptionService.Settings settings = new SubscriptionService.Settings(SITE_NAME,
            new SiteLinks(new SiteUrl(SITE_URL)), TOKEN_TTL, SIGN_UPS_PER_IP_PER_HOUR,
            new EmailLimits(EMAIL_COOLDOWN, EMAILS_PER_DAY), CONFIRMATION_EMAILS_PER_HOUR);
    public final SubscriptionService service = new SubscriptionService(store, limiter, mailer, settings, TestKeys.IDENTIFIERS, clock,
            seededRandom());

    /** Seeded before first use, SHA1PRNG is deterministic (unlike the platform default). */
    public static SecureRandom seededRandom() {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(20250602L);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA1PRNG", e);
        }
    }

    /** The confirmation link in the message's plain-text part. */
    public static String link(EmailMessage message) {
        for (String line : message.text().split("\n")) {
            if (line.startsWith(CONFIRM_LINK_PREFIX)) {
                return line;
            }
        }
        throw new AssertionError("no confirmation link in the email text");
    }

    /** The unsubscribe link in the message's plain-text part. */
    public static String unsubscribeLink(EmailMessage message) {
        int start = message.text().indexOf(UNSUBSCRIBE_LINK_PREFIX);
        if (start < 0) {
            throw new AssertionError("no unsubscribe link in the email text");
        }
        int end = message.text().indexOf('\n', start);
        return message.text().substring(start, end < 0 ? message.text().length() : end);
    }

    /** The token that the message's unsubscribe link carries. */
    public static String unsubscribeToken(EmailMessage message) {
        return URLDecoder.decode(unsubscribeLink(message).substring(UNSUBSCRIBE_LINK_PREFIX.length()), StandardCharsets.UTF_8);
    }

    /** The token that the message's link carries. */
    public static String token(EmailMessage message) {
        return URLDecoder.decode(link(message).substring(CONFIRM_LINK_PREFIX.length()), StandardCharsets.UTF_8);
    }

    /** The token of the last email sent. */
    public String lastToken() {
        return token(mailer.last());
    }
}
