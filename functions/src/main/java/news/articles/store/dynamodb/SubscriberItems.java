package news.articles.store.dynamodb;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.articles.subscription.ConfirmationEmailCount;
import news.articles.subscription.Consent;
import news.articles.subscription.ConsentEvent;
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
    /**
     * {@code CONFIRMED} while the status is, absent otherwise: the hash key of the sparse index
     * {@link #BY_CONFIRMED}, so that the index holds the confirmed subscribers and nothing else.
     * Every write that sets the status sets or removes it in the same UpdateItem.
     */
    static final String CONFIRMED_FEED = "confirmedFeed";
    static final String BY_CONFIRMED = "ByConfirmed";
    /**
     * The consent history: a list of maps ({@code kind}, {@code at}, {@code ip}, {@code userAgent},
     * {@code detail}), appended to by each sign-up, confirmation, unsubscribe and suppression.
     */
    static final String CONSENT_HISTORY = "consentHistory";
    /** The latest newsletter edition claimed for this subscriber (an ISO week, ordered as text), and when. */
    static final String LAST_EDITION = "lastEdition";
    static final String LAST_EDITION_AT = "lastEditionAt";
    /** The edition {@link #LAST_EDITION} held before the latest claim ({@code NONE}: none), so that the claim can be given back. */
    static final String LAST_EDITION_PREVIOUS = "lastEditionPrevious";
    /** An edition whose email failed for good, why (a code, never an address) and when. */
    static final String LAST_EDITION_FAILURE = "lastEditionFailure";
    static final String LAST_EDITION_FAILURE_REASON = "lastEditionFailureReason";
    static final String LAST_EDITION_FAILED_AT = "lastEditionFailedAt";
    /** Newsletter unsubscribe links rotate through this many slots: the last 13 editions' links work. */
    static final int NEWSLETTER_SLOTS = 13;

    private static final String NEWSLETTER_SLOT_PREFIX = "newsletterUnsubscribe";

    private static final String PREFIX = "SUBSCRIBER#";

    private SubscriberItems() {
    }

    /**
     * The attribute holding the unsubscribe token hash of a newsletter edition's email:
     * {@code newsletterUnsubscribe00} to {@code 12}, by the edition's week number modulo 13, so an
     * edition's hash replaces the one of 13 weeks before and the item stays bounded.
     */
    static String newsletterSlot(long weekNumber) {
        return newsletterSlotAt((int) Math.floorMod(weekNumber, (long) NEWSLETTER_SLOTS));
    }

    static String newsletterSlotAt(int slot) {
        if (slot < 0 || slot >= NEWSLETTER_SLOTS) {
            throw new IllegalArgumentException("a newsletter slot is 0 to " + (NEWSLETTER_SLOTS - 1));
        }
        return String.format(java.util.Locale.ROOT, "%s%02d", NEWSLETTER_SLOT_PREFIX, slot);
    }

    /** The subscriber id a key or index entry names. */
    static String idOf(Map<String, AttributeValue> item) {
        return item.get(PK).s().substring(PREFIX.length());
    }

    /** The value of {@code pk} for this subscriber id, for key conditions. */
    static AttributeValue keyValue(String id) {
        return AttributeValue.fromS(PREFIX + id);
    }

    /** The key value below every subscriber's key: a listing's start. */
    static AttributeValue keysStart() {
        return AttributeValue.fromS(PREFIX);
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
                unsubscribeHashes(item),
                Instant.parse(item.get(CREATED_AT).s()),
                optionalString(item, CONFIRMED_AT).map(Instant::parse),
                optionalString(item, UNSUBSCRIBED_AT).map(Instant::parse),
                item.containsKey(NOTE_SENT_AT)
                        ? Optional.of(Instant.ofEpochSecond(Long.parseLong(item.get(NOTE_SENT_AT).n())))
                        : Optional.empty(),
                consent(item, SIGN_UP_AT, SIGN_UP_IP, SIGN_UP_USER_AGENT),
                consent(item, CONFIRMED_AT, CONFIRM_IP, CONFIRM_USER_AGENT),
                confirmationEmails(item),
                consentHistory(item));
    }

    private static List<ConsentEvent> consentHistory(Map<String, AttributeValue> item) {
        AttributeValue history = item.get(CONSENT_HISTORY);
        if (history == null || !history.hasL()) {
            return List.of();
        }
        List<ConsentEvent> events = new java.util.ArrayList<>(history.l().size());
        for (AttributeValue entry : history.l()) {
            Map<String, AttributeValue> event = entry.m();
            events.add(new ConsentEvent(ConsentEvent.Kind.valueOf(event.get("kind").s()), Instant.parse(event.get("at").s()),
                    optionalString(event, "ip").orElse(""), optionalString(event, "userAgent").orElse(""),
                    optionalString(event, "detail").orElse("")));
        }
        return events;
    }

    /** The history as a list attribute, for a sign-up's write of the whole history. */
    static AttributeValue history(List<ConsentEvent> events) {
        return AttributeValue.fromL(events.stream().map(SubscriberItems::historyEntry).toList());
    }

    /** A list of this one event, for {@code list_append}. */
    static AttributeValue historyOf(ConsentEvent event) {
        return AttributeValue.fromL(List.of(historyEntry(event)));
    }

    /** The empty list that {@code if_not_exists} starts a history from. */
    static AttributeValue emptyList() {
        return AttributeValue.fromL(List.of());
    }

    private static AttributeValue historyEntry(ConsentEvent event) {
        return AttributeValue.fromM(Map.of(
                "kind", AttributeValue.fromS(event.kind().name()),
                "at", time(event.at()),
                "ip", AttributeValue.fromS(event.ip()),
                "userAgent", AttributeValue.fromS(event.userAgent()),
                "detail", AttributeValue.fromS(event.detail())));
    }

    /**
     * The item the store's writes leave for this subscriber (without the TTL of a pending record,
     * the suppression's reason and time, and anything the newsletter recorded), {@code confirmedFeed}
     * included while confirmed: {@link #toSubscriber} reads it back as the same subscriber.
     */
    static Map<String, AttributeValue> toItem(Subscriber subscriber) {
        Map<String, AttributeValue> item = new java.util.HashMap<>();
        item.put(PK, AttributeValue.fromS(PREFIX + subscriber.id()));
        item.put(EMAIL, AttributeValue.fromS(subscriber.email().value()));
        item.put(STATUS, AttributeValue.fromS(subscriber.status().name()));
        if (subscriber.status() == SubscriberStatus.CONFIRMED) {
            item.put(CONFIRMED_FEED, AttributeValue.fromS(SubscriberStatus.CONFIRMED.name()));
        }
        subscriber.confirmTokenHash().ifPresent(hash -> item.put(TOKEN_HASH, AttributeValue.fromS(hash)));
        subscriber.confirmTokenExpiresAt().ifPresent(at -> item.put(TOKEN_EXPIRES_AT, time(at)));
        if (!subscriber.unsubscribeTokenHashes().isEmpty()) {
            item.put(UNSUBSCRIBE_HASHES, AttributeValue.fromSs(java.util.List.copyOf(subscriber.unsubscribeTokenHashes())));
        }
        item.put(CREATED_AT, time(subscriber.createdAt()));
        subscriber.confirmedAt().ifPresent(at -> item.put(CONFIRMED_AT, time(at)));
        subscriber.unsubscribedAt().ifPresent(at -> item.put(UNSUBSCRIBED_AT, time(at)));
        subscriber.alreadySubscribedNoteAt().ifPresent(at -> item.put(NOTE_SENT_AT, epochSeconds(at)));
        subscriber.signUp().ifPresent(consent -> {
            item.put(SIGN_UP_AT, time(consent.at()));
            item.put(SIGN_UP_IP, AttributeValue.fromS(consent.ip()));
            item.put(SIGN_UP_USER_AGENT, AttributeValue.fromS(consent.userAgent()));
        });
        subscriber.confirmation().ifPresent(consent -> {
            if (!subscriber.confirmedAt().equals(Optional.of(consent.at()))) {
                throw new IllegalArgumentException("the confirmation's consent record is kept with confirmedAt, its time");
            }
            item.put(CONFIRM_IP, AttributeValue.fromS(consent.ip()));
            item.put(CONFIRM_USER_AGENT, AttributeValue.fromS(consent.userAgent()));
        });
        subscriber.confirmationEmails().ifPresent(emails -> {
            item.put(LAST_EMAIL_AT, epochSeconds(emails.lastSentAt()));
            item.put(EMAIL_DAY, AttributeValue.fromS(emails.day().toString()));
            item.put(EMAILS_TODAY, AttributeValue.fromN(Integer.toString(emails.sentThatDay())));
        });
        return item;
    }

    /**
     * The unsubscribe token hashes of every email the item's subscriber was sent: the set the
     * subscription emails add to, and the newsletter's slots.
     */
    private static Set<String> unsubscribeHashes(Map<String, AttributeValue> item) {
        Set<String> hashes = new java.util.HashSet<>();
        if (item.containsKey(UNSUBSCRIBE_HASHES)) {
            hashes.addAll(item.get(UNSUBSCRIBE_HASHES).ss());
        }
        for (int slot = 0; slot < NEWSLETTER_SLOTS; slot++) {
            optionalString(item, newsletterSlotAt(slot)).ifPresent(hashes::add);
        }
        return hashes;
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
