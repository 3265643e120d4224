package news.articles.newsletter;

import java.util.List;

/**
 * Where delivery work waits for the sender: batches of recipients of one edition, and the
 * fan-out's continuation. Delivery is at least once; the {@link DeliveryLog} makes the email at
 * most once.
 */
public interface DeliveryQueue {

    /** Enqueues every batch, or throws: a batch that could not be enqueued is never silently dropped. */
    void enqueue(List<DeliveryBatch> batches);

    /** Enqueues the fan-out's next page, or throws. */
    void continueFanOut(FanOutPage page);
}
