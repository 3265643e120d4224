package news.articles.mail;

import java.util.Objects;

/** One email to one recipient, with both an HTML and a plain-text part. */
public record EmailMessage(String to, String subject, String html, String text) {

    public EmailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
    }

    /** Addresses are personal data: keep them out of logs and exception messages. */
    @Override
    public String toString() {
        return "EmailMessage[subject=" + subject + "]";
    }
}
