package news.articles.article;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import news.articles.error.RejectedException;
import news.articles.keyed.KeyedHash;

/**
 * Lists published articles newest first, a page at a time: all of them (the home page), one tag's
 * or one section's, continued with the opaque cursor the previous page gave ({@link ListingCursor}).
 *
 * <p>Cost: one index query for {@code limit + 1} articles. The extra one only tells whether a next
 * page exists, so the last page never carries a cursor to an empty one: DynamoDB returns a
 * LastEvaluatedKey whenever it stops at the query's limit, even when nothing follows. A page that
 * DynamoDB cuts short at 1 MB is topped up within {@value #MAX_QUERIES} queries in all; past that
 * the page is shorter and its cursor continues where DynamoDB stopped (the one case in which the
 * page after it can be empty).
 */
public final class ArticleListingService {

    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 50;
    static final int MAX_QUERIES = 3;

    private final ArticleStore store;
    private final KeyedHash identifiers;
    private final Clock clock;

    /** {@code identifiers}: the stack's identifier key, which signs the cursors ({@link ListingCursor}). */
    public ArticleListingService(ArticleStore store, KeyedHash identifiers, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.identifiers = Objects.requireNonNull(identifiers, "identifiers");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Validates the {@code limit} query parameter: absent means the default. */
    public static int parseLimit(Optional<String> raw) {
        return LimitParameter.parse(raw, DEFAULT_LIMIT, MAX_LIMIT);
    }

    /**
     * The page of the listing that {@code cursor} points to, or its first page: every published
     * article, or those with {@code tag}, or those in {@code section} (at most one of the two).
     */
    public ArticleListing list(Optional<String> tag, Optional<String> section, int limit, Optional<String> cursor) {
        return list(tag, section, Optional.empty(), limit, cursor);
    }

    /**
     * As {@link #list(Optional, Optional, int, Optional)}, leaving out the article {@code exclude}
     * names (the one being read, under "more in this section"): the page still holds {@code limit}
     * articles when the listing has them, since each query asks for one more to make up for it.
     */
    public ArticleListing list(Optional<String> tag, Optional<String> section, Optional<String> exclude, int limit,
            Optional<String> cursor) {
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(exclude, "exclude");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(cursor, "cursor");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        if (tag.isPresent() && section.isPresent()) {
            throw RejectedException.invalid("CONFLICTING_FILTERS", "Ask for a tag or a section, not both.");
        }
        tag.ifPresent(value -> requireListingKey(value, "INVALID_TAG", "A tag"));
        section.ifPresent(value -> requireListingKey(value, "INVALID_SECTION", "A section"));
        exclude.ifPresent(value -> requireListingKey(value, "INVALID_EXCLUDE", "The slug to exclude"));
        ArticleQuery.Listing listing = tag.isPresent() ? ArticleQuery.Listing.TAG
                : section.isPresent() ? ArticleQuery.Listing.SECTION
                : ArticleQuery.Listing.ALL;
        String key = tag.or(() -> section).orElse(null);
        Optional<ListingPosition> start = cursor.map(text -> ListingCursor.decode(text, listing, key, identifiers));

        Instant asOf = clock.instant();
        // A cursor we issued points at an article published by now: one dated later is not ours (a
        // leaked key, a clock gone back), and the store could not continue a listing from outside it.
        if (start.filter(position -> position.publishedAt().isAfter(asOf)).isPresent()) {
            throw RejectedException.invalid("INVALID_CURSOR",
                    "The cursor is not one this API issued: start again from the first page.");
        }
        // The excluded article can be at most once in a listing: one more item makes up for it.
        int extra = exclude.isPresent() ? 2 : 1;
        List<ArticleSummary> found = new ArrayList<>(limit + extra);
        ListingPage<ArticleSummary> page = store.list(query(listing, key, asOf, limit + extra, start));
        addExcept(found, page.items(), exclude);
        for (int queries = 1; queries < MAX_QUERIES && found.size() <= limit && page.next().isPresent(); queries++) {
            page = store.list(query(listing, key, asOf, limit + extra - found.size(), page.next()));
            addExcept(found, page.items(), exclude);
        }

        if (found.size() > limit) {
            List<ArticleSummary> shown = found.subList(0, limit);
            return new ArticleListing(shown, Optional.of(
                    ListingCursor.encode(listing, key, ListingPosition.of(shown.get(limit - 1)), identifiers)));
        }
        // The last page; or, only when DynamoDB cut pages short, out of queries: continue where it stopped.
        Optional<String> next = page.next().map(position -> ListingCursor.encode(listing, key, position, identifiers));
        return new ArticleListing(found, next);
    }

    private static void addExcept(List<ArticleSummary> found, List<ArticleSummary> items, Optional<String> exclude) {
        for (ArticleSummary item : items) {
            if (exclude.filter(item.slug()::equals).isEmpty()) {
                found.add(item);
            }
        }
    }

    private static ArticleQuery query(ArticleQuery.Listing listing, String key, Instant asOf, int limit,
            Optional<ListingPosition> after) {
        ArticleQuery query = switch (listing) {
            case ALL -> ArticleQuery.latest(asOf, limit);
            case TAG -> ArticleQuery.withTag(key, asOf, limit);
            case SECTION -> ArticleQuery.inSection(key, asOf, limit);
            case TOPIC -> throw new IllegalArgumentException("readers list by tag, never by topic");
        };
        return after.map(query::after).orElse(query);
    }

    private static void requireListingKey(String value, String code, String what) {
        if (!Slug.isValid(value)) {
            throw RejectedException.invalid(code,
                    what + " is 1 to " + Slug.MAX_LENGTH + " lower-case letters, digits and single hyphens.");
        }
    }
}
