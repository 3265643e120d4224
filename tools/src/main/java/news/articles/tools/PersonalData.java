package news.articles.tools;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never reach a log line: email addresses and IP addresses (a reader's, from
 * requestContext.http.sourceIp). The tests that capture logs, through the handlers and from the
 * local stack's function processes, share it so that both hold the logs to the same rule.
 */
public final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Four dotted numbers up to 255, not part of a longer dotted run (a version such as 2.57.8.1.0). */
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\w.]*\\d)");
    /**
     * Eight hex groups, or a compressed form with "::" and at least one group (::1,
     * ::ffff:7f00:1, fe80::1); times such as 14:15:53 have neither, and Java's Type::method is
     * no match because a word character may not come before or after.
     */
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![\\w:])(?:"
            + "(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
            + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})"
            + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})::"
            + ")(?![\\w:])");

    private PersonalData() {
    }

    /** Every email and IP address in the text, in order of kind, then of place. */
    public static List<String> find(String text) {
        Objects.requireNonNull(text, "text");
        List<String> found = new ArrayList<>();
        for (Pattern pattern : List.of(EMAIL, IPV4, IPV6)) {
            Matcher matcher = pattern.matcher(text);
            while (matcher.find()) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    /**
     * As {@link #find}, less loopback addresses: where a test reaches moto on loopback (or a
     * closed loopback port, for an outage), those are its own endpoints, nobody's data.
     */
    public static List<String> findBeyondLoopback(String text) {
        return find(text).stream().filter(found -> !isLoopback(found)).toList();
    }

    static boolean isLoopback(String address) {
        String lower = address.toLowerCase();
        return lower.startsWith("127.") || lower.equals("0.0.0.0") || lower.equals("::1")
                || lower.startsWith("::ffff:7f") || lower.startsWith("::ffff:127.");
    }
}
