package news.articles.subscription;

import java.time.Instant;
import java.util.Objects;

/**
 * One step of a subscriber's consent history, kept for as long as the record lives and never
 * rewritten: a sign-up, a confirmation (each with the IP address and user agent it came from), an
 * unsubscribe or a suppression (with its reason in {@code detail}; these come from links in mail
 * and from SES, so they carry no IP address). Personal data: stored, never logged.
 */
public record ConsentEvent(Kind kind, Instant at, String ip, String userAgent, String detail) {

    /** What happened. */
    public enum Kind {
        SIGN_UP,
        CONFIRMATION,
        UNSUBSCRIBE,
        SUPPRESSION
    }

    public ConsentEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(detail, "detail");
    }

    public static ConsentEvent signUp(Consent consent) {
        return new ConsentEvent(Kind.SIGN_UP, consent.at(), consent.ip(), consent.userAgent(), "");
    }

    public static ConsentEvent confirmation(Consent consent) {
        return new ConsentEvent(Kind.CONFIRMATION, consent.at(), consent.ip(), consent.userAgent(), "");
    }

    public static ConsentEvent unsubscribe(Instant at) {
        return new ConsentEvent(Kind.UNSUBSCRIBE, at, "", "", "");
    }

    public static ConsentEvent suppression(Instant at, String reason) {
        return new ConsentEvent(Kind.SUPPRESSION, at, "", "", reason);
    }

    /** Personal data: keep it out of logs. */
    @Override
    public String toString() {
        return "ConsentEvent[" + kind + " at " + at + ", redacted]";
    }
}
