package news.articles.newsletter;

import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import news.articles.article.Article;
import news.articles.article.ArticleSummary;
import news.articles.newsletter.EditionComposer.Prepared;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.InMemoryEditionStore;
import news.articles.testing.MutableClock;
import org.junit.jupiter.api.Test;

class EditionComposerTest {

    /** Friday 2026-11-20 09:00 UTC, in ISO week 2026-W47. */
    private static final Instant SCHEDULED = Instant.parse("2026-11-20T09:00:00Z");
    private static final int MAX = 10;

    private final MutableClock clock = new MutableClock(SCHEDULED.plusSeconds(4));
    private final InMemoryEditionStore editions = new InMemoryEditionStore();

    @Test
    void aFirstEditionCoversTheSevenDaysBeforeItsScheduledTime() {
        InMemoryArticleStore articles = new InMemoryArticleStore(
                publishedAgo("eight-days", Duration.ofDays(8)),
                publishedAgo("exactly-seven-days", Duration.ofDays(7)),
                publishedAgo("six-days", Duration.ofDays(6)),
                publishedAgo("an-hour", Duration.ofHours(1)));

        Edition edition = composer(articles, MAX).compose(SCHEDULED).orElseThrow();

        assertEquals(new EditionId("2026-W47"), edition.id());
        assertEquals(SCHEDULED.minus(Duration.ofDays(7)), edition.windowStart());
        assertEquals(SCHEDULED, edition.windowEnd());
        assertEquals(SCHEDULED, edition.scheduledAt());
        assertEquals(List.of("an-hour", "six-days", "exactly-seven-days"), slugs(edition), "newest first");
    }

    @Test
    void theWindowStartsWhereThePreviousEditionsWindowEnded() {
        Instant previousEnd = SCHEDULED.minus(Duration.ofDays(3));
        editions.create(new Edition(new EditionId("2026-W46"), previousEnd, previousEnd.minus(Duration.ofDays(7)),
                previousEnd, previousEnd, List.of(publishedAgo("old", Duration.ofDays(5)).summarize())));
        InMemoryArticleStore articles = new InMemoryArticleStore(
                publishedAgo("in-the-last-edition", Duration.ofDays(4)),
                article("at-the-boundary").publishedAt(previousEnd).build(),
                publishedAgo("since", Duration.ofDays(2)));

        Edition edition = composer(articles, MAX).compose(SCHEDULED).orElseThrow();

        assertEquals(previousEnd, edition.windowStart());
        assertEquals(List.of("since", "at-the-boundary"), slugs(edition));
    }

    @Test
    void aLongGapSinceThePreviousEditionIsCoveredWhole() {
        Instant previousEnd = SCHEDULED.minus(Duration.ofDays(21));
        editions.create(new Edition(new EditionId("2026-W44"), previousEnd, previousEnd.minus(Duration.ofDays(7)),
                previousEnd, previousEnd, List.of(publishedAgo("old", Duration.ofDays(25)).summarize())));
        InMemoryArticleStore articles = new InMemoryArticleStore(publishedAgo("two-weeks", Duration.ofDays(14)));

        Edition edition = composer(articles, MAX).compose(SCHEDULED).orElseThrow();

        assertEquals(previousEnd, edition.windowStart(), "weeks without an edition are not lost");
        assertEquals(List.of("two-weeks"), slugs(edition));
    }

    @Test
    void anEditionHoldsAtMostTheConfiguredNumberOfArticlesTheNewest() {
        InMemoryArticleStore articles = new InMemoryArticleStore();
        for (int hour = 1; hour <= 7; hour++) {
            articles.save(publishedAgo("hour-" + hour, Duration.ofHours(hour)));
        }

        Edition edition = composer(articles, 3).compose(SCHEDULED).orElseThrow();

        assertEquals(List.of("hour-1", "hour-2", "hour-3"), slugs(edition));
    }

    @Test
    void theCapHoldsAcrossPagesOfTheListing() {
        InMemoryArticleStore articles = new InMemoryArticleStore();
        for (int minute = 1; minute <= 150; minute++) {
            articles.save(publishedAgo("minute-" + minute, Duration.ofMinutes(minute)));
        }

        Edition edition = composer(articles, 100).compose(SCHEDULED).orElseThrow();

        assertEquals(100, edition.articles().size());
        assertEquals("minute-100", edition.articles().get(99).slug());
    }

    @Test
    void draftsNeverAppear() {
        InMemoryArticleStore articles = new InMemoryArticleStore(
                article("draft").draft().publishedAt(SCHEDULED.minus(Duration.ofHours(2))).build(),
                publishedAgo("published", Duration.ofHours(3)));

        assertEquals(List.of("published"), slugs(composer(articles, MAX).compose(SCHEDULED).orElseThrow()));
    }

    @Test
    void articlesDatedAfterNowNeverAppearEvenInAPreviewOfAComingWeek() {
        clock.advance(Duration.ofDays(-2));
        Instant now = clock.instant();
        InMemoryArticleStore articles = new InMemoryArticleStore(
                article("published").publishedAt(now.minus(Duration.ofHours(1))).build(),
                article("scheduled-for-tomorrow").publishedAt(now.plus(Duration.ofDays(1))).build());

        assertEquals(List.of("published"), slugs(composer(articles, MAX).compose(SCHEDULED).orElseThrow()));
    }

    @Test
    void aLateRunComposesTheEditionOfItsScheduledWeek() {
        InMemoryArticleStore articles = new InMemoryArticleStore(
                publishedAgo("before", Duration.ofHours(5)),
                article("after-the-scheduled-time").publishedAt(SCHEDULED.plus(Duration.ofHours(1))).build());
        EditionComposer composer = composer(articles, MAX);
        Edition onTime = composer.compose(SCHEDULED).orElseThrow();

        // Three days late: a new ISO week by the clock, the same edition by the scheduled time.
        clock.advance(Duration.ofDays(3));
        Edition late = composer.prepare(SCHEDULED).edition().orElseThrow();

        assertEquals(new EditionId("2026-W47"), late.id());
        assertEquals(onTime.windowStart(), late.windowStart());
        assertEquals(onTime.windowEnd(), late.windowEnd());
        assertEquals(List.of("before"), slugs(late));
    }

    @Test
    void theWeekIsTheUtcIsoWeekOfTheScheduledTime() {
        Instant sundayNight = Instant.parse("2026-11-29T23:59:59Z");
        InMemoryArticleStore articles = new InMemoryArticleStore(
                article("sunday").publishedAt(sundayNight.minus(Duration.ofHours(1))).build());
        clock.advance(Duration.ofDays(30));

        assertEquals(new EditionId("2026-W48"), composer(articles, MAX).prepare(sundayNight).id());
        assertEquals(new EditionId("2026-W49"), composer(articles, MAX).prepare(sundayNight.plusSeconds(1)).id());
    }

    @Test
    void prepareStoresTheEditionBeforeReturningIt() {
        InMemoryArticleStore articles = new InMemoryArticleStore(publishedAgo("news", Duration.ofHours(1)));

        Prepared prepared = composer(articles, MAX).prepare(SCHEDULED);

        assertTrue(prepared.composedNow());
        assertEquals(prepared.edition(), editions.find(new EditionId("2026-W47")));
        assertEquals(clock.instant(), prepared.edition().orElseThrow().composedAt());
    }

    @Test
    void aSecondPrepareReturnsTheStoredEditionUnchanged() {
        InMemoryArticleStore articles = new InMemoryArticleStore(publishedAgo("first", Duration.ofHours(2)));
        EditionComposer composer = composer(articles, MAX);
        Edition first = composer.prepare(SCHEDULED).edition().orElseThrow();
        articles.save(publishedAgo("arrived-later", Duration.ofHours(1)));
        clock.advance(Duration.ofMinutes(5));

        Prepared again = composer.prepare(SCHEDULED);

        assertFalse(again.composedNow());
        assertEquals(Optional.of(first), again.edition());
        assertEquals(1, editions.creates(), "nothing composed or stored again");
    }

    @Test
    void aRunThatLosesTheRaceToStoreReturnsTheWinnersEdition() {
        InMemoryArticleStore articles = new InMemoryArticleStore(publishedAgo("news", Duration.ofHours(1)));
        Edition winner = new Edition(new EditionId("2026-W47"), SCHEDULED, SCHEDULED.minus(Duration.ofDays(7)),
                SCHEDULED, SCHEDULED.plusSeconds(1), List.of(publishedAgo("winner", Duration.ofHours(3)).summarize()));
        // The other run stores its edition right after this one looked and found none.
        EditionStore racing = new EditionStore() {
            private boolean looked;

            @Override
            public Optional<Edition> find(EditionId id) {
                Optional<Edition> found = editions.find(id);
                if (!looked) {
                    looked = true;
                    editions.create(winner);
                }
                return found;
            }

            @Override
            public Optional<Edition> latestBefore(EditionId id) {
                return editions.latestBefore(id);
            }

            @Override
            public boolean create(Edition edition) {
                return editions.create(edition);
            }

            @Override
            public void recordNoEdition(EditionId id, Instant scheduledAt, String reason) {
                editions.recordNoEdition(id, scheduledAt, reason);
            }

            @Override
            public List<Edition> archive(Optional<EditionId> before, int limit) {
                return editions.archive(before, limit);
            }
        };

        Prepared prepared = new EditionComposer(articles, racing, MAX, clock).prepare(SCHEDULED);

        assertFalse(prepared.composedNow());
        assertEquals(Optional.of(winner), prepared.edition());
    }

    @Test
    void aWeekWithNothingNewHasNoEditionAndItIsRecordedWhy() {
        InMemoryArticleStore articles = new InMemoryArticleStore(
                publishedAgo("too-old", Duration.ofDays(9)),
                article("draft").draft().publishedAt(SCHEDULED.minus(Duration.ofHours(2))).build());

        Prepared prepared = composer(articles, MAX).prepare(SCHEDULED);

        assertEquals(Optional.empty(), prepared.edition());
        assertFalse(prepared.composedNow());
        String reason = prepared.noEditionReason().orElseThrow();
        assertTrue(reason.contains(SCHEDULED.minus(Duration.ofDays(7)).toString()) && reason.contains(SCHEDULED.toString()),
                reason);
        assertEquals(Optional.of(reason), editions.noEditionReason(new EditionId("2026-W47")));
        assertEquals(Optional.empty(), editions.find(new EditionId("2026-W47")));
        assertEquals(0, editions.creates());
    }

    @Test
    void aPreviewStoresNothing() {
        InMemoryArticleStore articles = new InMemoryArticleStore(publishedAgo("news", Duration.ofHours(1)));

        assertTrue(composer(articles, MAX).compose(SCHEDULED).isPresent());
        assertTrue(composer(articles, MAX).compose(SCHEDULED.plus(Duration.ofDays(30))).isEmpty());

        assertEquals(0, editions.creates());
        assertEquals(Optional.empty(), editions.noEditionReason(EditionId.forWeekOf(SCHEDULED.plus(Duration.ofDays(30)))));
    }

    private EditionComposer composer(InMemoryArticleStore articles, int max) {
        return new EditionComposer(articles, editions, max, clock);
    }

    private static Article publishedAgo(String slug, Duration beforeScheduled) {
        return article(slug).publishedAt(SCHEDULED.minus(beforeScheduled)).build();
    }

    private static List<String> slugs(Edition edition) {
        return edition.articles().stream().map(ArticleSummary::slug).toList();
    }
}
