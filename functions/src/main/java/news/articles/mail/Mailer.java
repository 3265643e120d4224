package news.articles.mail;

/** Sends transactional email. */
public interface Mailer {

    /** Returns once the mail service has accepted the message; throws {@link MailException} otherwise. */
    void send(EmailMessage message);

    /**
     * Prepares the message as {@link #send} would, up to handing it to the mail service, and sends
     * nothing: warms the sending code (SnapStart priming) without mailing anyone.
     */
    void rehearse(EmailMessage message);
}
