package news.articles.newsletter;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The newsletter's recipients: the subscribers confirmed when the send runs, read page by page in
 * the order of their ids, so that a fan-out can stop after any page and continue from its cursor.
 */
public interface RecipientDirectory {

    /** Up to {@code limit} ids of subscribers confirmed now, in id order, after {@code after} when given. */
    RecipientPage confirmed(Optional<String> after, int limit);

    /** Some recipients' subscriber ids and, when more may follow, the id to continue after. */
    record RecipientPage(List<String> subscriberIds, Optional<String> next) {
        public RecipientPage {
            subscriberIds = List.copyOf(Objects.requireNonNull(subscriberIds, "subscriberIds"));
            Objects.requireNonNull(next, "next");
        }
    }
}
