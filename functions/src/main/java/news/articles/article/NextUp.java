package news.articles.article;

import java.util.Objects;

/**
 * The one article offered as the next read, and the rule that chose it.
 *
 * <p>The rules are tried in the order of {@link Rule}; each skips the article being read and the
 * articles already on its RECOMMENDED list, so NEXT UP never repeats one of them. Following NEXT
 * UP from article to article walks a section forward in publication order (equal publication
 * times in slug order), stepping over what the list already offers, up to the section's newest
 * article, which offers the one just before it. There is no NEXT UP only when every other
 * published article is already on the list.
 */
public record NextUp(ArticleSummary article, Rule rule) {

    /** Tried in this order. */
    public enum Rule {
        /** The first article published after this one in the same section. */
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
