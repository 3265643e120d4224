package news.articles.testing;

import news.articles.keyed.KeyedHash;

/** Identifier keys for tests: two different ones, as two stacks would have. */
public final class TestKeys {

    /** The key the tests' services and stores use unless a test says otherwise. */
    public static final KeyedHash IDENTIFIERS = KeyedHash.withKey("test-identifier-key-0123456789abcdefghijklmnop");
    /** Another stack's key. */
    public static final KeyedHash OTHER_STACK = KeyedHash.withKey("another-stack-key-zyxwvutsrqponmlkjihgfedcba98");

    private TestKeys() {
    }
}
