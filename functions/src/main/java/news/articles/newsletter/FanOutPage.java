package news.articles.newsletter;

import java.util.Objects;
import java.util.Optional;

/**
 * The fan-out's continuation: enqueue the delivery batches of the next page of recipients of
 * {@code edition}, those after {@code after} (from the first recipient when empty).
 */
public record FanOutPage(EditionId edition, Optional<String> after) implements DeliveryWork {

    public FanOutPage {
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(after, "after");
    }

    /** The first page of an edition's fan-out. */
    public static FanOutPage first(EditionId edition) {
        return new FanOutPage(edition, Optional.empty());
    }
}
