package news.articles.subscription;

import java.util.Locale;
import news.articles.keyed.KeyedHash;

/**
 * A subscriber's key: a keyed hash of the lower-cased address, so that one address has one record,
 * links never carry the address itself, and nobody without the stack's identifier key can tell
 * from an id which address it stands for (or compute the id of an address to look for).
 */
public final class SubscriberId {

    private static final int LENGTH = 32;

    private SubscriberId() {
    }

    /** The id of the address's record, for records created since the identifier key. */
    public static String of(EmailAddress email, KeyedHash identifiers) {
        return identifiers.hash("subscriber", normalised(email)).substring(0, LENGTH);
    }

    /**
     * The id records created before the identifier key have: the unkeyed SHA-256 of the address,
     * which anyone can compute. Such a record keeps its id (the links already sent carry it); the
     * service finds it by address when no record has the keyed id (see docs/data-model.md).
     */
    public static String legacyOf(EmailAddress email) {
        return ConfirmationToken.hash("subscriber:" + normalised(email)).substring(0, LENGTH);
    }

    /**
     * The id of the address's record: its keyed id ({@link SubscriberId#of}), unless no record has
     * it and one from before the identifier key has the legacy id ({@link SubscriberId#legacyOf}).
     * A legacy record keeps its id for as long as it lives, so the links already sent (which carry
     * it) keep working, the newsletter's index keeps finding it, and its suppression keeps
     * suppressing; new records get keyed ids. Of concurrent sign-ups for an address without a
     * record, all choose the keyed id, and the store's conditional write lets one create it.
     */
    public static String resolve(SubscriberStore store, EmailAddress email, KeyedHash identifiers) {
        String keyed = SubscriberId.of(email, identifiers);
        if (store.find(keyed).isPresent()) {
            return keyed;
        }
        String legacy = SubscriberId.legacyOf(email);
        return store.find(legacy).isPresent() ? legacy : keyed;
    }

    private static String normalised(EmailAddress email) {
        return email.value().toLowerCase(Locale.ROOT);
    }
}
