package news.articles.subscription;

import news.articles.http.Pages;
import news.articles.mail.EmailMessage;

/** The short note that follows a confirmation: HTML and plain text, no images, no tracking. */
final class WelcomeEmail {

    private WelcomeEmail() {
    }

    static EmailMessage to(EmailAddress email, String siteName, String unsubscribeUrl) {
        String subject = "Welcome to " + siteName;
        String text = "Hello,\n\n"
                + "Your subscription to the weekly newsletter of " + siteName + " is confirmed. "
                + "The next issue will reach you at this address.\n\n"
                + "-- " + siteName + "\n\n"
                + "To stop all email from us to this address: " + unsubscribeUrl + "\n";
        String html = "<!doctype html><html lang=\"en\"><body style=\"font-family:sans-serif;line-height:1.5\">"
                + "<p>Hello,</p>"
                + "<p>Your subscription to the weekly newsletter of " + Pages.escape(siteName)
                + " is confirmed. The next issue will reach you at this address.</p>"
                + "<p>&mdash; " + Pages.escape(siteName) + "</p>"
                + "<p style=\"font-size:small;color:#555\"><a href=\"" + Pages.escape(unsubscribeUrl)
                + "\">Unsubscribe</a>: stop all email from us to this address.</p></body></html>";
        return new EmailMessage(email.value(), subject, html, text, unsubscribeUrl);
    }
}
