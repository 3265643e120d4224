package news.articles.mail;

/** Sends transactional email. */
public interface Mailer {

    /** Returns once the mail service has accepted the message; throws {@link MailException} otherwise. */
    void send(EmailMessage message);
}
