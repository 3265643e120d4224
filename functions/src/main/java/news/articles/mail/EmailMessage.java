package news.articles.mail;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One email to one recipient, with both an HTML and a plain-text part, and the https link that
 * unsubscribes the recipient, which the mailer also puts in the RFC 8058 headers; mail of a list
 * (the newsletter) also names the list, which the mailer puts in an RFC 2919 {@code List-Id}.
 */
public record EmailMessage(String to, String subject, String html, String text, String unsubscribeUrl,
        Optional<String> listId) {

    /** RFC 2919's list-label "." namespace, as a dot-atom: letters, digits and hyphens between dots. */
    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    public EmailMessage {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(html, "html");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        Objects.requireNonNull(listId, "listId");
        if (unsubscribeUrl.indexOf('>') >= 0 || unsubscribeUrl.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("unsubscribeUrl must be a URL fit for a mail header");
        }
        if (listId.isPresent() && (listId.get().length() > 255 || !LIST_ID.matcher(listId.get()).matches())) {
            throw new IllegalArgumentException("listId must be a dot-atom such as weekly.news.example.com");
        }
    }

    /** An email that belongs to no list. */
    public EmailMessage(String to, String subject, String html, String text, String unsubscribeUrl) {
        this(to, subject, html, text, unsubscribeUrl, Optional.empty());
    }

    /** The same email as part of the list with this id. */
    public EmailMessage withListId(String id) {
        return new EmailMessage(to, subject, html, text, unsubscribeUrl, Optional.of(id));
    }

    /** Addresses and tokens are personal data and credentials: keep them out of logs and exception messages. */
    @Override
    public String toString() {
        return "EmailMessage[subject=" + subject + "]";
    }
}
