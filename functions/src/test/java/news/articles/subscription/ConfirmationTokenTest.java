package news.articles.subscription;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import news.articles.error.RejectedException;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfirmationTokenTest {

    private static final String ID = SubscriberId.of(EmailAddress.parse("reader@example.com"), TestKeys.IDENTIFIERS);
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

    /**
     * The secret is the next 32 bytes of the random source, base64url without padding: the bytes
     * 0 to 31, then 32 to 63, as the source hands them out, so two tokens differ because the
     * source moved on, not because of anything else.
     */
    @Test
    void theSecretIsTheNext32BytesOfTheRandomSourceInBase64Url() {
        CountingRandom counting = new CountingRandom();

        ConfirmationToken first = ConfirmationToken.issue(ID, counting);
        ConfirmationToken second = ConfirmationToken.issue(ID, counting);

        assertEquals("AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", first.secret());
        assertEquals("ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8", second.secret());
        assertEquals(64, counting.next, "32 bytes a token");
        assertEquals("_".repeat(42) + "8", ConfirmationToken.issue(ID, new FixedRandom((byte) 0xff)).secret());
        assertEquals(UnsubscribeToken.issue(ID, new CountingRandom()).secret(), first.secret());
    }

    /** 256 bits each: a thousand secrets from the real source, every one new, with about as many ones as zeros. */
    @Test
    void issuedSecretsCarry256RandomBits() {
        Set<String> secrets = new HashSet<>();
        long ones = 0;
        for (int i = 0; i < 1000; i++) {
            String secret = ConfirmationToken.issue(ID, random).secret();
            byte[] bits = Base64.getUrlDecoder().decode(secret);
            assertEquals(32, bits.length, secret);
            assertEquals(43, secret.length(), secret);
            assertTrue(secrets.add(secret), "issued twice: " + secret);
            for (byte b : bits) {
                ones += Integer.bitCount(b & 0xff);
            }
        }
        // 256,000 bits: half of them ones, give or take 253 (one standard deviation); 2,560 is ten times more.
        assertTrue(Math.abs(ones - 128_000) < 2_560, ones + " ones");
    }

    /** Hands out 0, 1, 2... */
    private static final class CountingRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        int next;

        @Override
        public void nextBytes(byte[] bytes) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) next++;
            }
        }
    }

    private static final class FixedRandom extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte value;

        FixedRandom(byte value) {
            this.value = value;
        }

        @Override
        public void nextBytes(byte[] bytes) {
            Arrays.fill(bytes, value);
        }
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
