package news.articles.article;

import news.articles.error.RejectedException;

/** Article slugs: lower-case ASCII words joined by single hyphens, as in a URL path segment. */
public final class Slug {

    public static final int MAX_LENGTH = 120;

    private Slug() {
    }

    public static boolean isValid(String candidate) {
        if (candidate == null || candidate.isEmpty() || candidate.length() > MAX_LENGTH) {
            return false;
        }
        char previous = '-';
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
            if (!alphanumeric && !(c == '-' && previous != '-')) {
                return false;
            }
            previous = c;
        }
        return previous != '-';
    }

    /** Returns the slug, or throws the 400 that a malformed one deserves. */
    public static String require(String candidate) {
        if (!isValid(candidate)) {
            throw RejectedException.invalid("INVALID_SLUG",
                    "An article slug is 1 to " + MAX_LENGTH + " lower-case letters, digits and single hyphens.");
        }
        return candidate;
    }
}
