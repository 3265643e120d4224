package news.articles.newsletter;

import news.articles.testing.TestKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import news.articles.article.ArticleSummary;
import news.articles.mail.EmailMessage;
import news.articles.subscription.SubscriberId;
import news.articles.subscription.EmailAddress;
import news.articles.testing.InMemoryDeliveryQueue;
import news.articles.testing.InMemoryEditionStore;
import news.articles.testing.InMemoryFanOutProgress;
import news.articles.testing.Subscriptions;

/**
 * The newsletter's delivery on the unit tests' fakes: subscribers in the subscription fakes, one
 * stored edition, the fan-out and a sender whose pace runs on a fake clock that only its sleeps
 * move, and a loop that plays the queue's part (messages reported failed come back).
 */
final class NewsletterDelivery {

    static final EditionId EDITION = new EditionId("2026-W49");
    static final Instant SCHEDULED = Instant.parse("2026-12-04T09:00:00Z");

    final Subscriptions subscriptions = new Subscriptions();
    final InMemoryEditionStore editions = new InMemoryEditionStore(edition());
    final InMemoryFanOutProgress progress = new InMemoryFanOutProgress();
    final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    final NewsletterFanOut fanOut;
    /** The pace's clock, in nanoseconds: moved by its sleeps only. */
    long nanos = 1_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();
    final SendPace pace;
    final NewsletterSender sender;
    /** Time left in each invocation, unless a test limits it. */
    Supplier<Duration> timeLeft = () -> Duration.ofMinutes(15);
    private int messageIds;

    NewsletterDelivery(int pageSize, double perSecond) {
        progress.editionStored(EDITION);
        fanOut = new NewsletterFanOut(subscriptions.store, queue, progress, pageSize, subscriptions.clock);
        pace = new SendPace(perSecond, () -> nanos, duration -> {
            sleeps.add(duration);
            nanos += duration.toNanos();
        });
        sender = new NewsletterSender(editions, subscriptions.store, NewsletterDelivery::render,
                subscriptions.settings.links(), subscriptions.mailer, fanOut, pace, subscriptions.clock,
                Subscriptions.seededRandom());
    }

    static Edition edition() {
        ArticleSummary article = new ArticleSummary("chip-export-rules", "Chip export rules", "What changes.", "A. Writer",
                "technology", List.of("chips"), SCHEDULED.minus(Duration.ofDays(2)), SCHEDULED.minus(Duration.ofDays(2)), 4);
        return new Edition(EDITION, SCHEDULED, SCHEDULED.minus(Duration.ofDays(7)), SCHEDULED, SCHEDULED, List.of(article));
    }

    /** A rendering that keeps what the sender decides: the recipient and the unsubscribe link. */
    static EmailMessage render(Edition edition, String to, String unsubscribeUrl) {
        return new EmailMessage(to, "Edition " + edition.id(), "<p>" + edition.articles().size() + "</p>",
                "Unsubscribe: " + unsubscribeUrl, unsubscribeUrl);
    }

    /**
     * Subscribes and confirms the address; returns its subscriber id. Four minutes pass after each
     * sign-up, so that the per-network sign-up limit (20 an hour) never refuses the test's readers.
     */
    String confirmed(String address) {
        subscriptions.clock.advance(Duration.ofMinutes(4));
        subscriptions.service.subscribe(address, Subscriptions.REQUESTER);
        subscriptions.service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        return SubscriberId.of(EmailAddress.parse(address), TestKeys.IDENTIFIERS);
    }

    /** Subscribes the address and leaves it pending; returns its subscriber id. */
    String pending(String address) {
        subscriptions.clock.advance(Duration.ofMinutes(4));
        subscriptions.service.subscribe(address, Subscriptions.REQUESTER);
        return SubscriberId.of(EmailAddress.parse(address), TestKeys.IDENTIFIERS);
    }

    NewsletterSender.Outcome deliver(DeliveryWork... work) {
        List<NewsletterSender.Received> received = new ArrayList<>();
        for (DeliveryWork item : work) {
            received.add(new NewsletterSender.Received("m" + (++messageIds), Optional.of(item)));
        }
        return sender.handle(received, timeLeft);
    }

    /**
     * Plays the event source: takes up to {@code batchSize} waiting messages per invocation, hands
     * them to the sender, and puts the ones reported failed back at the end of the queue. Stops
     * when the queue is empty, or after {@code maxInvocations}.
     */
    int drain(int batchSize, int maxInvocations) {
        int invocations = 0;
        while (!queue.waiting().isEmpty() && invocations < maxInvocations) {
            invocations++;
            List<NewsletterSender.Received> received = new ArrayList<>();
            java.util.Map<String, DeliveryWork> byId = new java.util.HashMap<>();
            for (int i = 0; i < batchSize; i++) {
                DeliveryWork work = queue.poll();
                if (work == null) {
                    break;
                }
                String id = "m" + (++messageIds);
                byId.put(id, work);
                received.add(new NewsletterSender.Received(id, Optional.of(work)));
            }
            NewsletterSender.Outcome outcome = sender.handle(received, timeLeft);
            for (String failed : outcome.failedMessageIds()) {
                DeliveryWork work = byId.get(failed);
                if (work instanceof DeliveryBatch batch) {
                    queue.enqueue(List.of(batch));
                } else {
                    queue.continueFanOut((FanOutPage) work);
                }
            }
        }
        return invocations;
    }

    List<String> recipients() {
        return subscriptions.mailer.sent().stream().map(EmailMessage::to).toList();
    }
}
