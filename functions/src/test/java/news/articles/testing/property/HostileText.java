package news.articles.testing.property;

import java.util.List;

/**
 * Text that breaks naive code: control characters, CR/LF, lone surrogates, right-to-left and
 * combining marks, emoji, percent-encodings, markup, huge values, and near-misses of what we accept.
 */
public final class HostileText {

    /** Each one a known troublemaker, alone or as a piece of a longer string. */
    public static final List<String> PIECES = List.of(
            "", " ", "\t", "\r", "\n", "\r\n", "\u0000", "\u0001", "\u001b[31m", "\u007f", "\u0085", "\u2028", "\u2029",
            "\ud800", "\udc00", "\udc00\ud800", "\ud83d", "\ud83d\ude00", "\ud83d\udc69\u200d\ud83d\udc69\u200d\ud83d\udc67",
            "\ud83c\uddfa\ud83c\udde6", "\u202e", "\u202egnp.exe", "\u200f\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
            "e\u0301", "Z\u0335\u0321\u032a\u034ca\u0338l\u0337g\u0336o", "\ufeff", "\u200b", "\ufffe", "\uffff", "\ufffd",
            "\uff21\uff22", "\u0430", "\u212a", "\u00df", "\u0130", "\u00e9", "null", "undefined", "true", "[]", "{}",
            "%00", "%0d%0a", "%0D%0A", "%2e%2e%2f", "%2F", "%ZZ", "%", "%e9", "%c0%ae", "%u0041", "+", "&", "=", ";", ",",
            "..", "../", "..\\", "/", "//", "?", "#", "\\", "\"", "'", "`", "<", ">", "<script>alert(1)</script>",
            "\"'><img src=x onerror=alert(1)>", "${jndi:ldap://x/a}", "%s%n%x", "{{7*7}}", "-1", "0", "00", "1e309",
            "99999999999999999999", "NaN", "0x10", "\u0661\u0662", "reader@example.com", "@", "a@b", "W/\"x\"", "*");

    private HostileText() {
    }

    public static Gen<String> pieces() {
        return Gen.of(PIECES);
    }

    /** A short string from a mix of ASCII, controls, surrogates and other planes. */
    public static Gen<String> randomChars(int maxLength) {
        return random -> {
            int length = random.nextInt(maxLength + 1);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                switch (random.nextInt(6)) {
                    case 0 -> text.append((char) (0x20 + random.nextInt(0x5f)));
                    case 1 -> text.append((char) random.nextInt(0x20));
                    case 2 -> text.append((char) (0xd800 + random.nextInt(0x800)));
                    case 3 -> text.appendCodePoint(0x10000 + random.nextInt(0x10ffff - 0x10000));
                    case 4 -> text.append((char) (0x80 + random.nextInt(0xd800 - 0x80)));
                    default -> text.append("abcdefghijklmnopqrstuvwxyz0123456789-._".charAt(random.nextInt(39)));
                }
            }
            return text.toString();
        };
    }

    /** A value far past any limit: up to {@code max} characters of one repeated piece. */
    public static Gen<String> huge(int max) {
        return random -> {
            String piece = Gen.of("a", "-", "%41", "\u00e9", "\ud83d\ude00", "\r\n", "\u0000", "[").next(random);
            return piece.repeat(Math.max(1, random.nextInt(max) / piece.length()));
        };
    }

    /** Up to three pieces and random characters around or inside {@code base}. */
    public static Gen<String> around(Gen<String> base) {
        Gen<String> noise = Gen.oneOf(pieces(), randomChars(6));
        return random -> {
            String text = base.next(random);
            int edits = 1 + random.nextInt(3);
            for (int i = 0; i < edits; i++) {
                int at = random.nextInt(text.length() + 1);
                text = text.substring(0, at) + noise.next(random) + text.substring(at);
            }
            return text;
        };
    }

    /** Anything at all: pieces, random characters, huge values, and their combinations. */
    public static Gen<String> any() {
        return Gen.frequency(
                4, pieces(),
                3, randomChars(40),
                1, huge(10_000),
                3, random -> pieces().next(random) + randomChars(8).next(random) + pieces().next(random));
    }

    /** Almost an email address: valid ones, with CR/LF, NUL, Unicode or another header slipped in. */
    public static Gen<String> emailLike() {
        Gen<String> valid = Gen.of("reader@example.com", "First.Last+news@Example.ORG", "a@b.co", "x_y@sub.example.net");
        Gen<String> nearMisses = Gen.of(
                "reader@example.com\r\nBcc: victim@example.org", "reader@example.com\nSubject: hi", "reader\r\n@example.com",
                "reader@example.com\u0000", "\u0000reader@example.com", " reader@example.com ", "reader@ex\u00e4mple.com",
                "r\u00e9ader@example.com", "reader@xn--bcher-kva.de", "\"quoted\"@example.com", "reader@@example.com",
                "reader@example", "@example.com", "reader@", "reader@.com", "reader@example..com", "reader@-example.com",
                "reader@example.c", "reader@123.456", "a".repeat(65) + "@example.com", "a@" + "b".repeat(250) + ".com",
                "<reader@example.com>", "Reader <reader@example.com>", "reader@example.com,other@example.com",
                "reader@example.com%0d%0aBcc:x@y.z", "reader@\u202eexample.com", "reader@example.com\u2028",
                "\ud800@example.com", "reader@example.com\udc00", "READER@EXAMPLE.COM");
        return Gen.frequency(2, valid, 4, nearMisses, 3, around(valid), 1, any());
    }

    /** Almost a slug: valid, upper case, traversal, encoded, too long, Unicode. */
    public static Gen<String> slugLike(List<String> existing) {
        Gen<String> valid = Gen.of(existing);
        return Gen.frequency(
                2, valid,
                3, Gen.of("", "-", "a--b", "-a", "a-", "A", "Cold-Climate", "a_b", "a.b", "a b", "a/b", "a%2Fb", "..",
                        "../admin", "%2e%2e", "a".repeat(120), "a".repeat(121), "\u0430rticle", "article\u0000",
                        "article\r\n", "a\u0301", "\u0661"),
                3, around(valid),
                2, any());
    }
}
