package news.articles.article;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A listing of published articles: all of them, one section's or one tag's, up to {@code asOf}
 * (so that future-dated articles stay hidden), newest or oldest first, from an optional position.
 */
public record ArticleQuery(
        Listing listing, String key, Instant asOf, boolean newestFirst, Optional<ListingPosition> after, int limit) {

    public static final int MAX_LIMIT = 100;

    /** Which set of published articles is listed. */
    public enum Listing {
        ALL,
        SECTION,
        TAG,
        /** The articles with this tag or this derived keyword: the recommendations' candidates. */
        TOPIC
    }

    public ArticleQuery {
        Objects.requireNonNull(listing, "listing");
        if ((listing == Listing.ALL) != (key == null)) {
            throw new IllegalArgumentException("a " + listing + " listing " + (key == null ? "needs" : "takes no") + " key");
        }
        Objects.requireNonNull(asOf, "asOf");
        Objects.requireNonNull(after, "after");
        if (listing == Listing.TOPIC && after.isPresent()) {
            // A topic is found by tag and keyword entries alike: a position cannot say which one to resume from.
            throw new IllegalArgumentException("a TOPIC listing is one page, without a position");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
    }

    public static ArticleQuery latest(Instant asOf, int limit) {
        return new ArticleQuery(Listing.ALL, null, asOf, true, Optional.empty(), limit);
    }

    public static ArticleQuery inSection(String section, Instant asOf, int limit) {
        return new ArticleQuery(Listing.SECTION, section, asOf, true, Optional.empty(), limit);
    }

    public static ArticleQuery withTag(String tag, Instant asOf, int limit) {
        return new ArticleQuery(Listing.TAG, tag, asOf, true, Optional.empty(), limit);
    }

    /** The newest articles tagged {@code topic} or with it among their keywords; this listing has no positions. */
    public static ArticleQuery aboutTopic(String topic, Instant asOf, int limit) {
        return new ArticleQuery(Listing.TOPIC, topic, asOf, true, Optional.empty(), limit);
    }

    public ArticleQuery oldestFirst() {
        return new ArticleQuery(listing, key, asOf, false, after, limit);
    }

    public ArticleQuery after(ListingPosition position) {
        return new ArticleQuery(listing, key, asOf, newestFirst, Optional.of(position), limit);
    }
}
