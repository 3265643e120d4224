package news.articles.subscription;

import java.util.Locale;
import java.util.Objects;
import news.articles.error.RejectedException;

/**
 * A deliverable-looking email address: trimmed, its domain lower-cased (the local part is the
 * receiving server's business, so it keeps its case). Deliberately stricter than RFC 5322 where
 * the RFC allows what no mailbox uses: quoted local parts, comments, IP-literal domains.
 */
public record EmailAddress(String value) {

    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_LABEL_LENGTH = 63;
    private static final String LOCAL_SPECIALS = "!#$%&'*+/=?^_`{|}~.-";

    public EmailAddress {
        Objects.requireNonNull(value, "value");
    }

    /** Parses what a reader typed; throws a 400 {@code INVALID_EMAIL} otherwise. */
    public static EmailAddress parse(String raw) {
        if (raw == null) {
            throw invalid();
        }
        String trimmed = raw.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_LENGTH) {
            throw invalid();
        }
        int at = trimmed.lastIndexOf('@');
        if (at <= 0 || at == trimmed.length() - 1) {
            throw invalid();
        }
        String local = trimmed.substring(0, at);
        String domain = trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
        if (!isValidLocal(local) || !isValidDomain(domain)) {
            throw invalid();
        }
        return new EmailAddress(local + "@" + domain);
    }

    /**
     * The inbox this address reaches, as far as we can tell without asking its server: the local
     * part lower-cased and cut at its first {@code +} (the sub-address tag every major provider
     * delivers to the base mailbox), and for Gmail its dots removed and {@code googlemail.com}
     * read as {@code gmail.com}. Limits that protect an inbox count by this key; mail still goes
     * to the address as typed.
     */
    public String mailboxKey() {
        int at = value.lastIndexOf('@');
        String local = value.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = value.substring(at + 1);
        int plus = local.indexOf('+');
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        if (domain.equals("googlemail.com")) {
            domain = "gmail.com";
        }
        if (domain.equals("gmail.com")) {
            local = local.replace(".", "");
        }
        return local + "@" + domain;
    }

    /** The address, or empty where {@link #parse} would refuse it. */
    public static java.util.Optional<EmailAddress> tryParse(String raw) {
        try {
            return java.util.Optional.of(parse(raw));
        } catch (RejectedException e) {
            return java.util.Optional.empty();
        }
    }

    private static boolean isValidLocal(String local) {
        if (local.length() > MAX_LOCAL_LENGTH || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || LOCAL_SPECIALS.indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidDomain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(isAsciiLetterOrDigit(c) || c == '-')) {
                    return false;
                }
            }
        }
        String topLevel = labels[labels.length - 1];
        return topLevel.length() >= 2 && !topLevel.chars().allMatch(Character::isDigit);
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static RejectedException invalid() {
        return RejectedException.invalid("INVALID_EMAIL", "Please give a valid email address, such as name@example.com.");
    }

    /** Addresses are personal data: keep them out of logs. */
    @Override
    public String toString() {
        return "EmailAddress[redacted]";
    }
}
