package news.articles.subscription;

import news.articles.html.Html;
import news.articles.mail.EmailLayout;
import news.articles.mail.EmailMessage;

/** The email that asks a new subscriber to confirm: HTML and plain text, no images, no tracking. */
public final class ConfirmationEmail {

    private ConfirmationEmail() {
    }

    public static EmailMessage to(EmailAddress email, String siteName, String confirmUrl, long validHours, String unsubscribeUrl) {
        return EmailLayout.compose(email.value(), "Confirm your subscription to " + siteName, siteName,
                "Someone, hopefully you, asked to receive the weekly newsletter of " + siteName + " at this address.\n\n"
                        + "To confirm, open this link (valid for " + validHours + " hours):\n" + confirmUrl + "\n\n"
                        + "If you did not ask for it, ignore this email: you will not be subscribed and will hear no more "
                        + "from us.\n\n",
                "<p>Someone, hopefully you, asked to receive the weekly newsletter of " + Html.escape(siteName)
                        + " at this address.</p>"
                        + "<p><a href=\"" + Html.escape(confirmUrl) + "\">Confirm my subscription</a> (valid for "
                        + validHours + " hours)</p>"
                        + "<p>If the button does not work, copy this link into your browser:<br>"
                        + Html.escape(confirmUrl) + "</p>"
                        + "<p>If you did not ask for it, ignore this email: you will not be subscribed and will hear no "
                        + "more from us.</p>",
                unsubscribeUrl);
    }
}
