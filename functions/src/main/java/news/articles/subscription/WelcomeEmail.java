package news.articles.subscription;

import news.articles.html.Html;
import news.articles.mail.EmailLayout;
import news.articles.mail.EmailMessage;

/** The short note that follows a confirmation: HTML and plain text, no images, no tracking. */
final class WelcomeEmail {

    private WelcomeEmail() {
    }

    static EmailMessage to(EmailAddress email, String siteName, String unsubscribeUrl) {
        return EmailLayout.compose(email.value(), "Welcome to " + siteName, siteName,
                "Your subscription to the weekly newsletter of " + siteName + " is confirmed. "
                        + "The next issue will reach you at this address.\n\n",
                "<p>Your subscription to the weekly newsletter of " + Html.escape(siteName)
                        + " is confirmed. The next issue will reach you at this address.</p>",
                unsubscribeUrl);
    }
}
