package news.articles.subscription;

import news.articles.http.Pages;
import news.articles.mail.EmailMessage;

/**
 * The note a confirmed address gets when someone signs it up again: the sign-up page answers the
 * same for every address, so only this email tells the owner that nothing changed.
 */
final class AlreadySubscribedEmail {

    private AlreadySubscribedEmail() {
    }

    static EmailMessage to(EmailAddress email, String siteName, String unsubscribeUrl) {
        String subject = "You are already subscribed to " + siteName;
        String text = "Hello,\n\n"
                + "Someone, hopefully you, asked to subscribe this address to the weekly newsletter of " + siteName
                + ". It is already subscribed, so nothing has changed and there is nothing to do.\n\n"
                + "-- " + siteName + "\n\n"
                + "To stop all email from us to this address: " + unsubscribeUrl + "\n";
        String html = "<!doctype html><html lang=\"en\"><body style=\"font-family:sans-serif;line-height:1.5\">"
                + "<p>Hello,</p>"
                + "<p>Someone, hopefully you, asked to subscribe this address to the weekly newsletter of "
                + Pages.escape(siteName) + ". It is already subscribed, so nothing has changed and there is nothing to do.</p>"
                + "<p>&mdash; " + Pages.escape(siteName) + "</p>"
                + "<p style=\"font-size:small;color:#555\"><a href=\"" + Pages.escape(unsubscribeUrl)
                + "\">Unsubscribe</a>: stop all email from us to this address.</p></body></html>";
        return new EmailMessage(email.value(), subject, html, text, unsubscribeUrl);
    }
}
