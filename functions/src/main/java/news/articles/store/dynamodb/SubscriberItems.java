package news.articles.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.articles.subscription.ConfirmationEmailCount;
import news.articles.subscription.Consent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps subscribers to items of the Subscribers table: {@code pk = SUBSCRIBER#<id>}; times as
 * ISO-8601 text, except {@code expiresAt}, which is epoch seconds because DynamoDB's TTL reads that.
 */
final class SubscriberItems {

    static final String PK = "pk";
    static final String EMAIL = "email";
    static final String STATUS = "status";
    static final String TOKEN_HASH = "confirmTokenHash";
    static final String TOKEN_EXPIRES_AT = "confirmTokenExpiresAt";
    static final String CREATED_AT = "createdAt";
    static final String UPDATED_AT = "updatedAt";
    static final String CONFIRMED_AT = "confirmedAt";
    static final String EXPIRES_AT = "expiresAt";
    static final String UNSUBSCRIBE_HASHES = "unsubscribeTokenHashes";
    static final String UNSUBSCRIBED_AT = "unsubscribedAt";
    static final String SUPPRESSED_AT = "suppressedAt";
    static final String SUPPRESSION_REASON = "suppressionReason";
    static final String SIGN_UP_IP = "signUpIp";
    static final String SIGN_UP_USER_AGENT = "signUpUserAgent";
    static final String SIGN_UP_AT = "signUpAt";
    static final String CONFIRM_IP = "confirmIp";
    static final String CONFIRM_USER_AGENT = "confirmUserAgent";
    /** Epoch seconds, so that conditions compare it as a number. */
    static final String NOTE_SENT_AT = "alreadySubscribedNoteAt";
    /** When the latest confirmation email went, in epoch seconds, so that conditions compare it as a number. */
    static final String LAST_EMAIL_AT = "lastEmailAt";
    /** The UTC day (ISO-8601 date) that {@link #EMAILS_TODAY} counts. */
    static final String EMAIL_DAY = "emailDay";
    static final String EMAILS_TODAY = "emailsToday";

    private static final String PREFIX = "SUBSCRIBER#";

    private SubscriberItems() {
    }

    static Map<String, AttributeValue> key(String id) {
        return Map.of(PK, AttributeValue.fromS(PREFIX + id));
    }

    static Subscriber toSubscriber(Map<String, AttributeValue> item) {
        return new Subscriber(
                item.get(PK).s().substring(PREFIX.length()),
                new EmailAddress(item.get(EMAIL).s()),
                SubscriberStatus.valueOf(item.get(STATUS).s()),
                optionalString(item, TOKEN_HASH),
                optionalString(item, TOKEN_EXPIRES_AT).map(Instant::parse),
                item.containsKey(UNSUBSCRIBE_HASHES) ? Set.copyOf(item.get(UNSUBSCRIBE_HASHES).ss()) : Set.of(),
                Instant.parse(item.get(CREATED_AT).s()),
                optionalString(item, CONFIRMED_AT).map(Instant::parse),
                optionalString(item, UNSUBSCRIBED_AT).map(Instant::parse),
                item.containsKey(NOTE_SENT_AT)
                        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(item.get(NOTE_SENT_AT).n())))
                        : Optional.empty(),
                consent(item, SIGN_UP_AT, SIGN_UP_IP, SIGN_UP_USER_AGENT),
                consent(item, CONFIRMED_AT, CONFIRM_IP, CONFIRM_USER_AGENT),
                confirmationEmails(item));
    }

    /**
     * Whether the item holds what every write of a subscriber sets (its status, address and
     * creation time). DynamoDB applies each write whole; moto, serving requests on many threads,
     * can show a concurrent write half done.
     */
    static boolean isWhole(Map<String, AttributeValue> item) {
        return item.containsKey(STATUS) && item.containsKey(EMAIL) && item.containsKey(CREATED_AT);
    }

    /** The confirmation emails the item records; empty for an address never sent one (or stored before they were counted). */
    private static Optional<ConfirmationEmailCount> confirmationEmails(Map<String, AttributeValue> item) {
        AttributeValue at = item.get(LAST_EMAIL_AT);
        AttributeValue day = item.get(EMAIL_DAY);
        AttributeValue count = item.get(EMAILS_TODAY);
        if (at == null || day == null || count == null) {
            return Optional.empty();
        }
        return Optional.of(new ConfirmationEmailCount(Instant.ofEpochSecond(Long.parseLong(at.n())), LocalDate.parse(day.s()),
                Integer.parseInt(count.n())));
    }

    private static Optional<Consent> consent(Map<String, AttributeValue> item, String at, String ip, String userAgent) {
        return optionalString(item, at).flatMap(time -> optionalString(item, ip).map(address -> new Consent(
                Instant.parse(time), address, optionalString(item, userAgent).orElse(""))));
    }

    static AttributeValue time(Instant instant) {
        return AttributeValue.fromS(instant.toString());
    }

    /** A string set of one, for {@code ADD}ing to a set attribute. */
    static AttributeValue setOf(String value) {
        return AttributeValue.fromSs(java.util.List.of(value));
    }

    static AttributeValue epochSeconds(Instant instant) {
        return AttributeValue.fromN(Long.toString(instant.getEpochSecond()));
    }

    private static Optional<String> optionalString(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.s() == null ? Optional.empty() : Optional.of(value.s());
    }
}
