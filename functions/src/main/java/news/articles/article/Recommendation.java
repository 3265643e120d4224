package news.articles.article;

import java.util.List;
import java.util.Objects;

/** An article recommended to the reader of another, and why it was picked. */
public record Recommendation(ArticleSummary article, Reason reason, List<String> sharedTags) {

    /** The rule that put the article on the list, in order of preference. */
    public enum Reason {
        SHARED_TAGS,
        SAME_SECTION,
        LATEST
    }

    public Recommendation {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(reason, "reason");
        sharedTags = List.copyOf(Objects.requireNonNull(sharedTags, "sharedTags"));
    }
}
