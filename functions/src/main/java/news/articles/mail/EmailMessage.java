package news.articles.mail;

import java.util.Objects;

/**
 * One email to one recipient, with both an HTML and a plain-text part, and the https link that
 * unsubscribes the recipient, which the mailer also puts in the RFC 8058 headers.
 */
public record EmailMessage(String to, String subject, String html, String text, String unsubscribeUrl) {

    public EmailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        if (unsubscribeUrl.indexOf('>') >= 0 || unsubscribeUrl.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("unsubscribeUrl must be a URL fit for a mail header");
        }
    }

    /** Addresses and tokens are personal data and credentials: keep them out of logs and exception messages. */
    @Override
    public String toString() {
        return "EmailMessage[subject=" + subject + "]";
    }
}
