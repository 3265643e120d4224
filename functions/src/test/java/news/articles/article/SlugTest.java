package news.articles.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import news.articles.error.RejectedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SlugTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "7", "heat-pumps", "total-solar-eclipse-2027-viewing-guide", "2027-eclipse", "a-b-c-1-2-3"})
    void acceptsLowerCaseWordsJoinedBySingleHyphens(String slug) {
        assertTrue(Slug.isValid(slug));
        assertEquals(slug, Slug.require(slug));
    }

    @Test
    void acceptsUpToMaxLength() {
        assertTrue(Slug.isValid("a".repeat(Slug.MAX_LENGTH)));
        assertFalse(Slug.isValid("a".repeat(Slug.MAX_LENGTH + 1)));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", " ", "Heat-pumps", "HEAT", "heat--pumps", "-heat", "heat-", "-", "--",
        "heat_pumps", "heat pumps", "heat.pumps", "café", "ａｂｃ", "heat-pumps\n", "\tx",
        "../x", "..", "x/..", "a/b", "%2F", "a%2Fb", "x%2e%2e", "heat-pumps?x=1", "heat-pumps#top", "\u0000"})
    void rejectsAnythingElse(String slug) {
        assertFalse(Slug.isValid(slug));
        RejectedException error = assertThrows(RejectedException.class, () -> Slug.require(slug));
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_SLUG", error.code());
    }
}
