package news.articles.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Some items of a listing and, when more may follow, the position to continue after. */
public record Page<T>(List<T> items, Optional<ListingPosition> next) {

    public Page {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(next, "next");
    }
}
