package news.articles.subscription;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Collection;

/** Comparisons of token hashes in constant time, so response timing tells nothing about how close a guess was. */
final class Hashes {

    private Hashes() {
    }

    static boolean equalInConstantTime(String stored, String candidate) {
        return stored != null && candidate != null && MessageDigest.isEqual(
                stored.getBytes(StandardCharsets.US_ASCII), candidate.getBytes(StandardCharsets.US_ASCII));
    }

    /** Compares with every one and without stopping early, so timing tells nothing about which or how close. */
    static boolean containsInConstantTime(Collection<String> stored, String candidate) {
        boolean matched = false;
        for (String hash : stored) {
            matched |= equalInConstantTime(hash, candidate);
        }
        return matched;
    }
}
