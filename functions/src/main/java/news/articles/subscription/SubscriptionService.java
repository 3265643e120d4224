package news.articles.subscription;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import news.articles.error.RejectedException;
import news.articles.keyed.KeyedHash;
import news.articles.logging.Log;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.mail.Mailer;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;
import news.articles.metrics.MetricCounts;

/**
 * Double opt-in for the weekly newsletter: a sign-up records a pending subscriber and emails a
 * confirmation link; the link's token confirms it.
 */
public final class SubscriptionService {

    /** Unconfirmed records outlive their token by a day, so a late click still hears "expired". */
    static final Duration PENDING_RECORD_GRACE = Duration.ofDays(1);
    /** A confirmed address is told it is already subscribed at most once in this long. */
    static final Duration ALREADY_SUBSCRIBED_NOTE_INTERVAL = Duration.ofHours(24);

    private final SubscriberStore store;
    private final RateLimiter limiter;
    private final Mailer mailer;
    private final Settings settings;
    private final KeyedHash identifiers;
    private final Clock clock;
    private final SecureRandom random;
    private final BusinessMetrics metrics;

    /** The fixed window in which {@link Settings#signUpsPerIpPerHour()} sign-ups are counted. */
    static final Duration IP_WINDOW = Duration.ofHours(1);
    static final Duration CONFIRMATION_CAP_WINDOW = Duration.ofHours(1);
    /** The window of an inbox's daily cap of confirmation emails (see {@link #acquireMailbox}). */
    static final Duration MAILBOX_DAY = Duration.ofDays(1);

    /** What the service needs to know about the site, its links and its limits. */
    /**
     * {@code confirmationEmailsPerHour}: the cap on confirmation emails to everyone together in each
     * fixed hour, past which sign-ups are accepted as usual but sent nothing until the hour ends, so
     * that no abuse of the form, however spread, can cost our SES reputation more than that.
     */
    public record Settings(String siteName, SubscriptionLinks links, Duration confirmTokenTtl, int signUpsPerIpPerHour,
            EmailLimits emailLimits, int confirmationEmailsPerHour) {
        public Settings {
            Objects.requireNonNull(siteName, "siteName");
            Objects.requireNonNull(links, "links");
            Objects.requireNonNull(confirmTokenTtl, "confirmTokenTtl");
            Objects.requireNonNull(emailLimits, "emailLimits");
            if (signUpsPerIpPerHour < 1) {
                throw new IllegalArgumentException("signUpsPerIpPerHour must be positive");
            }
            if (confirmationEmailsPerHour < 1) {
                throw new IllegalArgumentException("confirmationEmailsPerHour must be positive");
            }
        }
    }

    /**
     * Confirm and unsubscribe attempts with a token that is not valid, per client network in each
     * fixed hour; past it they get 429. Links from our emails are valid: only probing fails often.
     */
    static final int BAD_TOKENS_PER_IP_PER_HOUR = 30;

    /** How a confirmation ended. */
    public enum Confirmation {
        CONFIRMED,
        ALREADY_CONFIRMED
    }

    /** How an unsubscribe ended. */
    public enum Unsubscription {
        UNSUBSCRIBED,
        ALREADY_UNSUBSCRIBED
    }

    /**
     * A service that counts nothing ({@link #withMetrics} for one that does). {@code identifiers}:
     * the stack's identifier key, under which subscriber ids and the limits' counter keys are
     * derived from addresses and IPs ({@link SubscriberId}).
     */
    public SubscriptionService(SubscriberStore store, RateLimiter limiter, Mailer mailer, Settings settings,
            KeyedHash identifiers, Clock clock, SecureRandom random) {
        this(store, limiter, mailer, settings, identifiers, clock, random, BusinessMetrics.NONE);
    }

    private SubscriptionService(SubscriberStore store, RateLimiter limiter, Mailer mailer, Settings settings,
            KeyedHash identifiers, Clock clock, SecureRandom random, BusinessMetrics metrics) {
        this.store = Objects.requireNonNull(store, "store");
        this.limiter = Objects.requireNonNull(limiter, "limiter");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The same service, counting sign-ups, confirmation emails and confirmations into {@code metrics}. */
    public SubscriptionService withMetrics(BusinessMetrics metrics) {
        return new SubscriptionService(store, limiter, mailer, settings, identifiers, clock, random, metrics);
    }

    /**
     * Signs the address up. The caller learns nothing about whether it was new, pending or
     * confirmed: only the email (or its absence) differs. The pending record is written before
     * the email is sent, so a failed send loses nothing and a retry sends a fresh link. A pending
     * address is sent at most one confirmation per cooldown and a few a day; a sign-up beyond
     * that changes nothing and sends nothing (the link already sent keeps working).
     */
    public void subscribe(String rawEmail, Requester requester) {
        Objects.requireNonNull(requester, "requester");
        EmailAddress email = EmailAddress.parse(rawEmail);
        MetricCounts counts = new MetricCounts();
        try {
            subscribe(email, requester, counts);
        } finally {
            // What the sign-up got to, written once whichever way it ended (a 429 and a 503 count too).
            metrics.record(counts);
        }
    }

    private void subscribe(EmailAddress email, Requester requester, MetricCounts counts) {
        limitPerIp(requester, counts);
        String id = SubscriberId.resolve(store, email, identifiers);
        ConfirmationToken token = ConfirmationToken.issue(id, random);
        UnsubscribeToken unsubscribeToken = UnsubscribeToken.issue(id, random);
        Instant now = clock.instant();
        Instant tokenExpiresAt = now.plus(settings.confirmTokenTtl());
        PendingSubscription pending = new PendingSubscription(id, email, token.secretHash(), tokenExpiresAt,
                unsubscribeToken.secretHash(), Consent.of(requester, now), tokenExpiresAt.plus(PENDING_RECORD_GRACE));
        SubscriberStore.SavedPending saved = store.savePending(pending, settings.emailLimits());
        counts.add(BusinessMetric.SIGN_UPS_ACCEPTED);
        switch (saved.outcome()) {
            case ALREADY_CONFIRMED -> sendAlreadySubscribedNote(email, id, now);
            // Suppressed (hard-bounced or complained): no mail at all. Limited: the link already
            // sent still works. Either way the same answer as everyone else.
            case SUPPRESSED -> counts.add(BusinessMetric.SIGN_UPS_SUPPRESSED);
            case EMAIL_LIMITED -> counts.add(BusinessMetric.SIGN_UPS_LIMITED_PER_ADDRESS);
            case CREATED, RENEWED -> sendConfirmation(pending, saved, token, unsubscribeToken, counts);
        }
    }

    /**
     * Sends the confirmation the sign-up reserved. If the send fails, the reservation is given
     * back first, so the failure does not use up the cooldown and an immediate retry sends a link.
     * If the email may have gone all the same (SES timed out), the reservation and its token are
     * kept: a retry inside the cooldown then sends nothing and replaces nothing, so a link that
     * did arrive keeps working rather than being overtaken by a second email.
     */
    private void sendConfirmation(PendingSubscription pending, SubscriberStore.SavedPending saved,
            ConfirmationToken token, UnsubscribeToken unsubscribeToken, MetricCounts counts) {
        Instant now = clock.instant();
        Optional<MailboxSlots> mailbox = acquireMailbox(pending.email(), now);
        if (mailbox.isEmpty()) {
            // Another spelling of the same inbox was mailed within the limits: accepted, sent nothing.
            saved.reservation().ifPresent(reservation -> store.releaseConfirmationEmail(pending.id(), reservation));
            Log.info("mailbox_limited").write();
            counts.add(BusinessMetric.SIGN_UPS_LIMITED_PER_INBOX);
            return;
        }
        Instant hour = windowStart(now, CONFIRMATION_CAP_WINDOW);
        if (!limiter.tryAcquire("confirmation-emails", hour, hour.plus(CONFIRMATION_CAP_WINDOW),
                settings.confirmationEmailsPerHour())) {
            // Accepted as usual, sent nothing: the reservations go back, so a sign-up after the hour sends.
            mailbox.get().release();
            saved.reservation().ifPresent(reservation -> store.releaseConfirmationEmail(pending.id(), reservation));
            Log.warn("confirmation_cap_reached").field("capPerHour", settings.confirmationEmailsPerHour()).write();
            counts.add(BusinessMetric.CONFIRMATION_CAP_REACHED);
            return;
        }
        try {
            mailer.send(ConfirmationEmail.to(pending.email(), settings.siteName(), confirmUrl(token),
                    settings.confirmTokenTtl().toHours(), unsubscribeUrl(unsubscribeToken)));
            counts.add(BusinessMetric.CONFIRMATION_EMAILS_SENT);
        } catch (RuntimeException sendFailure) {
            if (sendFailure instanceof MailException mail && mail.mayHaveBeenSent()) {
                throw sendFailure;
            }
            try {
                mailbox.get().release();
                saved.reservation().ifPresent(reservation -> store.releaseConfirmationEmail(pending.id(), reservation));
            } catch (RuntimeException releaseFailure) {
                // The caller hears of the send's failure; this one only costs a cooldown.
                sendFailure.addSuppressed(releaseFailure);
            }
            throw sendFailure;
        }
    }

    /**
     * The per-address limits again, counted by the inbox the address reaches
     * ({@link EmailAddress#mailboxKey}): {@code victim+1@}, {@code v.ictim@gmail.com} and
     * {@code victim@googlemail.com} share one cooldown and one day's cap. Fixed windows as long as
     * the cooldown and a day: for a single spelling they never refuse what its own record allows
     * (two emails a cooldown apart always fall in different windows). Empty, holding nothing, when
     * the inbox is at a limit.
     */
    private Optional<MailboxSlots> acquireMailbox(EmailAddress email, Instant now) {
        String mailbox = identifiers.hash("mailbox", email.mailboxKey()).substring(0, 32);
        Duration cooldown = settings.emailLimits().cooldown();
        String cooldownKey = "mailbox-cooldown:" + mailbox;
        Instant cooldownWindow = windowStart(now, cooldown);
        if (!limiter.tryAcquire(cooldownKey, cooldownWindow, cooldownWindow.plus(cooldown), 1)) {
            return Optional.empty();
        }
        String dayKey = "mailbox-day:" + mailbox;
        Instant day = windowStart(now, MAILBOX_DAY);
        if (!limiter.tryAcquire(dayKey, day, day.plus(MAILBOX_DAY), settings.emailLimits().perDay())) {
            limiter.release(cooldownKey, cooldownWindow);
            return Optional.empty();
        }
        return Optional.of(() -> {
            limiter.release(dayKey, day);
            limiter.release(cooldownKey, cooldownWindow);
        });
    }

    /** What {@link #acquireMailbox} counted, to give back when no email goes out after all. */
    private interface MailboxSlots {
        void release();
    }

    /**
     * At most {@code signUpsPerIpPerHour} sign-ups per client IP in each fixed hour, whatever the
     * addresses: the one answer that may differ (429), because it is about the caller. The key
     * is a keyed hash of the network ({@link #networkKey}), so the counters hold no address.
     */
    private static Instant windowStart(Instant now, Duration window) {
        long seconds = window.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), seconds) * seconds);
    }

    /**
     * Counts a confirm or unsubscribe attempt whose token was not valid against the client's
     * network, and answers 429 once it has made too many this hour: probing for ids or tokens
     * stops there.
     */
    private RejectedException badToken(Requester requester, RejectedException invalid) {
        if (requester.ip().isBlank()) {
            return invalid;
        }
        Instant now = clock.instant();
        Instant windowStart = windowStart(now, IP_WINDOW);
        Instant windowEnd = windowStart.plus(IP_WINDOW);
        String key = "bad-token:" + networkKey(requester);
        if (limiter.tryAcquire(key, windowStart, windowEnd, BAD_TOKENS_PER_IP_PER_HOUR)) {
            return invalid;
        }
        return RejectedException.tooManyRequests("TOO_MANY_REQUESTS",
                "Too many invalid links from your network. Please try again later.", Duration.between(now, windowEnd));
    }

    private void limitPerIp(Requester requester, MetricCounts counts) {
        if (requester.ip().isBlank()) {
            return;
        }
        Instant now = clock.instant();
        Instant windowStart = windowStart(now, IP_WINDOW);
        Instant windowEnd = windowStart.plus(IP_WINDOW);
        // By network: an IPv6 client holds a whole /64 (ClientNetwork).
        String key = "ip:" + networkKey(requester);
        if (!limiter.tryAcquire(key, windowStart, windowEnd, settings.signUpsPerIpPerHour())) {
            counts.add(BusinessMetric.SIGN_UPS_LIMITED_PER_NETWORK);
            throw RejectedException.tooManyRequests("TOO_MANY_REQUESTS",
                    "Too many sign-ups from your network. Please try again later.", Duration.between(now, windowEnd));
        }
    }

    /**
     * The client's network ({@link ClientNetwork}) under the identifier key: an unkeyed hash of an
     * IPv4 address is reversed by trying all 2^32 of them, so the counters would hold the IPs.
     */
    private String networkKey(Requester requester) {
        return identifiers.hash("ip", ClientNetwork.of(requester.ip())).substring(0, 32);
    }

    /** Confirms with the token from the link; confirming twice is a success. */
    public Confirmation confirm(String rawToken, Requester requester) {
        Objects.requireNonNull(requester, "requester");
        try {
            return confirmWith(rawToken, requester);
        } catch (RejectedException rejected) {
            throw "INVALID_TOKEN".equals(rejected.code()) ? badToken(requester, rejected) : rejected;
        }
    }

    private Confirmation confirmWith(String rawToken, Requester requester) {
        ConfirmationToken token = ConfirmationToken.parse(rawToken);
        String tokenHash = token.secretHash();
        Subscriber subscriber = store.find(token.subscriberId()).orElseThrow(ConfirmationToken::invalid);
        if (subscriber.isConfirmedWith(tokenHash)) {
            return Confirmation.ALREADY_CONFIRMED;
        }
        if (!subscriber.isPendingWith(tokenHash)) {
            throw ConfirmationToken.invalid();
        }
        Instant now = clock.instant();
        if (subscriber.confirmationExpired(now)) {
            metrics.count(BusinessMetric.CONFIRMATION_LINKS_EXPIRED);
            throw RejectedException.expired("TOKEN_EXPIRED",
                    "This confirmation link has expired. Subscribe again to get a new one.");
        }
        UnsubscribeToken unsubscribeToken = UnsubscribeToken.issue(token.subscriberId(), random);
        if (store.confirm(token.subscriberId(), tokenHash, Consent.of(requester, now), unsubscribeToken.secretHash())) {
            metrics.count(BusinessMetric.CONFIRMATIONS);
            sendWelcome(subscriber.email(), unsubscribeToken);
            return Confirmation.CONFIRMED;
        }
        // Changed between our read and our write: confirmed by a concurrent click, or re-issued.
        if (store.find(token.subscriberId()).map(latest -> latest.isConfirmedWith(tokenHash)).orElse(false)) {
            return Confirmation.ALREADY_CONFIRMED;
        }
        throw ConfirmationToken.invalid();
    }

    /**
     * Unsubscribes with the token from an email's link or its List-Unsubscribe header, with no
     * further step; unsubscribing again is a success. A confirmation racing it loses: it needs a
     * pending record with its token, and unsubscribing removes that token.
     */
    public Unsubscription unsubscribe(String rawToken, Requester requester) {
        Objects.requireNonNull(requester, "requester");
        try {
            return unsubscribeWith(rawToken);
        } catch (RejectedException rejected) {
            throw "INVALID_TOKEN".equals(rejected.code()) ? badToken(requester, rejected) : rejected;
        }
    }

    private Unsubscription unsubscribeWith(String rawToken) {
        UnsubscribeToken token = UnsubscribeToken.parse(rawToken);
        String tokenHash = token.secretHash();
        Subscriber subscriber = store.find(token.subscriberId()).orElseThrow(UnsubscribeToken::invalid);
        if (!subscriber.wasSentUnsubscribeToken(tokenHash)) {
            throw UnsubscribeToken.invalid();
        }
        if (!subscriber.status().unsubscribable()) {
            return Unsubscription.ALREADY_UNSUBSCRIBED;
        }
        if (store.unsubscribe(token.subscriberId(), tokenHash, clock.instant())) {
            return Unsubscription.UNSUBSCRIBED;
        }
        // Changed between our read and our write: unsubscribed by a concurrent request.
        if (store.find(token.subscriberId()).map(latest -> !latest.status().unsubscribable()).orElse(false)) {
            return Unsubscription.ALREADY_UNSUBSCRIBED;
        }
        throw UnsubscribeToken.invalid();
    }

    /**
     * Tells the owner of a confirmed address that someone signed it up again, at most once a day,
     * so the form cannot be used to flood a subscriber. A courtesy like the welcome: a failed send
     * is not an error, which is why a confirmed address gets 202 even while SES is failing.
     */
    private void sendAlreadySubscribedNote(EmailAddress email, String id, Instant now) {
        UnsubscribeToken unsubscribeToken = UnsubscribeToken.issue(id, random);
        if (store.recordAlreadySubscribedNote(id, now, now.minus(ALREADY_SUBSCRIBED_NOTE_INTERVAL),
                unsubscribeToken.secretHash())) {
            sendCourtesy(AlreadySubscribedEmail.to(email, settings.siteName(), unsubscribeUrl(unsubscribeToken)));
        }
    }

    /**
     * The welcome note is a courtesy: the subscription is confirmed and stored whatever happens
     * to it, so a failed send must not turn that success into an error the reader would retry
     * (and a retry would find the subscription already confirmed, and send nothing).
     */
    private void sendWelcome(EmailAddress email, UnsubscribeToken unsubscribeToken) {
        sendCourtesy(WelcomeEmail.to(email, settings.siteName(), unsubscribeUrl(unsubscribeToken)));
    }

    private void sendCourtesy(EmailMessage message) {
        try {
            mailer.send(message);
        } catch (MailException e) {
            // The failure's kind only: the message can quote the address.
            Log.warn("courtesy_email_not_sent").field("failure", e.getClass().getName())
                    .field("retryable", e.retryable()).write();
        }
    }

    private String confirmUrl(ConfirmationToken token) {
        return settings.links().confirm(token);
    }

    private String unsubscribeUrl(UnsubscribeToken token) {
        return settings.links().unsubscribe(token);
    }
}
