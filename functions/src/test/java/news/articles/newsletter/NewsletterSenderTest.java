package news.articles.newsletter;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.subscription.SubscriptionService;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class NewsletterSenderTest {

    /** Five a second: the pace's sleeps are visible, and cost nothing (a fake clock). */
    private final NewsletterDelivery delivery = new NewsletterDelivery(1000, 5);

    private List<String> readers(int count) {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String address = "reader" + i + "@example.com";
            delivery.confirmed(address);
            addresses.add(address);
        }
        return addresses;
    }

    private List<String> newsletterRecipients() {
        return delivery.subscriptions.mailer.sent().stream()
                .filter(message -> message.subject().startsWith("Edition ")).map(EmailMessage::to).toList();
    }

    private DeliveryBatch batchOf(List<String> addresses) {
        return new DeliveryBatch(NewsletterDelivery.EDITION, addresses.stream()
                .map(address -> news.articles.subscription.SubscriberId.of(news.articles.subscription.EmailAddress.parse(address), TestKeys.IDENTIFIERS))
                .toList());
    }

    @Test
    void everyConfirmedSubscriberGetsOneEmailAndNobodyElseAny() {
        List<String> confirmed = readers(7);
        delivery.pending("pending@example.com");
        delivery.confirmed("gone@example.com");
        delivery.subscriptions.service.unsubscribe(
                Subscriptions.unsubscribeToken(delivery.subscriptions.mailer.last()), Subscriptions.REQUESTER);

        delivery.fanOut.start(NewsletterDelivery.EDITION);
        delivery.drain(3, 100);

        assertEquals(new TreeSet<>(confirmed), new TreeSet<>(newsletterRecipients()));
        assertEquals(7, newsletterRecipients().size());
    }

    @Test
    void aBatchDeliveredAgainSendsNothingTwice() {
        List<String> confirmed = readers(3);
        DeliveryBatch batch = batchOf(confirmed);

        NewsletterSender.Outcome first = delivery.deliver(batch);
        NewsletterSender.Outcome again = delivery.deliver(batch);

        assertEquals(3, first.counts().sent);
        assertEquals(0, again.counts().sent);
        assertEquals(3, again.counts().skipped);
        assertEquals(List.of(), again.failedMessageIds());
        assertEquals(3, newsletterRecipients().size());
    }

    @Test
    void sendsAreSpacedAtThePace() {
        delivery.deliver(batchOf(readers(4)));
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(200)), delivery.sleeps);
    }

    @Test
    void eachEmailCarriesAFreshUnsubscribeLinkThatWorks() {
        List<String> confirmed = readers(2);
        delivery.deliver(batchOf(confirmed));
        List<EmailMessage> editions = delivery.subscriptions.mailer.sent().stream()
                .filter(message -> message.subject().startsWith("Edition ")).toList();
        assertEquals(2, new TreeSet<>(editions.stream().map(EmailMessage::unsubscribeUrl).toList()).size());

        EmailMessage first = editions.get(0);
        assertEquals(SubscriptionService.Unsubscription.UNSUBSCRIBED, delivery.subscriptions.service.unsubscribe(
                Subscriptions.unsubscribeToken(first), Subscriptions.REQUESTER));
    }

    @Test
    void anAddressUnsubscribedAfterItsBatchWasEnqueuedGetsNothing() {
        List<String> confirmed = readers(3);
        delivery.fanOut.start(NewsletterDelivery.EDITION);
        delivery.fanOut.page((FanOutPage) delivery.queue.poll());
        // Between the fan-out and the send, reader1 follows the unsubscribe link of an earlier email.
        delivery.subscriptions.service.unsubscribe(unsubscribeTokenOfConfirmation("reader1@example.com"),
                Subscriptions.REQUESTER);

        delivery.drain(10, 10);

        assertEquals(new TreeSet<>(List.of(confirmed.get(0), confirmed.get(2))), new TreeSet<>(newsletterRecipients()));
    }

    private String unsubscribeTokenOfConfirmation(String address) {
        return delivery.subscriptions.mailer.sent().stream().filter(message -> message.to().equals(address))
                .map(Subscriptions::unsubscribeToken).findFirst().orElseThrow();
    }

    @Test
    void throttlingPausesAndSendsTheSameEmailAgainNeverDroppingIt() {
        List<String> confirmed = readers(3);
        delivery.subscriptions.mailer.failNextWith(MailException.throttled("slow down", null));
        delivery.subscriptions.mailer.failNextWith(MailException.throttled("slow down", null));

        NewsletterSender.Outcome outcome = delivery.deliver(batchOf(confirmed));

        assertEquals(List.of(), outcome.failedMessageIds());
        assertEquals(2, outcome.counts().throttled);
        assertEquals(confirmed, newsletterRecipients());
        assertEquals(List.of(Duration.ofMillis(1200), Duration.ofMillis(2200), Duration.ofMillis(200), Duration.ofMillis(200)),
                delivery.sleeps, "the turn plus a second's pause after the first throttling, plus two after the second, "
                        + "then the pace for the other two");
    }

    @Test
    void anEmailCertainlyNotSentIsGivenBackAndItsBatchRedeliveredSendsIt() {
        List<String> confirmed = readers(3);
        delivery.subscriptions.mailer.failNextWith(new MailException("SES unavailable", true, false, null));
        DeliveryBatch batch = batchOf(confirmed);

        NewsletterSender.Outcome failed = delivery.deliver(batch);
        assertEquals(1, failed.failedMessageIds().size());
        assertEquals(1, failed.counts().released);
        assertEquals(List.of(), newsletterRecipients());

        NewsletterSender.Outcome redelivered = delivery.deliver(batch);
        assertEquals(List.of(), redelivered.failedMessageIds());
        assertEquals(confirmed, newsletterRecipients(), "each once");
    }

    @Test
    void anEmailThatMayHaveGoneIsNeverSentAgain() {
        List<String> confirmed = readers(3);
        delivery.subscriptions.mailer.failNextWith(new MailException("timed out", true, true, null));
        DeliveryBatch batch = batchOf(confirmed);

        NewsletterSender.Outcome outcome = delivery.deliver(batch);
        delivery.deliver(batch);

        assertEquals(List.of(), outcome.failedMessageIds());
        assertEquals(1, outcome.counts().unknown);
        assertEquals(confirmed.subList(1, 3), newsletterRecipients(), "reader0's may have gone: at most once");
    }

    @Test
    void eachCallWritesOneMetricLineOfTheSpecificationForItsEditionWithoutPersonalData() {
        List<String> confirmed = readers(3);
        delivery.sender.withMetrics(new news.articles.metrics.emf.EmfBusinessMetrics("test-stack", "Newsletter"));
        List<String> logged;
        try (news.articles.testing.LogCapture log = news.articles.testing.LogCapture.start()) {
            delivery.fanOut.start(NewsletterDelivery.EDITION);
            delivery.drain(1, 1);
            // reader0's send times out (may have gone: counted failed); then a redelivery skips all three.
            delivery.subscriptions.mailer.failNextWith(new MailException("timed out", true, true, null));
            delivery.drain(1, 1);
            delivery.deliver(batchOf(confirmed));
            logged = log.lines();
        }

        news.articles.testing.EmfLines lines = news.articles.testing.EmfLines.from(logged);
        assertEquals(3, lines.size(), "one line per call");
        assertEquals(java.util.Map.of("NewsletterEmailsSent", 2L, "NewsletterEmailsFailed", 1L, "NewsletterEmailsSkipped", 3L,
                "NewsletterEmailsThrottled", 0L, "NewsletterRecipientsEnqueued", 3L, "NewsletterMessagesFailed", 0L), lines.totals());
        for (String line : logged) {
            if (line.startsWith("{\"_aws\"")) {
                assertTrue(line.contains("\"edition\":\"" + NewsletterDelivery.EDITION + "\""), line);
                assertTrue(line.contains("\"Service\":\"Newsletter\""), line);
                for (String reader : confirmed) {
                    assertTrue(!line.contains(reader) && !line.contains(news.articles.subscription.SubscriberId.of(
                            news.articles.subscription.EmailAddress.parse(reader), news.articles.testing.TestKeys.IDENTIFIERS)), line);
                }
            }
        }
        List<String> newsletterMetrics = java.util.Arrays.stream(news.articles.metrics.BusinessMetric.values())
                .map(news.articles.metrics.BusinessMetric::metricName).filter(name -> name.startsWith("Newsletter")).sorted().toList();
        assertEquals(newsletterMetrics, List.copyOf(new TreeSet<>(lines.totals().keySet())), "every newsletter metric in the lines");
    }

    /** A sender instance dying (the JVM stops): neither caught nor reported; the whole invocation's messages come back. */
    private static final class Crash extends Error {
    }

    /**
     * The at-most-once window, measured: a sender that dies at any point of a batch (here, during
     * its k-th send, after the claim) and whose messages all come back leaves exactly one
     * recipient without the edition, the one in flight, and sends nobody two. With N senders
     * running, N crashes at once cost at most N.
     */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 5, 8})
    void aCrashDuringASendCostsTheOneRecipientInFlightAndNobodyElse(int crashingSend) {
        List<String> confirmed = readers(8);
        int[] sends = {0};
        NewsletterDelivery crashing = delivery;
        NewsletterSender dying = new NewsletterSender(crashing.editions, crashing.subscriptions.store,
                NewsletterDelivery::render, crashing.subscriptions.settings.links(), message -> {
                    if (++sends[0] == crashingSend) {
                        throw new Crash();
                    }
                    crashing.subscriptions.mailer.send(message);
                }, crashing.fanOut, crashing.pace, crashing.subscriptions.clock, Subscriptions.seededRandom());
        DeliveryBatch batch = batchOf(confirmed);

        assertThrows(Crash.class, () -> dying.handle(List.of(new NewsletterSender.Received("m1", Optional.of(batch))),
                () -> Duration.ofMinutes(15)));
        delivery.deliver(batch);

        List<String> missed = new ArrayList<>(confirmed);
        missed.removeAll(newsletterRecipients());
        assertEquals(List.of(confirmed.get(crashingSend - 1)), missed);
        assertEquals(7, newsletterRecipients().size());
        assertEquals(7, new TreeSet<>(newsletterRecipients()).size(), "nobody twice");
    }

    @Test
    void anAddressRejectedForGoodIsRecordedAndTheBatchGoesOn() {
        List<String> confirmed = readers(3);
        delivery.subscriptions.mailer.failNextWith(new MailException("MessageRejected", false, false, null));

        NewsletterSender.Outcome outcome = delivery.deliver(batchOf(confirmed));

        assertEquals(List.of(), outcome.failedMessageIds());
        assertEquals(1, outcome.counts().rejected);
        assertEquals(confirmed.subList(1, 3), newsletterRecipients());
        String rejected = batchOf(confirmed).subscriberIds().get(0);
        assertTrue(delivery.subscriptions.store.newsletterFailure(rejected).isPresent());
    }

    @Test
    void aRefusalForEveryMessageStopsTheSenderAndEverythingLeftComesBack() {
        List<String> confirmed = readers(4);
        delivery.subscriptions.mailer.failNextWith(new MailException("paused", false, false, false, true, null));
        DeliveryBatch first = batchOf(confirmed.subList(0, 2));
        DeliveryBatch second = batchOf(confirmed.subList(2, 4));

        NewsletterSender.Outcome outcome = delivery.deliver(first, second);

        assertEquals(2, outcome.failedMessageIds().size());
        assertEquals(Optional.of("mail_refused_for_all"), outcome.counts().stoppedBy);
        assertEquals(List.of(), newsletterRecipients());
        assertEquals(0, delivery.subscriptions.store.newsletterFailure(first.subscriberIds().get(0)).map(x -> 1).orElse(0));

        delivery.deliver(first, second);
        assertEquals(confirmed, newsletterRecipients(), "once SES sends again, everyone, once");
    }

    @Test
    void whenTimeRunsShortTheSenderStopsEarlyAndTheRestComesBack() {
        List<String> confirmed = readers(5);
        long deadline = delivery.nanos + NewsletterSender.TIME_IN_HAND.toNanos() + Duration.ofMillis(500).toNanos();
        delivery.timeLeft = () -> Duration.ofNanos(deadline - delivery.nanos);
        DeliveryBatch batch = batchOf(confirmed);

        NewsletterSender.Outcome outcome = delivery.deliver(batch);

        assertEquals(1, outcome.failedMessageIds().size());
        assertEquals(Optional.of("time"), outcome.counts().stoppedBy);
        assertEquals(confirmed.subList(0, 3), newsletterRecipients(), "at 0, 200 and 400 ms; the fourth would come too late");

        delivery.timeLeft = () -> Duration.ofMinutes(15);
        delivery.deliver(batch);
        assertEquals(confirmed, newsletterRecipients());
    }

    @Test
    void anUnreadableMessageIsReportedFailedAndTheOthersGoOn() {
        List<String> confirmed = readers(1);
        NewsletterSender.Outcome outcome = delivery.sender.handle(List.of(
                new NewsletterSender.Received("bad", Optional.empty()),
                new NewsletterSender.Received("good", Optional.of(batchOf(confirmed)))), () -> Duration.ofMinutes(15));

        assertEquals(List.of("bad"), outcome.failedMessageIds());
        assertEquals(1, outcome.counts().unreadable);
        assertEquals(confirmed, newsletterRecipients());
    }
}
