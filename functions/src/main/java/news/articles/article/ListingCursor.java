package news.articles.article;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import news.articles.error.RejectedException;

/**
 * The opaque {@code cursor} of article listings: where the last page ended, bound to the listing it
 * came from.
 *
 * <p>A cursor is the unpadded base64url of the ASCII text
 * {@code 1|<listing>|<key>|<publishedAt>|<slug>|<check>}: format version {@code 1}; listing
 * {@code all}, {@code tag} or {@code section}; the tag or section ({@code ""} for all); the last
 * article's ISO-8601 publication instant and slug; and the first 8 hex digits of the SHA-256 of
 * everything before it. The check catches damaged and edited cursors; it is no signature, and need
 * not be one: a forged position only ever selects published articles the caller could list anyway.
 */
final class ListingCursor {

    /** Longest accepted cursor, in characters: those issued stay under 400 (a 120-character section and slug). */
    static final int MAX_LENGTH = 512;

    private static final String VERSION = "1";
    private static final char SEPARATOR = '|';
    private static final int FIELDS = 6;
    private static final int CHECK_HEX_DIGITS = 8;

    private ListingCursor() {
    }

    static String encode(ArticleQuery.Listing listing, String key, ListingPosition position) {
        Objects.requireNonNull(listing, "listing");
        Objects.requireNonNull(position, "position");
        if ((key != null && key.indexOf(SEPARATOR) >= 0) || position.slug().indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("listing keys and slugs never hold " + SEPARATOR);
        }
        String payload = String.join(String.valueOf(SEPARATOR), VERSION, name(listing), key == null ? "" : key,
                position.publishedAt().toString(), position.slug());
        String text = payload + SEPARATOR + check(payload);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The position the cursor holds, provided it was issued for this listing; else a 400 INVALID_CURSOR. */
    static ListingPosition decode(String cursor, ArticleQuery.Listing listing, String key) {
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
        if (lastSeparator < 0 || !text.substring(lastSeparator + 1).equals(check(text.substring(0, lastSeparator)))) {
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

    private static String check(String payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest).substring(0, CHECK_HEX_DIGITS);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static RejectedException invalid() {
        return RejectedException.invalid("INVALID_CURSOR",
                "The cursor is not one this API issued: start again from the first page.");
    }
}
