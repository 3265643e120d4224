package news.articles.newsletter;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns an edition into delivery batches, one page of recipients at a time, so that no invocation
 * holds more than one page however long the list: the weekly run enqueues the first page; each
 * page enqueues its batches, moves the edition's {@link FanOutProgress} on with a conditional
 * write, then enqueues the next page. A page run twice (a redelivery, a retry) enqueues its
 * batches twice, which the {@link DeliveryLog}'s claims make harmless, and only one of the two
 * moves the progress on; a page of a chain that was overtaken stops.
 */
public final class NewsletterFanOut {

    /** Recipients read and enqueued by one page: 20 batches, two SendMessageBatch calls, one index Query. */
    public static final int DEFAULT_PAGE_SIZE = 1000;

    private final RecipientDirectory recipients;
    private final DeliveryQueue queue;
    private final FanOutProgress progress;
    private final int pageSize;
    private final Clock clock;

    public NewsletterFanOut(RecipientDirectory recipients, DeliveryQueue queue, FanOutProgress progress, int pageSize,
            Clock clock) {
        this.recipients = Objects.requireNonNull(recipients, "recipients");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.progress = Objects.requireNonNull(progress, "progress");
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        this.pageSize = pageSize;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What {@link #start} did. */
    public enum Start {
        /** The first page was enqueued. */
        STARTED,
        /** The fan-out had started before (it may be running or done): nothing enqueued. */
        ALREADY_STARTED
    }

    /**
     * Starts the stored edition's fan-out unless it has started: enqueues the first page, then
     * records the start. In that order, so that a failure in between leaves the fan-out
     * unrecorded and the next run starts it again (two first pages at worst, which end in one chain
     * or two, sending nothing twice) rather than recorded and never started.
     */
    public Start start(EditionId edition) {
        if (progress.find(edition).isPresent()) {
            return Start.ALREADY_STARTED;
        }
        queue.continueFanOut(FanOutPage.first(edition));
        progress.start(edition, clock.instant());
        return Start.STARTED;
    }

    /** What one page did: how many recipients and batches it enqueued, and whether the chain goes on. */
    public record PageResult(int recipients, int batches, FanOutProgress.Advance advance, boolean last) {
        public PageResult {
            Objects.requireNonNull(advance, "advance");
        }
    }

    /** Enqueues the page's batches, moves the progress on and enqueues the next page (see the class comment). */
    public PageResult page(FanOutPage page) {
        RecipientDirectory.RecipientPage found = recipients.confirmed(page.after(), pageSize);
        List<DeliveryBatch> batches = batches(page.edition(), found.subscriberIds());
        if (!batches.isEmpty()) {
            queue.enqueue(batches);
        }
        Optional<String> next = found.next();
        FanOutProgress.Advance advance = progress.advance(page.edition(), page.after(), next,
                found.subscriberIds().size(), clock.instant());
        boolean goesOn = advance != FanOutProgress.Advance.ELSEWHERE && next.isPresent();
        if (goesOn) {
            queue.continueFanOut(new FanOutPage(page.edition(), next));
        }
        return new PageResult(found.subscriberIds().size(), batches.size(), advance, next.isEmpty());
    }

    static List<DeliveryBatch> batches(EditionId edition, List<String> subscriberIds) {
        List<DeliveryBatch> batches = new ArrayList<>();
        for (int from = 0; from < subscriberIds.size(); from += DeliveryBatch.MAX_RECIPIENTS) {
            batches.add(new DeliveryBatch(edition,
                    subscriberIds.subList(from, Math.min(subscriberIds.size(), from + DeliveryBatch.MAX_RECIPIENTS))));
        }
        return batches;
    }
}
