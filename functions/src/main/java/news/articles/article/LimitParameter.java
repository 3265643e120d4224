package news.articles.article;

import java.util.Optional;
import news.articles.error.RejectedException;

/** The {@code limit} query parameter of the listing endpoints: ASCII digits only, within bounds. */
final class LimitParameter {

    private LimitParameter() {
    }

    /** Absent means {@code defaultLimit}; anything but a whole number from 1 to {@code max} is a 400. */
    static int parse(Optional<String> raw, int defaultLimit, int max) {
        if (raw.isEmpty()) {
            return defaultLimit;
        }
        String text = raw.get();
        // ASCII digits only: Character.isDigit would let other scripts' digits split cache keys.
        if (!text.isEmpty() && text.length() <= 2 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        }
        throw RejectedException.invalid("INVALID_LIMIT", "limit must be a whole number from 1 to " + max + ".");
    }
}
