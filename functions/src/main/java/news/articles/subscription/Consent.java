package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence of a consent step (signing up, confirming): when, from which IP address and with which
 * user agent. Personal data: stored on the subscriber's record, never logged.
 */
public record Consent(Instant at, String ip, String userAgent) {

    static final int MAX_IP_LENGTH = 64;
    static final int MAX_USER_AGENT_LENGTH = 512;

    public Consent {
        Objects.requireNonNull(at, "at");
        ip = clean(Objects.requireNonNull(ip, "ip"), MAX_IP_LENGTH);
        userAgent = clean(Objects.requireNonNull(userAgent, "userAgent"), MAX_USER_AGENT_LENGTH);
    }

    /** The request this consent came with, at a given time. */
    public static Consent of(Requester requester, Instant at) {
        return new Consent(at, requester.ip(), requester.userAgent());
    }

    /** Control characters out, length bounded: these come from the caller, unchecked. */
    private static String clean(String text, int maxLength) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxLength));
        for (int i = 0; i < text.length() && out.length() < maxLength; i++) {
            char c = text.charAt(i);
            if (!Character.isISOControl(c)) {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** Personal data: keep it out of logs. */
    @Override
    public String toString() {
        return "Consent[at=" + at + ", redacted]";
    }
}
