package news.articles.article;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Some items of a listing and, when more may follow, the position to continue after. */
public record ListingPage<T>(List<T> items, Optional<ListingPosition> next) {

    public ListingPage {
        items = List.copyOf(Objects.requireNonNull(items, "items"));
        Objects.requireNonNull(next, "next");
    }
}
