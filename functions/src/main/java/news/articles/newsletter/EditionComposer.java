package news.articles.newsletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleStore;
import news.articles.article.ArticleSummary;
import news.articles.article.ListingPage;

/**
 * Composes the week's edition from the published articles and stores it before anything is sent.
 * The week and its window come from the trigger's scheduled time, never from the clock at run
 * time, so a late or repeated run composes the same edition; a week already stored is returned as
 * stored, so a second run sends nothing new.
 */
public final class EditionComposer {

    /** The window of a first edition, or after an edition's window when none came before it. */
    public static final Duration FIRST_WINDOW = Duration.ofDays(7);

    private final ArticleStore articles;
    private final EditionStore editions;
    private final int maxArticles;
    private final Clock clock;

    public EditionComposer(ArticleStore articles, EditionStore editions, int maxArticles, Clock clock) {
        this.articles = Objects.requireNonNull(articles, "articles");
        this.editions = Objects.requireNonNull(editions, "editions");
        if (maxArticles < 1 || maxArticles > ArticleQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("maxArticles must be 1 to " + ArticleQuery.MAX_LIMIT);
        }
        this.maxArticles = maxArticles;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The edition of the week of {@code scheduledAt}: the stored one if there is one, else a newly
     * composed one, stored now; or none when the week has nothing new, which is recorded.
     */
    public Prepared prepare(Instant scheduledAt) {
        EditionId id = EditionId.forWeekOf(scheduledAt);
        Optional<Edition> stored = editions.find(id);
        if (stored.isPresent()) {
            return new Prepared(id, stored, false, Optional.empty());
        }
        Optional<Edition> composed = compose(scheduledAt);
        if (composed.isEmpty()) {
            String reason = "no article published from " + windowStart(id, scheduledAt) + " to " + scheduledAt;
            editions.recordNoEdition(id, scheduledAt, reason);
            return new Prepared(id, Optional.empty(), false, Optional.of(reason));
        }
        if (editions.create(composed.get())) {
            return new Prepared(id, composed, true, Optional.empty());
        }
        // Another run stored this week's edition first: that one is the edition.
        return new Prepared(id, editions.find(id), false, Optional.empty());
    }

    /**
     * Composes the edition of the week of {@code scheduledAt} without storing it (a preview): the
     * articles published since the previous edition's window ended and before the scheduled time
     * (never after now, so future-dated articles stay out), newest first, at most the configured
     * number.
     */
    public Optional<Edition> compose(Instant scheduledAt) {
        EditionId id = EditionId.forWeekOf(scheduledAt);
        Instant start = windowStart(id, scheduledAt);
        Instant now = clock.instant();
        Instant asOf = scheduledAt.isAfter(now) ? now : scheduledAt;
        List<ArticleSummary> picked = new ArrayList<>();
        ArticleQuery query = ArticleQuery.latest(asOf, ArticleQuery.MAX_LIMIT);
        while (picked.size() < maxArticles) {
            ListingPage<ArticleSummary> page = articles.list(query);
            for (ArticleSummary summary : page.items()) {
                if (summary.publishedAt().isBefore(start)) {
                    return edition(id, scheduledAt, start, picked, now);
                }
                if (summary.publishedAt().isBefore(scheduledAt) && picked.size() < maxArticles) {
                    picked.add(summary);
                }
            }
            if (page.next().isEmpty()) {
                break;
            }
            query = query.after(page.next().get());
        }
        return edition(id, scheduledAt, start, picked, now);
    }

    private Optional<Edition> edition(EditionId id, Instant scheduledAt, Instant start, List<ArticleSummary> picked,
            Instant now) {
        if (picked.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Edition(id, scheduledAt, start, scheduledAt, now, picked));
    }

    private Instant windowStart(EditionId id, Instant scheduledAt) {
        Instant firstWindow = scheduledAt.minus(FIRST_WINDOW);
        return editions.latestBefore(id)
                .map(Edition::windowEnd)
                .filter(end -> end.isBefore(scheduledAt))
                .orElse(firstWindow);
    }

    /**
     * What {@link #prepare} found: the week's edition (stored by this call or an earlier one), or
     * none and why.
     */
    public record Prepared(EditionId id, Optional<Edition> edition, boolean composedNow, Optional<String> noEditionReason) {
        public Prepared {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(edition, "edition");
            Objects.requireNonNull(noEditionReason, "noEditionReason");
        }
    }
}
