package news.articles.mail;

import news.articles.html.Html;

/**
 * The frame every email shares: the greeting, the site's sign-off and the unsubscribe footer, in
 * an HTML and a plain-text part; no images, no tracking.
 */
public final class EmailLayout {

    private EmailLayout() {
    }

    /**
     * @param text the plain-text body, paragraphs each ending in a blank line
     * @param html the HTML body, already escaped
     */
    public static EmailMessage compose(String to, String subject, String siteName, String text, String html,
            String unsubscribeUrl) {
        String plain = "Hello,\n\n"
                + text
                + "-- " + siteName + "\n\n"
                + "To stop all email from us to this address: " + unsubscribeUrl + "\n";
        String rich = "<!doctype html><html lang=\"en\"><body style=\"font-family:sans-serif;line-height:1.5\">"
                + "<p>Hello,</p>"
                + html
                + "<p>&mdash; " + Html.escape(siteName) + "</p>"
                + "<p style=\"font-size:small;color:#555\"><a href=\"" + Html.escape(unsubscribeUrl)
                + "\">Unsubscribe</a>: stop all email from us to this address.</p></body></html>";
        return new EmailMessage(to, subject, rich, plain, unsubscribeUrl);
    }
}
