package news.articles.newsletter;

import java.util.Objects;
import news.articles.article.ArticleSummary;
import news.articles.html.Html;
import news.articles.mail.EmailMessage;

/**
 * The newsletter email of an edition for one recipient: the edition's content ({@link EditionContent}),
 * a "view in browser" link to its web version above it, and below it why the recipient gets it, the
 * archive and the recipient's own unsubscribe link; HTML and plain text, no images, no tracking
 * pixels. The mailer adds the RFC 8058 headers from the unsubscribe link and the List-Id.
 */
public final class NewsletterEmail implements EditionEmails {

    private final EditionContent content;

    public NewsletterEmail(String siteName, NewsletterLinks links) {
        this.content = new EditionContent(siteName, links);
    }

    /** The subject: the site, the week and the lead story, so the inbox shows what the issue leads with. */
    public String subject(Edition edition) {
        ArticleSummary lead = EditionDigest.of(edition).lead();
        // A title is one line in practice; a subject must be, whatever the content says.
        return (content.title(edition.id()) + ": " + lead.title()).replaceAll("\\p{Cntrl}+", " ");
    }

    @Override
    public EmailMessage render(Edition edition, String to, String unsubscribeUrl) {
        Objects.requireNonNull(edition, "edition");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(unsubscribeUrl, "unsubscribeUrl");
        NewsletterLinks links = content.links();
        String siteName = content.siteName();
        String webVersion = links.edition(edition.id());
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
                + Html.escape(content.title(edition.id())) + "</title></head>"
                + "<body style=\"font-family:sans-serif;line-height:1.5;color:#222;max-width:40em;margin:0 auto;padding:1em\">"
                + "<p style=\"font-size:small;color:#555\"><a href=\"" + Html.escape(webVersion)
                + "\">View this email in your browser</a></p>"
                + content.html(edition)
                + "<hr style=\"border:0;border-top:1px solid #ddd\">"
                + "<p style=\"font-size:small;color:#555\">You get this email because you subscribed to the weekly newsletter of "
                + Html.escape(siteName) + ". <a href=\"" + Html.escape(links.archive()) + "\">Past editions</a>.</p>"
                + "<p style=\"font-size:small;color:#555\"><a href=\"" + Html.escape(unsubscribeUrl)
                + "\">Unsubscribe</a>: stop all email from us to this address.</p>"
                + "</body></html>";
        String text = "View this email in your browser: " + webVersion + "\n\n"
                + content.text(edition)
                + "-- \n"
                + "You get this email because you subscribed to the weekly newsletter of " + siteName + ".\n"
                + "Past editions: " + links.archive() + "\n"
                + "To stop all email from us to this address: " + unsubscribeUrl + "\n";
        return new EmailMessage(to, subject(edition), html, text, unsubscribeUrl).withListId(links.listId());
    }
}
