package news.articles.subscription;

/**
 * A subscriber's key: a hash of the normalised address, so that one address has one record and
 * links never carry the address itself.
 */
public final class SubscriberId {

    private SubscriberId() {
    }

    public static String of(EmailAddress email) {
        return ConfirmationToken.hash("subscriber:" + email.value().toLowerCase(java.util.Locale.ROOT)).substring(0, 32);
    }
}
