package news.articles.it;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what must never reach a log line: email addresses and IP addresses (a reader's, from
 * requestContext.http.sourceIp). Loopback addresses are the test's own endpoints (moto, the
 * closed port of an outage), not anybody's data.
 */
final class PersonalData {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})(?![\\w.])");
    /** Full, or compressed with "::" after at least one group (so that Java's Type::method is no match). */
    private static final Pattern IPV6 = Pattern.compile("(?i)(?<![\\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}"
            + "|(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,5})?)(?![\\w:])");

    private PersonalData() {
    }

    /** Every email or IP address in the text, loopback excepted. */
    static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher email = EMAIL.matcher(text);
        while (email.find()) {
            found.add(email.group());
        }
        Matcher ipv4 = IPV4.matcher(text);
        while (ipv4.find()) {
            boolean octets = true;
            for (int group = 1; group <= 4; group++) {
                octets &= Integer.parseInt(ipv4.group(group)) <= 255;
            }
            if (octets && !ipv4.group(1).equals("127") && !ipv4.group().equals("0.0.0.0")) {
                found.add(ipv4.group());
            }
        }
        Matcher ipv6 = IPV6.matcher(text);
        while (ipv6.find()) {
            if (!ipv6.group().equals("::1") && ipv6.group().chars().filter(c -> c == ':').count() >= 2) {
                found.add(ipv6.group());
            }
        }
        return found;
    }
}
