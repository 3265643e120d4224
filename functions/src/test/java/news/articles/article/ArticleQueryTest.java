package news.articles.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import news.articles.testing.Articles;
import org.junit.jupiter.api.Test;

/** The topic listing and the recommendation reasons that come with keywords. */
class ArticleQueryTest {

    @Test
    void aTopicListingIsOnePageWithoutAPosition() {
        ArticleQuery query = ArticleQuery.aboutTopic("battery", Articles.NOW, 20);
        assertEquals(ArticleQuery.Listing.TOPIC, query.listing());
        assertEquals("battery", query.key());
        assertThrows(IllegalArgumentException.class,
                () -> query.after(new ListingPosition(Articles.NOW, "some-article")));
    }

    @Test
    void aReasonNamesSharedKeywordsOnlyForTheSharedKinds() {
        ArticleSummary summary = Articles.article("a").build().summarize();
        assertEquals(List.of("grid"), new Recommendation(summary, Recommendation.Reason.SHARED_KEYWORDS, List.of(),
                List.of("grid"), false).sharedKeywords());
        assertEquals(List.of(), new Recommendation(summary, Recommendation.Reason.LATEST, List.of(), false)
                .sharedKeywords());
        assertThrows(IllegalArgumentException.class, () -> new Recommendation(summary,
                Recommendation.Reason.SHARED_KEYWORDS, List.of(), List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new Recommendation(summary,
                Recommendation.Reason.SHARED_KEYWORDS, List.of("energy"), List.of("grid"), false));
        assertThrows(IllegalArgumentException.class, () -> new Recommendation(summary,
                Recommendation.Reason.SAME_SECTION, List.of(), List.of("grid"), true));
    }
}
