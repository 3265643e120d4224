package news.articles.newsletter;

import java.util.List;
import java.util.Objects;

/** Up to {@link #MAX_RECIPIENTS} subscribers to send one edition to: one queue message. */
public record DeliveryBatch(EditionId edition, List<String> subscriberIds) implements DeliveryWork {

    public static final int MAX_RECIPIENTS = 50;

    public DeliveryBatch {
        Objects.requireNonNull(edition, "edition");
        subscriberIds = List.copyOf(Objects.requireNonNull(subscriberIds, "subscriberIds"));
        if (subscriberIds.isEmpty() || subscriberIds.size() > MAX_RECIPIENTS) {
            throw new IllegalArgumentException("a delivery batch has 1 to " + MAX_RECIPIENTS + " recipients");
        }
    }
}
