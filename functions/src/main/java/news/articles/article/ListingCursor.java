package news.articles.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import news.articles.error.RejectedException;
import news.articles.keyed.KeyedHash;

/**
 * The opaque {@code cursor} of article listings: where the last page ended, bound to the listing it
 * came from.
 *
 * <p>A cursor is the unpadded base64url of the ASCII text
 * {@code 2|<listing>|<key>|<publishedAt>|<slug>|<check>}: format version {@code 2}; listing
 * {@code all}, {@code tag} or {@code section}; the tag or section ({@code ""} for all); the last
 * article's ISO-8601 publication instant and slug; and the first 22 base64url characters (132
 * bits) of the HMAC-SHA256 of everything before it under the stack's identifier key. Only this API
 * can issue a cursor, so a forged or edited one is a 400 {@code INVALID_CURSOR}, never a position
 * the store was not meant to be asked for. Version 1 (an unkeyed 8-digit SHA-256 check) is no
 * longer accepted: a client holding one starts again from the first page.
 */
final class ListingCursor {

    /** Longest accepted cursor, in characters: those issued stay under 420 (a 120-character section and slug, and the 22-character check). */
    static final int MAX_LENGTH = 512;

    private static final String VERSION = "2";
    private static final char SEPARATOR = '|';
    private static final int FIELDS = 6;
    private static final int CHECK_LENGTH = 22;

    private ListingCursor() {
    }

    static String encode(ArticleQuery.Listing listing, String key, ListingPosition position, KeyedHash identifiers) {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(position, "position");
        if ((key != null && key.indexOf(SEPARATOR) >= 0) || position.slug().indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("listing keys and slugs never hold " + SEPARATOR);
        }
        String payload = String.join(String.valueOf(SEPARATOR), VERSION, name(listing), key == null ? "" : key,
                position.publishedAt().toString(), position.slug());
        String text = payload + SEPARATOR + check(payload, identifiers);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position the cursor holds, provided it was issued for this listing; else a 400 INVALID_CURSOR. */
    static ListingPosition decode(String cursor, ArticleQuery.Listing listing, String key, KeyedHash identifiers) {
        Objects.requireNonNull(listing, "listing");
        if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(cursor);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        // Only the exact text we issue: no padding, no stray bits, nothing outside printable ASCII.
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
            throw invalid();
        }
        for (byte b : bytes) {
            if (b < 0x20 || b > 0x7e) {
                throw invalid();
            }
        }
        String text = new String(bytes, StandardCharsets.US_ASCII);
        int lastSeparator = text.lastIndexOf(SEPARATOR);
        if (lastSeparator < 0 || !MessageDigest.isEqual(
                text.substring(lastSeparator + 1).getBytes(StandardCharsets.US_ASCII),
                check(text.substring(0, lastSeparator), identifiers).getBytes(StandardCharsets.US_ASCII))) {
            throw invalid();
        }
        String[] fields = text.split("\\|", -1);
        if (fields.length != FIELDS || !fields[0].equals(VERSION)) {
            throw invalid();
        }
        if (!fields[1].equals(name(listing)) || !fields[2].equals(key == null ? "" : key)) {
            throw RejectedException.invalid("INVALID_CURSOR",
                    "This cursor belongs to another listing: use it with the same tag or section it came from.");
        }
        Instant publishedAt;
        try {
            publishedAt = Instant.parse(fields[3]);
        } catch (DateTimeException e) {
            throw invalid();
        }
        if (!publishedAt.toString().equals(fields[3]) || !Slug.isValid(fields[4])) {
            throw invalid();
        }
        return new ListingPosition(publishedAt, fields[4]);
    }

    private static String name(ArticleQuery.Listing listing) {
        return switch (listing) {
            case ALL -> "all";
            case TAG -> "tag";
            case SECTION -> "section";
            case TOPIC -> throw new IllegalArgumentException("a TOPIC listing has no cursor");
        };
    }

    private static String check(String payload, KeyedHash identifiers) {
        return identifiers.hash("cursor", payload).substring(0, CHECK_LENGTH);
    }

    private static RejectedException invalid() {
        return RejectedException.invalid("INVALID_CURSOR",
                "The cursor is not one this API issued: start again from the first page.");
    }
}
