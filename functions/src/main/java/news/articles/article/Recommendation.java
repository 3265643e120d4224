package news.articles.article;

import java.util.List;
import java.util.Objects;

/**
 * An article recommended to the reader of another, and why it was picked: the step of the
 * fallback chain that found it, the tags the two share (in the reader's article's order), the
 * other topics they share, where a derived keyword of one meets a tag or keyword of the other (the
 * reader's article's tags first, then its keywords, then the candidate's), and whether both are in
 * the same section, so a front end can say "Also about heat pumps, energy".
 */
public record Recommendation(
        ArticleSummary article, Reason reason, List<String> sharedTags, List<String> sharedKeywords, boolean sameSection) {

    /** The step of the fallback chain that put the article on the list, in order of preference. */
    public enum Reason {
        /** Shares at least one tag; {@code sharedTags} names them ({@code sharedKeywords} any other shared topic). */
        SHARED_TAGS,
        /** Shares no tag but a keyword-derived topic; {@code sharedKeywords} names them. Ranked with SHARED_TAGS. */
        SHARED_KEYWORDS,
        /** Shares no tag, but is in the same section. */
        SAME_SECTION,
        /** Neither: among the newest on the site, to fill the list. */
        LATEST
    }

    /** A recommendation that shares no keyword-derived topic. */
    public Recommendation(ArticleSummary article, Reason reason, List<String> sharedTags, boolean sameSection) {
        this(article, reason, sharedTags, List.of(), sameSection);
    }

    public Recommendation {
        Objects.requireNonNull(article, "article");
        Objects.requireNonNull(reason, "reason");
        sharedTags = List.copyOf(Objects.requireNonNull(sharedTags, "sharedTags"));
        sharedKeywords = List.copyOf(Objects.requireNonNull(sharedKeywords, "sharedKeywords"));
        if ((reason == Reason.SHARED_TAGS) == sharedTags.isEmpty()) {
            throw new IllegalArgumentException(reason + " with shared tags " + sharedTags);
        }
        if (reason == Reason.SHARED_KEYWORDS && sharedKeywords.isEmpty()
                || (reason == Reason.SAME_SECTION || reason == Reason.LATEST) && !sharedKeywords.isEmpty()) {
            throw new IllegalArgumentException(reason + " with shared keywords " + sharedKeywords);
        }
        if (reason == Reason.SAME_SECTION && !sameSection || reason == Reason.LATEST && sameSection) {
            throw new IllegalArgumentException(reason + " with sameSection " + sameSection);
        }
    }
}
