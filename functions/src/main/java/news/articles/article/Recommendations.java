package news.articles.article;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a reader is offered at the end of an article. */
public record Recommendations(String slug, List<Recommendation> recommended, Optional<NextUp> nextUp) {

    public Recommendations {
        Objects.requireNonNull(slug, "slug");
        recommended = List.copyOf(Objects.requireNonNull(recommended, "recommended"));
        Objects.requireNonNull(nextUp, "nextUp");
    }
}
