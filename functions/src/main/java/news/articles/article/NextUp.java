package news.articles.article;

import java.util.Objects;

/** The one article offered as the next read, and the rule that chose it. */
public record NextUp(ArticleSummary article, Rule rule) {

    /** Tried in this order. */
    public enum Rule {
        /** The article published next after this one in the same section. */
        NEXT_IN_SECTION,
        /** The article published just before this one in the same section, when none came after. */
        PREVIOUS_IN_SECTION,
        /** The newest article on the site not already offered. */
        LATEST
    }

    public NextUp {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(rule, "rule");
    }
}
