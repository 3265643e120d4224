package news.articles.newsletter;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import news.articles.logging.Log;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.mail.Mailer;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;
import news.articles.metrics.MetricCounts;
import news.articles.subscription.SubscriptionLinks;
import news.articles.subscription.UnsubscribeToken;

/**
 * Works through the delivery queue's messages: a fan-out page goes to {@link NewsletterFanOut}; a
 * delivery batch is sent recipient by recipient. Each recipient is first claimed in the
 * {@link DeliveryLog} with one conditional write (which also re-checks that the subscriber is
 * confirmed now, and records the hash of the email's fresh unsubscribe token), then the email is
 * rendered and sent at the {@link SendPace}. So the email goes at most once: a redelivered batch
 * finds its recipients claimed.
 *
 * <p>When SES fails: throttled, the sender pauses and sends the same email again (the claim kept);
 * certainly not sent (SES refused before sending, or no connection), the claim is given back and
 * the message reported failed, so the queue redelivers it later; may have been sent (a timeout, a
 * lost answer), the claim is kept and the recipient may miss this edition, the one window of
 * at-most-once; rejected for this recipient, the failure is recorded and the batch goes on;
 * refused for every message (account paused), the claim is given back and everything left is
 * reported failed. When the invocation's time runs short the rest is reported failed too.
 */
public final class NewsletterSender {

    /**
     * Time kept in hand at the end of an invocation: a claim, a send and a release, each under the
     * SDK's 6 s call timeout, must finish before Lambda stops the function.
     */
    public static final Duration TIME_IN_HAND = Duration.ofSeconds(14);

    private final EditionStore editions;
    private final DeliveryLog log;
    private final EditionEmails emails;
    private final SubscriptionLinks links;
    private final Mailer mailer;
    private final NewsletterFanOut fanOut;
    private final SendPace pace;
    private final Clock clock;
    private final SecureRandom random;
    private BusinessMetrics metrics = BusinessMetrics.NONE;
    /** The edition being sent, read once per instance: every batch of a send is for the same one. */
    private Edition cached;

    public NewsletterSender(EditionStore editions, DeliveryLog log, EditionEmails emails, SubscriptionLinks links,
            Mailer mailer, NewsletterFanOut fanOut, SendPace pace, Clock clock, SecureRandom random) {
        this.editions = Objects.requireNonNull(editions, "editions");
        this.log = Objects.requireNonNull(log, "log");
        this.emails = Objects.requireNonNull(emails, "emails");
        this.links = Objects.requireNonNull(links, "links");
        this.mailer = Objects.requireNonNull(mailer, "mailer");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
        this.pace = Objects.requireNonNull(pace, "pace");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /** Counts each call's sends, skips and failures per edition into {@code metrics}; returns this sender. */
    public NewsletterSender withMetrics(BusinessMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        return this;
    }

    /** A message as received: its queue id, and its work, empty when it could not be read. */
    public record Received(String messageId, Optional<DeliveryWork> work) {
        public Received {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(work, "work");
        }
    }

    /** What one call did: the messages to report failed (redelivered later), and counts for the log. */
    public record Outcome(List<String> failedMessageIds, Counts counts) {
        public Outcome {
            failedMessageIds = List.copyOf(failedMessageIds);
            Objects.requireNonNull(counts, "counts");
        }
    }

    /** Counts of one call, by what happened to each recipient or message. */
    public static final class Counts {
        public int sent;
        /** Claimed before (a redelivery), or not confirmed any more. */
        public int skipped;
        public int throttled;
        /** Sends that may or may not have gone (kept claimed: never sent again). */
        public int unknown;
        /** Recipients whose email was rejected for good (recorded). */
        public int rejected;
        /** Claims given back, for a later redelivery to send. */
        public int released;
        public int pages;
        public int enqueued;
        public int unreadable;
        /** What stopped the call early, if anything: a kind, never a message. */
        public Optional<String> stoppedBy = Optional.empty();
    }

    /**
     * Handles the messages in order, each within the time {@code timeLeft} reports; returns the
     * ones to report failed.
     */
    public Outcome handle(List<Received> messages, Supplier<Duration> timeLeft) {
        Counts counts = new Counts();
        List<String> failed = new ArrayList<>();
        for (Received received : messages) {
            if (counts.stoppedBy.isPresent()) {
                failed.add(received.messageId());
                continue;
            }
            if (received.work().isEmpty()) {
                counts.unreadable++;
                failed.add(received.messageId());
                continue;
            }
            boolean done;
            try {
                done = received.work().get() instanceof FanOutPage page
                        ? page(page, counts)
                        : deliver((DeliveryBatch) received.work().get(), counts, timeLeft);
            } catch (RuntimeException e) {
                // A store or queue failure: this message and the rest come back after the visibility timeout.
                counts.stoppedBy = Optional.of(e.getClass().getSimpleName());
                Log.warn("newsletter_message_failed").field("kind", received.work().get() instanceof FanOutPage
                        ? "fanOutPage" : "batch").field("causes", Log.causes(e)).write();
                done = false;
            }
            if (!done) {
                failed.add(received.messageId());
            }
        }
        recordMetrics(messages, failed.size(), counts);
        return new Outcome(failed, counts);
    }

    /**
     * One metric line per call, for the edition of its messages (a call's messages are all of the
     * week being sent; when none could be read, the line has no edition). Rejected and unknown
     * sends count as failed: neither will be sent again.
     */
    private void recordMetrics(List<Received> messages, int failedMessages, Counts counts) {
        MetricCounts line = new MetricCounts()
                .add(BusinessMetric.NEWSLETTER_EMAILS_SENT, counts.sent)
                .add(BusinessMetric.NEWSLETTER_EMAILS_FAILED, counts.rejected + counts.unknown)
                .add(BusinessMetric.NEWSLETTER_EMAILS_SKIPPED, counts.skipped)
                .add(BusinessMetric.NEWSLETTER_EMAILS_THROTTLED, counts.throttled)
                .add(BusinessMetric.NEWSLETTER_RECIPIENTS_ENQUEUED, counts.enqueued)
                .add(BusinessMetric.NEWSLETTER_MESSAGES_FAILED, failedMessages);
        messages.stream().flatMap(received -> received.work().stream()).findFirst()
                .ifPresent(work -> line.forEdition(work.edition().toString()));
        metrics.record(line);
    }

    private boolean page(FanOutPage page, Counts counts) {
        NewsletterFanOut.PageResult result = fanOut.page(page);
        counts.pages++;
        counts.enqueued += result.recipients();
        return true;
    }

    /** True when every recipient of the batch is dealt with; false when the batch must come again. */
    private boolean deliver(DeliveryBatch batch, Counts counts, Supplier<Duration> timeLeft) {
        Edition edition = edition(batch.edition());
        for (String subscriberId : batch.subscriberIds()) {
            if (spare(timeLeft).isNegative()) {
                counts.stoppedBy = Optional.of("time");
                return false;
            }
            UnsubscribeToken token = UnsubscribeToken.issue(subscriberId, random);
            DeliveryLog.Claim claim = log.claim(edition.id(), subscriberId, token.secretHash(), clock.instant());
            if (claim.outcome() != DeliveryLog.ClaimOutcome.CLAIMED) {
                counts.skipped++;
                continue;
            }
            EmailMessage message = emails.render(edition, claim.to().orElseThrow(), links.unsubscribe(token));
            if (!send(message, edition.id(), subscriberId, claim, counts, timeLeft)) {
                return false;
            }
        }
        return true;
    }

    /** Sends one claimed email; false when the batch must stop (and come again). */
    private boolean send(EmailMessage message, EditionId edition, String subscriberId, DeliveryLog.Claim claim,
            Counts counts, Supplier<Duration> timeLeft) {
        while (true) {
            if (!pace.acquire(spare(timeLeft))) {
                release(edition, subscriberId, claim, counts);
                counts.stoppedBy = Optional.of("time");
                return false;
            }
            try {
                mailer.send(message);
                pace.passed();
                counts.sent++;
                return true;
            } catch (MailException e) {
                if (e.throttled()) {
                    counts.throttled++;
                    pace.throttled();
                    continue;
                }
                if (e.mayHaveBeenSent()) {
                    counts.unknown++;
                    return true;
                }
                if (e.accountWide() || e.retryable()) {
                    release(edition, subscriberId, claim, counts);
                    counts.stoppedBy = Optional.of(e.accountWide() ? "mail_refused_for_all" : "mail_unavailable");
                    return false;
                }
                log.recordFailure(edition, subscriberId, "rejected", clock.instant());
                counts.rejected++;
                return true;
            }
        }
    }

    private void release(EditionId edition, String subscriberId, DeliveryLog.Claim claim, Counts counts) {
        if (log.release(edition, subscriberId, claim.previous())) {
            counts.released++;
        }
    }

    private Edition edition(EditionId id) {
        if (cached == null || !cached.id().equals(id)) {
            cached = editions.find(id).orElseThrow(() -> new IllegalStateException("no stored edition " + id));
        }
        return cached;
    }

    private static Duration spare(Supplier<Duration> timeLeft) {
        return timeLeft.get().minus(TIME_IN_HAND);
    }
}
