package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import news.articles.error.StoreException;
import org.junit.jupiter.api.Test;

class NewsletterFanOutTest {

    private final NewsletterDelivery delivery = new NewsletterDelivery(4, 1000);

    private List<String> confirmed(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(delivery.confirmed("reader" + i + "@example.com"));
        }
        return ids;
    }

    /** The subscriber ids of every batch ever enqueued, in order. */
    private List<String> enqueuedRecipients() {
        return delivery.queue.everEnqueued().stream()
                .filter(DeliveryBatch.class::isInstance).map(DeliveryBatch.class::cast)
                .flatMap(batch -> batch.subscriberIds().stream()).toList();
    }

    /** Runs the queue's fan-out pages only, oldest first, until none is left. */
    private void runPages() {
        for (DeliveryWork work = delivery.queue.poll(); work != null; work = delivery.queue.poll()) {
            if (work instanceof FanOutPage page) {
                delivery.fanOut.page(page);
            }
        }
    }

    @Test
    void theStartEnqueuesTheFirstPageOnceAndRecordsIt() {
        assertEquals(NewsletterFanOut.Start.STARTED, delivery.fanOut.start(NewsletterDelivery.EDITION));
        assertEquals(NewsletterFanOut.Start.ALREADY_STARTED, delivery.fanOut.start(NewsletterDelivery.EDITION));
        assertEquals(List.of(FanOutPage.first(NewsletterDelivery.EDITION)), delivery.queue.everEnqueued());
        assertTrue(delivery.progress.find(NewsletterDelivery.EDITION).isPresent());
    }

    @Test
    void aStartWhoseFirstPageCouldNotBeEnqueuedIsNotRecordedSoTheNextRunStartsIt() {
        delivery.queue.failNextWith(new StoreException("SQS down", true, null));
        assertThrows(StoreException.class, () -> delivery.fanOut.start(NewsletterDelivery.EDITION));
        assertEquals(Optional.empty(), delivery.progress.find(NewsletterDelivery.EDITION));

        assertEquals(NewsletterFanOut.Start.STARTED, delivery.fanOut.start(NewsletterDelivery.EDITION));
    }

    @Test
    void pagesEnqueueEveryConfirmedRecipientOnceInBatchesOfFiftyAndEndTheFanOut() {
        NewsletterDelivery big = new NewsletterDelivery(120, 1000);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 263; i++) {
            ids.add(big.confirmed("many" + i + "@example.com"));
        }
        big.pending("waiting@example.com");
        big.fanOut.start(NewsletterDelivery.EDITION);
        int pages = 0;
        for (DeliveryWork work = big.queue.poll(); work != null; work = big.queue.poll()) {
            if (work instanceof FanOutPage page) {
                big.fanOut.page(page);
                pages++;
            }
        }
        List<DeliveryBatch> batches = big.queue.everEnqueued().stream()
                .filter(DeliveryBatch.class::isInstance).map(DeliveryBatch.class::cast).toList();
        assertEquals(3, pages, "263 recipients in pages of 120");
        assertEquals(List.of(50, 50, 20, 50, 50, 20, 23), batches.stream().map(b -> b.subscriberIds().size()).toList());
        assertEquals(new TreeSet<>(ids), new TreeSet<>(batches.stream().flatMap(b -> b.subscriberIds().stream()).toList()));
        assertEquals(263, batches.stream().mapToInt(b -> b.subscriberIds().size()).sum(), "nobody twice");
        FanOutProgress.Progress done = big.progress.find(NewsletterDelivery.EDITION).orElseThrow();
        assertTrue(done.done());
        assertEquals(263, done.enqueued());
    }

    @Test
    void aPageRunTwiceMovesTheProgressOnceAndAPageOfAnOvertakenChainStops() {
        List<String> ids = confirmed(10).stream().sorted().toList();
        delivery.progress.start(NewsletterDelivery.EDITION, NewsletterDelivery.SCHEDULED);
        FanOutPage first = FanOutPage.first(NewsletterDelivery.EDITION);

        assertEquals(FanOutProgress.Advance.ADVANCED, delivery.fanOut.page(first).advance());
        assertEquals(FanOutProgress.Advance.ALREADY_THERE, delivery.fanOut.page(first).advance(),
                "the page's second run finds the progress where it would have moved it, and continues too");
        FanOutPage second = new FanOutPage(NewsletterDelivery.EDITION, Optional.of(ids.get(3)));
        assertEquals(FanOutProgress.Advance.ADVANCED, delivery.fanOut.page(second).advance());

        int pagesBefore = pagesEnqueued();
        NewsletterFanOut.PageResult late = delivery.fanOut.page(first);
        assertEquals(FanOutProgress.Advance.ELSEWHERE, late.advance());
        assertEquals(pagesBefore, pagesEnqueued(), "a page of an overtaken chain enqueues no next page");
        assertEquals(8, delivery.progress.find(NewsletterDelivery.EDITION).orElseThrow().enqueued(),
                "only the run that moved each page counts its recipients");
        assertEquals(Optional.of(ids.get(7)), delivery.progress.find(NewsletterDelivery.EDITION).orElseThrow().after());
    }

    @Test
    void aPageThatDiedAfterMovingTheProgressIsContinuedByItsRedelivery() {
        List<String> ids = confirmed(9).stream().sorted().toList();
        delivery.fanOut.start(NewsletterDelivery.EDITION);
        FanOutPage first = (FanOutPage) delivery.queue.poll();
        // Its batch is enqueued and the progress moves; enqueuing the next page fails: SQS redelivers the page.
        delivery.queue.failNextFanOutWith(new StoreException("SQS down", true, null));
        assertThrows(StoreException.class, () -> delivery.fanOut.page(first));
        assertEquals(Optional.of(ids.get(3)), delivery.progress.find(NewsletterDelivery.EDITION).orElseThrow().after());

        delivery.queue.continueFanOut(first);
        runPages();

        assertEquals(new TreeSet<>(ids), new TreeSet<>(enqueuedRecipients()), "nobody left out");
        assertEquals(9 + 4, enqueuedRecipients().size(), "the first page's batch twice (claims make that harmless)");
        assertTrue(delivery.progress.find(NewsletterDelivery.EDITION).orElseThrow().done());
    }

    private int pagesEnqueued() {
        return (int) delivery.queue.everEnqueued().stream().filter(FanOutPage.class::isInstance).count();
    }
}
