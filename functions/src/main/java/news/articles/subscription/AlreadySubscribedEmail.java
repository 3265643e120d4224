package news.articles.subscription;

import news.articles.html.Html;
import news.articles.mail.EmailLayout;
import news.articles.mail.EmailMessage;

/**
 * The note a confirmed address gets when someone signs it up again: the sign-up page answers the
 * same for every address, so only this email tells the owner that nothing changed.
 */
final class AlreadySubscribedEmail {

    private AlreadySubscribedEmail() {
    }

    static EmailMessage to(EmailAddress email, String siteName, String unsubscribeUrl) {
        return EmailLayout.compose(email.value(), "You are already subscribed to " + siteName, siteName,
                "Someone, hopefully you, asked to subscribe this address to the weekly newsletter of " + siteName
                        + ". It is already subscribed, so nothing has changed and there is nothing to do.\n\n",
                "<p>Someone, hopefully you, asked to subscribe this address to the weekly newsletter of "
                        + Html.escape(siteName)
                        + ". It is already subscribed, so nothing has changed and there is nothing to do.</p>",
                unsubscribeUrl);
    }
}
