package news.articles.subscription;

import java.util.Locale;
import java.util.Optional;

/**
 * The network a client IP belongs to, as the per-IP limit counts it: an IPv4 address alone, an
 * IPv6 address by its /64. One IPv6 subscriber line or host is routinely given a whole /64, so
 * counting single IPv6 addresses would let one client rotate through 2^64 of them.
 */
public final class ClientNetwork {

    private ClientNetwork() {
    }

    /** The key the limit counts {@code ip} under; the text as given when it is not an IP address. */
    public static String of(String ip) {
        String trimmed = ip.trim();
        if (trimmed.indexOf(':') < 0) {
            return trimmed;
        }
        return ipv6Prefix(trimmed).orElse(trimmed);
    }

    /**
     * The first four groups of an IPv6 address, in full lower-case hex ({@code 2001:0db8:0000:0001::/64});
     * an IPv4-mapped address ({@code ::ffff:192.0.2.1}) is its IPv4 address. Parsed by hand: the
     * JDK's parser would look a non-literal up in DNS.
     */
    static Optional<String> ipv6Prefix(String address) {
        String text = address.toLowerCase(Locale.ROOT);
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        String mappedPrefix = "::ffff:";
        if (text.startsWith(mappedPrefix) && text.indexOf('.') > 0) {
            String v4 = text.substring(mappedPrefix.length());
            return v4.matches("\\d{1,3}(\\.\\d{1,3}){3}") ? Optional.of(v4) : Optional.empty();
        }
        int[] groups = new int[8];
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return Optional.empty();
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] tail = halves.length == 1 || halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
        if (halves.length == 1 ? head.length != 8 : head.length + tail.length > 7) {
            return Optional.empty();
        }
        for (int i = 0; i < head.length; i++) {
            Optional<Integer> group = group(head[i]);
            if (group.isEmpty()) {
                return Optional.empty();
            }
            groups[i] = group.get();
        }
        for (int i = 0; i < tail.length; i++) {
            Optional<Integer> group = group(tail[i]);
            if (group.isEmpty()) {
                return Optional.empty();
            }
            groups[8 - tail.length + i] = group.get();
        }
        return Optional.of(String.format(Locale.ROOT, "%04x:%04x:%04x:%04x::/64", groups[0], groups[1], groups[2], groups[3]));
    }

    private static Optional<Integer> group(String hex) {
        if (hex.isEmpty() || hex.length() > 4 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(hex, 16));
    }
}
