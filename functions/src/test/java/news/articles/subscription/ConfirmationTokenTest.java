package news.articles.subscription;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import news.articles.error.RejectedException;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationTokenTest {

    private static final String ID = SubscriberId.of(EmailAddress.parse("reader@example.com"));
    private final SecureRandom random = Subscriptions.seededRandom();

    @Test
    void issuedTokenSurvivesTheRoundTripThroughALink() {
        ConfirmationToken issued = ConfirmationToken.issue(ID, random);

        ConfirmationToken parsed = ConfirmationToken.parse(issued.value());

        assertEquals(issued, parsed);
        assertEquals(ID, parsed.subscriberId());
        assertEquals(ID + "." + issued.secret(), issued.value());
        assertTrue(issued.value().matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}"), issued.value());
    }

    @Test
    void issuesADifferentSecretEachTime() {
        assertNotEquals(ConfirmationToken.issue(ID, random).secret(), ConfirmationToken.issue(ID, random).secret());
    }

    @Test
    void matchesOnlyTheHashOfItsOwnSecret() {
        ConfirmationToken token = ConfirmationToken.issue(ID, random);
        ConfirmationToken other = ConfirmationToken.issue(ID, random);

        assertTrue(token.matches(token.secretHash()));
        assertFalse(token.matches(other.secretHash()));
        assertFalse(token.matches(token.secret()));
        assertFalse(token.matches(""));
        assertFalse(token.matches(null));
    }

    @Test
    void secretHashIsNotTheSecret() {
        ConfirmationToken token = ConfirmationToken.issue(ID, random);

        assertNotEquals(token.secret(), token.secretHash());
        assertFalse(token.secretHash().contains(token.secret()));
        assertEquals(token.secretHash(), ConfirmationToken.parse(token.value()).secretHash());
    }

    @Test
    void toStringHidesTheSecret() {
        ConfirmationToken token = ConfirmationToken.issue(ID, random);

        assertFalse(token.toString().contains(token.secret()), token.toString());
        assertFalse(token.toString().contains(ID), token.toString());
    }

    @Test
    void acceptsTokensUpTo128Characters() {
        String longest = "a".repeat(64) + "." + "b".repeat(63);
        assertEquals(longest, ConfirmationToken.parse(longest).value());
        assertThrows(RejectedException.class, () -> ConfirmationToken.parse(longest + "c"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
        "", "abc", ".", "abc.", ".abc", "abc..def", "a.b.c", "abc.def.",
        "ab+c.def", "abc.de/f", "abc.def=", "abc.de f", "abc.d%2Ef", "abc.déf", "abc.def\n", " abc.def",
        "<script>.x", "abc.\"x\""})
    void rejectsWhatCannotBeOneOfOurs(String raw) {
        RejectedException error = assertThrows(RejectedException.class, () -> ConfirmationToken.parse(raw));
        assertEquals(RejectedException.Reason.INVALID, error.reason());
        assertEquals("INVALID_TOKEN", error.code());
    }

    @Test
    void rejectsTooLongTokens() {
        RejectedException error = assertThrows(RejectedException.class,
                () -> ConfirmationToken.parse("a".repeat(100) + "." + "b".repeat(100)));
        assertEquals("INVALID_TOKEN", error.code());
    }
}
