package news.articles.subscription;

import java.security.SecureRandom;
import java.util.Objects;
import news.articles.error.RejectedException;

/**
 * The token in an unsubscribe link: {@code <subscriber id>.<secret>}, shaped like a
 * {@link ConfirmationToken} but with its own 256-bit secret, stored as a hash under its own
 * attribute and hashed with its own prefix, so neither kind of token can stand in for the other.
 */
public record UnsubscribeToken(String subscriberId, String secret) {

    private static final String PURPOSE = "unsubscribe:";

    public UnsubscribeToken {
        Objects.requireNonNull(subscriberId, "subscriberId");
        Objects.requireNonNull(secret, "secret");
    }

    public static UnsubscribeToken issue(String subscriberId, SecureRandom random) {
        return new UnsubscribeToken(subscriberId, ConfirmationToken.newSecret(random));
    }

    /** Parses a token from a link or form; throws a 400 {@code INVALID_TOKEN} when it cannot be one of ours. */
    public static UnsubscribeToken parse(String raw) {
        String[] parts = ConfirmationToken.split(raw);
        if (parts == null) {
            throw invalid();
        }
        return new UnsubscribeToken(parts[0], parts[1]);
    }

    public static RejectedException invalid() {
        return RejectedException.invalid("INVALID_TOKEN",
                "This unsubscribe link is not valid. Use the link in the latest email from us.");
    }

    /** What the store keeps and compares. */
    public String secretHash() {
        return ConfirmationToken.hash(PURPOSE + secret);
    }

    public String value() {
        return subscriberId + "." + secret;
    }

    /** The secret is a credential: keep it out of logs. */
    @Override
    public String toString() {
        return "UnsubscribeToken[redacted]";
    }
}
