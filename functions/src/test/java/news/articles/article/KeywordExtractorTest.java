package news.articles.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import news.articles.testing.Articles;
import org.junit.jupiter.api.Test;

class KeywordExtractorTest {

    private static Article article(String slug, String title, String summary, String... tags) {
        return Articles.article(slug).title(title).summary(summary).tags(tags).build();
    }

    private static final List<Article> CORPUS = List.of(
            article("a", "Battery plants recycle old batteries", "Recycling lithium from the battery of a car"),
            article("b", "Sodium batteries in cars", "A cheaper battery for small cars"),
            article("c", "Bookshops return", "Readers come back to the bookshop for books"),
            article("d", "Libraries close", "Councils close libraries and lend fewer books"),
            article("e", "Football record", "A record crowd at the stadium"));

    @Test
    void keepsWordsSharedWithOtherArticlesAndFoldsPlurals() {
        Map<String, List<String>> keywords = KeywordExtractor.keywords(CORPUS);
        assertEquals("battery", keywords.get("a").get(0));
        assertTrue(keywords.get("b").containsAll(List.of("battery", "car")), keywords.get("b").toString());
        assertTrue(keywords.get("c").contains("book"), keywords.get("c").toString());
        // "record" and "stadium" are this article's alone: no other article could share them.
        assertEquals(List.of(), keywords.get("e"));
    }

    @Test
    void leavesOutStopWordsShortWordsNumbersAndTheArticlesOwnTags() {
        List<Article> corpus = List.of(
                article("a", "The 2027 eclipse and the sky", "Where to see it", "eclipse"),
                article("b", "The 2027 eclipse and the sky", "Where to see it"),
                article("c", "Other", "Text"),
                article("d", "More", "Words"));
        Map<String, List<String>> keywords = KeywordExtractor.keywords(corpus);
        assertEquals(List.of("sky"), keywords.get("a"));
        assertEquals(List.of("eclipse", "sky"), keywords.get("b"));
    }

    @Test
    void wordsInMostArticlesSayNothing() {
        List<Article> corpus = List.of(
                article("a", "Energy prices", "x"), article("b", "Energy grid", "x"), article("c", "Energy use", "x"));
        assertTrue(KeywordExtractor.keywords(corpus).values().stream().allMatch(List::isEmpty));
    }

    @Test
    void weighsTheTitleThenTheSummaryReadsTheBodyWithoutHtmlAndKeepsAFew() {
        Article withBody = new Article("a", "Golf", "Echo", "<p class=\"lead\">alpha bravo charlie delta echo"
                + " foxtrot &amp; golf</p>", "Ada", "science", List.of(), ArticleStatus.PUBLISHED, Articles.NOW,
                Articles.NOW, 3);
        Article twin = new Article("b", "Golf", "Echo", "<p>alpha bravo charlie delta echo foxtrot golf</p>",
                "Ada", "science", List.of(), ArticleStatus.PUBLISHED, Articles.NOW, Articles.NOW, 3);
        List<Article> corpus = List.of(withBody, twin, article("c", "x", "y"), article("d", "z", "w"));
        List<String> keywords = KeywordExtractor.keywords(corpus).get("a");
        assertEquals(KeywordExtractor.MAX_KEYWORDS, keywords.size());
        assertTrue(keywords.stream().noneMatch(word -> word.equals("class") || word.equals("lead") || word.equals("amp")),
                keywords.toString());
        assertEquals(List.of("golf", "echo", "alpha", "bravo"), keywords, "title, then summary, then equal scores alphabetical");
    }

    @Test
    void isDeterministicAndSetsTheKeywordsOnTheArticles() {
        assertEquals(KeywordExtractor.keywords(CORPUS), KeywordExtractor.keywords(CORPUS));
        List<Article> with = KeywordExtractor.withKeywords(CORPUS);
        assertEquals(KeywordExtractor.keywords(CORPUS).get("b"), with.get(1).keywords());
        assertEquals(with.get(1).keywords(), with.get(1).summarize().keywords());
    }

    @Test
    void foldsCommonPlurals() {
        assertEquals("battery", KeywordExtractor.fold("batteries"));
        assertEquals("startup", KeywordExtractor.fold("startups"));
        assertEquals("glass", KeywordExtractor.fold("glasses"));
        assertEquals("virus", KeywordExtractor.fold("virus"));
        assertEquals("analysis", KeywordExtractor.fold("analysis"));
    }

    @Test
    void refusesAnArticleTwice() {
        assertThrows(IllegalArgumentException.class, () -> KeywordExtractor.keywords(List.of(CORPUS.get(0), CORPUS.get(0))));
    }
}
