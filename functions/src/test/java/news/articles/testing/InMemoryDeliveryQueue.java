package news.articles.testing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.DeliveryQueue;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.FanOutPage;

/** A delivery queue in memory: first in, first out, or failing the next call when a test asks. */
public final class InMemoryDeliveryQueue implements DeliveryQueue {

    private final Deque<DeliveryWork> waiting = new ArrayDeque<>();
    private final List<DeliveryWork> everEnqueued = new ArrayList<>();
    private RuntimeException nextFailure;
    private RuntimeException nextFanOutFailure;

    @Override
    public synchronized void enqueue(List<DeliveryBatch> batches) {
        failIfAsked();
        waiting.addAll(batches);
        everEnqueued.addAll(batches);
    }

    @Override
    public synchronized void continueFanOut(FanOutPage page) {
        failIfAsked();
        if (nextFanOutFailure != null) {
            RuntimeException failure = nextFanOutFailure;
            nextFanOutFailure = null;
            throw failure;
        }
        waiting.add(page);
        everEnqueued.add(page);
    }

    /** The next waiting message, taken off the queue; null when none waits. */
    public synchronized DeliveryWork poll() {
        return waiting.poll();
    }

    public synchronized List<DeliveryWork> waiting() {
        return List.copyOf(waiting);
    }

    public synchronized List<DeliveryWork> everEnqueued() {
        return List.copyOf(everEnqueued);
    }

    public synchronized void failNextWith(RuntimeException failure) {
        nextFailure = failure;
    }

    /** Fails the next {@link #continueFanOut} only. */
    public synchronized void failNextFanOutWith(RuntimeException failure) {
        nextFanOutFailure = failure;
    }

    private void failIfAsked() {
        if (nextFailure != null) {
            RuntimeException failure = nextFailure;
            nextFailure = null;
            throw failure;
        }
    }
}
