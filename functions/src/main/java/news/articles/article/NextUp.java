package news.articles.article;

import java.util.Objects;

/**
 * The one article offered as the next read, and the rule that chose it.
 *
 * <p>The rules are tried in the order of {@link Rule}; each skips the article being read and the
 * first {@value RecommendationService#DEFAULT_LIMIT} of its ranking (the default list), so NEXT UP
 * is the same whatever {@code limit} is asked, and the list skips it when it is longer. The
 * related rules come first: the story most like this one that the default list does not already
 * offer, published after it when one is, so that the reader moves forward; they look at the
 * articles sharing a tag first, and at those sharing only a derived keyword when none is left, so
 * that moving forward never beats a surer match. The section rules and
 * the site's newest follow, so NEXT UP is empty only when every other published article is
 * already on the list.
 */
public record NextUp(ArticleSummary article, Rule rule) {

    /** Tried in this order. */
    public enum Rule {
        /** The best-ranked article sharing a tag (else only a keyword) with this one, of those published after it. */
        RELATED_NEWER,
        /** The best-ranked article sharing a tag (else only a keyword), when none published after it is left. */
        RELATED_OLDER,
        /** Nothing related left: the first article published after this one in the same section. */
        NEXT_IN_SECTION,
        /** The last article published before this one in the same section, when none after is left. */
        PREVIOUS_IN_SECTION,
        /** The newest article on the site not already offered. */
        LATEST
    }

    public NextUp {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(rule, "rule");
    }
}
