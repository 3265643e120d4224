package news.articles.article;

import static news.articles.testing.Articles.article;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import news.articles.error.RejectedException;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArticleServiceTest {

    private final Article published = article("heat-pumps").daysAgo(2).build();
    private final Article draft = article("style-guide").draft().daysAgo(2).build();
    private final Article scheduled = article("eclipse-guide").inDays(1).build();
    private final Article publishedJustNow = article("breaking").publishedAt(Articles.NOW).build();
    private final InMemoryArticleStore store = new InMemoryArticleStore(published, draft, scheduled, publishedJustNow);
    private final MutableClock clock = new MutableClock(Articles.NOW);
    private final ArticleService service = new ArticleService(store, clock);

    @Test
    void servesAPublishedArticle() {
        assertEquals(published, service.publishedArticle("heat-pumps"));
    }

    /** The importer rounds reading time up, so the shortest article is a one-minute read; none takes no time. */
    @Test
    void aOneMinuteReadIsAnArticleAndNoMinutesIsNot() {
        Article shortest = new Article("brief", "Brief", "A brief.", "<p>Brief.</p>", "Ada Writer", "science", List.of(),
                ArticleStatus.PUBLISHED, Articles.NOW.minus(Duration.ofDays(1)), Articles.NOW.minus(Duration.ofDays(1)), 1);
        store.save(shortest);

        assertEquals(1, service.publishedArticle("brief").readingMinutes());
        assertThrows(IllegalArgumentException.class, () -> new Article("brief", "Brief", "A brief.", "", "Ada Writer",
                "science", List.of(), ArticleStatus.PUBLISHED, Articles.NOW, Articles.NOW, 0));
    }

    @Test
    void servesAnArticleFromTheInstantItIsPublished() {
        assertEquals(publishedJustNow, service.publishedArticle("breaking"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"style-guide", "eclipse-guide", "no-such-article"})
    void draftsFutureAndUnknownArticlesAreNotFound(String slug) {
        RejectedException error = assertThrows(RejectedException.class, () -> service.publishedArticle(slug));
        assertEquals(RejectedException.Reason.NOT_FOUND, error.reason());
        assertEquals("ARTICLE_NOT_FOUND", error.code());
    }

    @Test
    void aScheduledArticleAppearsOnceItsTimeComes() {
        clock.advance(Duration.ofDays(1));
        assertEquals(scheduled, service.publishedArticle("eclipse-guide"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Heat-Pumps", "heat--pumps", "../heat-pumps", "heat-pumps%2F", "-x"})
    void aMalformedSlugIsA400WithoutAskingTheStore(String slug) {
        RejectedException error = assertThrows(RejectedException.class, () -> service.publishedArticle(slug));
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_SLUG", error.code());
        assertEquals(List.of(), store.finds());
    }
}
