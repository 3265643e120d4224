package news.articles.newsletter;

import news.articles.mail.EmailMessage;

/** Renders an edition as one recipient's email, with that recipient's own unsubscribe link. */
public interface EditionEmails {

    EmailMessage render(Edition edition, String to, String unsubscribeUrl);
}
