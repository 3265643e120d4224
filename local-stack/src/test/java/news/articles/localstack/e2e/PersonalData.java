package news.articles.localstack.e2e;

import java.util.List;
import java.util.regex.Pattern;

/** Finds what our logs must never hold: an email address or an IP address (v4 or v6). */
final class PersonalData {

    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /** Four dotted numbers up to 255, not part of a longer dotted run (a version such as 2.57.8.1.0). */
    static final Pattern IPV4 = Pattern.compile(
            "(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(?![\\d.]*\\d)");
    /**
     * Eight hex groups, or a compressed form with "::" and at least one group (::1,
     * ::ffff:7f00:1, fe80::1); times such as 14:15:53 have neither.
     */
    static final Pattern IPV6 = Pattern.compile("(?i)(?<![\\w:])(?:"
            + "(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
            + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})"
            + "|(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})::"
            + ")(?![\\w:])");

    private PersonalData() {
    }

    static boolean holdsAny(String line) {
        return EMAIL.matcher(line).find() || IPV4.matcher(line).find() || IPV6.matcher(line).find();
    }

    /** The lines that hold an email or IP address. */
    static List<String> findIn(List<String> lines) {
        return lines.stream().filter(PersonalData::holdsAny).toList();
    }
}
