package news.articles.store.dynamodb;

import static news.articles.store.dynamodb.SubscriberItems.CONSENT_HISTORY;
import static news.articles.store.dynamodb.SubscriberItems.CONFIRMED_AT;
import static news.articles.store.dynamodb.SubscriberItems.CONFIRMED_FEED;
import static news.articles.store.dynamodb.SubscriberItems.CONFIRM_IP;
import static news.articles.store.dynamodb.SubscriberItems.CONFIRM_USER_AGENT;
import static news.articles.store.dynamodb.SubscriberItems.CREATED_AT;
import static news.articles.store.dynamodb.SubscriberItems.EMAIL;
import static news.articles.store.dynamodb.SubscriberItems.EMAILS_TODAY;
import static news.articles.store.dynamodb.SubscriberItems.EMAIL_DAY;
import static news.articles.store.dynamodb.SubscriberItems.EXPIRES_AT;
import static news.articles.store.dynamodb.SubscriberItems.LAST_EMAIL_AT;
import static news.articles.store.dynamodb.SubscriberItems.NOTE_SENT_AT;
import static news.articles.store.dynamodb.SubscriberItems.SIGN_UP_AT;
import static news.articles.store.dynamodb.SubscriberItems.SIGN_UP_IP;
import static news.articles.store.dynamodb.SubscriberItems.SIGN_UP_USER_AGENT;
import static news.articles.store.dynamodb.SubscriberItems.STATUS;
import static news.articles.store.dynamodb.SubscriberItems.SUPPRESSED_AT;
import static news.articles.store.dynamodb.SubscriberItems.SUPPRESSION_REASON;
import static news.articles.store.dynamodb.SubscriberItems.TOKEN_EXPIRES_AT;
import static news.articles.store.dynamodb.SubscriberItems.TOKEN_HASH;
import static news.articles.store.dynamodb.SubscriberItems.UNSUBSCRIBED_AT;
import static news.articles.store.dynamodb.SubscriberItems.UNSUBSCRIBE_HASHES;
import static news.articles.store.dynamodb.SubscriberItems.UPDATED_AT;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import news.articles.subscription.ConfirmationEmailCount;
import news.articles.subscription.Consent;
import news.articles.subscription.ConsentEvent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SubscriberStore;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Subscribers in the DynamoDB table that template.yaml declares as SubscribersTable. The domain
 * decides what each change is ({@code PendingSubscription.decide}, the preconditions on
 * {@code Subscriber} and {@code SubscriberStatus}); this store makes each one a single conditional
 * UpdateItem whose condition is the domain's precondition, or, for a sign-up, that the record is
 * still as it was read and decided on, so concurrent requests cannot undo each other.
 */
public final class DynamoDbSubscriberStore implements SubscriberStore {

    /**
     * The newsletter's unsubscribe slots ({@link SubscriberItems#newsletterSlot}), as placeholders
     * {@code #nu00}..{@code #nu12}: an unsubscribe accepts a hash in any of them; a sign-up keeps
     * them, and clears them only with the other links once the record holds too many.
     */
    private static final Map<String, String> SLOT_NAMES = slotNames();
    private static final String ANY_SLOT_HOLDS_HASH = String.join(" OR ",
            SLOT_NAMES.keySet().stream().map(name -> name + " = :unsubscribeHash").toList());
    /** The names a sign-up's write may use; each request sends only those its expressions use, as DynamoDB demands. */
    private static final Map<String, String> SIGN_UP_NAMES = withSlots(Map.ofEntries(
            Map.entry("#email", EMAIL),
            Map.entry("#status", STATUS),
            Map.entry("#tokenHash", TOKEN_HASH),
            Map.entry("#tokenExpiresAt", TOKEN_EXPIRES_AT),
            Map.entry("#unsubscribeHashes", UNSUBSCRIBE_HASHES),
            Map.entry("#createdAt", CREATED_AT),
            Map.entry("#updatedAt", UPDATED_AT),
            Map.entry("#confirmedAt", CONFIRMED_AT),
            Map.entry("#unsubscribedAt", UNSUBSCRIBED_AT),
            Map.entry("#expiresAt", EXPIRES_AT),
            Map.entry("#signUpAt", SIGN_UP_AT),
            Map.entry("#signUpIp", SIGN_UP_IP),
            Map.entry("#signUpUserAgent", SIGN_UP_USER_AGENT),
            Map.entry("#confirmIp", CONFIRM_IP),
            Map.entry("#confirmUserAgent", CONFIRM_USER_AGENT),
            Map.entry("#lastEmailAt", LAST_EMAIL_AT),
            Map.entry("#emailDay", EMAIL_DAY),
            Map.entry("#emailsToday", EMAILS_TODAY),
            Map.entry("#confirmedFeed", CONFIRMED_FEED),
            Map.entry("#history", CONSENT_HISTORY)));
    /** Rounds of read-then-conditional-write before a contended sign-up gives way to the one being recorded. */
    private static final int MAX_SIGN_UP_ATTEMPTS = 3;
    private static final AttributeValue PENDING = AttributeValue.fromS(SubscriberStatus.PENDING.name());
    private static final AttributeValue CONFIRMED = AttributeValue.fromS(SubscriberStatus.CONFIRMED.name());
    private static final AttributeValue UNSUBSCRIBED = AttributeValue.fromS(SubscriberStatus.UNSUBSCRIBED.name());
    private static final AttributeValue SUPPRESSED = AttributeValue.fromS(SubscriberStatus.SUPPRESSED.name());
    /** The states each transition may start from, as the domain states them. */
    private static final FromStatus CONFIRMABLE = FromStatus.where(SubscriberStatus::confirmable);
    private static final FromStatus UNSUBSCRIBABLE = FromStatus.where(SubscriberStatus::unsubscribable);
    private static final FromStatus NOTED_ON_SIGN_UP = FromStatus.where(SubscriberStatus::notedOnSignUp);
    private static final FromStatus SUPPRESSIBLE = FromStatus.where(SubscriberStatus::suppressible);

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbSubscriberStore(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = Objects.requireNonNull(dynamoDb, "dynamoDb");
        this.tableName = Objects.requireNonNull(tableName, "tableName");
    }

    /**
     * The item the store's writes leave for this subscriber ({@code confirmedFeed} included while
     * confirmed; no TTL, suppression reason or newsletter attributes). For loaders that fill a test
     * table in bulk; the store itself writes only through its conditional updates.
     */
    public static Map<String, AttributeValue> itemOf(Subscriber subscriber) {
        return SubscriberItems.toItem(Objects.requireNonNull(subscriber, "subscriber"));
    }

    @Override
    public Optional<Subscriber> find(String id) {
        GetItemResponse response = DynamoDbErrors.translate("read a subscriber", () -> dynamoDb.getItem(request -> request
                .tableName(tableName)
                .key(SubscriberItems.key(id))
                .consistentRead(true)));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(SubscriberItems.toSubscriber(response.item()))
                : Optional.empty();
    }

    @Override
    public SavedPending savePending(PendingSubscription pending, EmailLimits limits) {
        Objects.requireNonNull(limits, "limits");
        // Read, let the domain decide, then write on the condition that the record is still as
        // read: of concurrent sign-ups one writes, the others read its counts and stop.
        SavedPending attempted = null;
        for (int attempt = 0; attempt < MAX_SIGN_UP_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = DynamoDbErrors.translate("read a subscriber", () -> dynamoDb.getItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(pending.id()))
                    .consistentRead(true))).item();
            boolean exists = item != null && !item.isEmpty();
            if (attempted != null && exists && item.get(TOKEN_HASH) != null
                    && pending.tokenHash().equals(item.get(TOKEN_HASH).s())) {
                // Our own write landed, but its answer was lost and the SDK's resend failed our
                // condition: the token is unique to this sign-up, so the reservation is ours.
                return attempted;
            }
            if (exists && !SubscriberItems.isWhole(item)) {
                // Only moto shows a concurrent write half done: read it again once it is whole.
                continue;
            }
            Optional<Subscriber> asRead = exists ? Optional.of(SubscriberItems.toSubscriber(item)) : Optional.empty();
            SavedPending decided = pending.decide(asRead, limits);
            if (decided.reservation().isEmpty()) {
                return decided;
            }
            attempted = decided;
            if (writePending(pending, asRead, decided.reservation().get())) {
                return attempted;
            }
        }
        // Still contended after several rounds: another sign-up for this address is being
        // recorded right now, and it sends the email.
        return SavedPending.unchanged(PendingOutcome.EMAIL_LIMITED);
    }

    /**
     * The sign-up's write; false when its condition failed, because the record changed since it
     * was read: created, or its status or email counts changed (the decision rests on nothing else).
     */
    private boolean writePending(PendingSubscription pending, Optional<Subscriber> asRead, EmailReservation reservation) {
        ConfirmationEmailCount reserved = reservation.reserved();
        Map<String, AttributeValue> values = new HashMap<>(Map.ofEntries(
                Map.entry(":email", AttributeValue.fromS(pending.email().value())),
                Map.entry(":pending", PENDING),
                Map.entry(":tokenHash", AttributeValue.fromS(pending.tokenHash())),
                Map.entry(":tokenExpiresAt", SubscriberItems.time(pending.tokenExpiresAt())),
                Map.entry(":unsubscribeHash", SubscriberItems.setOf(pending.unsubscribeTokenHash())),
                Map.entry(":now", SubscriberItems.time(pending.requestedAt())),
                Map.entry(":expiresAt", SubscriberItems.epochSeconds(pending.recordExpiresAt())),
                Map.entry(":ip", AttributeValue.fromS(pending.signUp().ip())),
                Map.entry(":userAgent", AttributeValue.fromS(pending.signUp().userAgent())),
                Map.entry(":lastEmailAt", SubscriberItems.epochSeconds(reserved.lastSentAt())),
                Map.entry(":emailDay", AttributeValue.fromS(reserved.day().toString())),
                Map.entry(":emailsToday", number(reserved.sentThatDay())),
                Map.entry(":history", SubscriberItems.history(asRead.map(read -> read.historyWith(ConsentEvent.signUp(pending.signUp())))
                        .orElse(List.of(ConsentEvent.signUp(pending.signUp())))))));
        String asReadCondition;
        if (asRead.isEmpty()) {
            asReadCondition = "attribute_not_exists(pk)";
        } else {
            values.put(":readStatus", AttributeValue.fromS(asRead.get().status().name()));
            String countsAsRead;
            if (reservation.previous().isPresent()) {
                ConfirmationEmailCount previous = reservation.previous().get();
                countsAsRead = "#lastEmailAt = :previousAt AND #emailDay = :previousDay AND #emailsToday = :previousCount";
                values.put(":previousAt", SubscriberItems.epochSeconds(previous.lastSentAt()));
                values.put(":previousDay", AttributeValue.fromS(previous.day().toString()));
                values.put(":previousCount", number(previous.sentThatDay()));
            } else {
                countsAsRead = "(attribute_not_exists(#lastEmailAt) OR attribute_not_exists(#emailDay) "
                        + "OR attribute_not_exists(#emailsToday))";
            }
            // The history is rewritten whole (its oldest step dropped past the bound): only if it is
            // the history as read. Every other write only appends, so its size says it is unchanged.
            String historyAsRead;
            if (asRead.get().consentHistory().isEmpty()) {
                historyAsRead = "attribute_not_exists(#history)";
            } else {
                historyAsRead = "size(#history) = :readHistorySize";
                values.put(":readHistorySize", number(asRead.get().consentHistory().size()));
            }
            asReadCondition = "#status = :readStatus AND " + countsAsRead + " AND " + historyAsRead;
        }
        // A record ever confirmed, unsubscribed or suppressed is kept for good: its consent and
        // opt-out history must survive a stranger's sign-up. Only a never-confirmed one expires.
        boolean keptForGood = asRead.map(Subscriber::isKeptForGood).orElse(false);
        String expiry = keptForGood ? "" : "#expiresAt = :expiresAt, ";
        // Every email's unsubscribe link keeps working, up to a bound on the item's size.
        boolean addLink = asRead.map(read -> read.unsubscribeTokenHashes().size() < Subscriber.MAX_UNSUBSCRIBE_LINKS).orElse(true);
        String links = addLink ? " ADD #unsubscribeHashes :unsubscribeHash" : ", #unsubscribeHashes = :unsubscribeHash";
        if (keptForGood) {
            values.remove(":expiresAt");
        }
        String update = "SET #email = :email, #status = :pending, #tokenHash = :tokenHash, "
                + "#tokenExpiresAt = :tokenExpiresAt, #createdAt = if_not_exists(#createdAt, :now), "
                + "#updatedAt = :now, " + expiry
                + "#signUpAt = :now, #signUpIp = :ip, #signUpUserAgent = :userAgent, "
                + "#lastEmailAt = :lastEmailAt, #emailDay = :emailDay, #emailsToday = :emailsToday, "
                + "#history = :history"
                + (addLink ? "" : links)
                // Not confirmed, so not in the ByConfirmed index.
                + " REMOVE #confirmedFeed" + (keptForGood ? ", #expiresAt" : "")
                + (addLink ? "" : ", " + String.join(", ", SLOT_NAMES.keySet()))
                + (addLink ? links : "");
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(pending.id()))
                    .updateExpression(update)
                    // The record as the decision read it: a confirmation, suppression or another
                    // sign-up in between fails this write, which then reads and decides again. The
                    // email counts are part of it, so a burst of sign-ups sends one email and
                    // concurrent writers cannot both count the day up.
                    .conditionExpression(asReadCondition)
                    .expressionAttributeNames(usedIn(SIGN_UP_NAMES, update, asReadCondition))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("record a sign-up", e);
        }
    }

    @Override
    public boolean releaseConfirmationEmail(String id, EmailReservation reservation) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":tokenHash", AttributeValue.fromS(reservation.tokenHash()),
                ":lastEmailAt", SubscriberItems.epochSeconds(reservation.reserved().lastSentAt()),
                ":emailDay", AttributeValue.fromS(reservation.reserved().day().toString()),
                ":emailsToday", number(reservation.reserved().sentThatDay())));
        String restore;
        if (reservation.previous().isPresent()) {
            ConfirmationEmailCount previous = reservation.previous().get();
            restore = "SET #lastEmailAt = :previousAt, #emailDay = :previousDay, #emailsToday = :previousCount";
            values.put(":previousAt", SubscriberItems.epochSeconds(previous.lastSentAt()));
            values.put(":previousDay", AttributeValue.fromS(previous.day().toString()));
            values.put(":previousCount", number(previous.sentThatDay()));
        } else {
            restore = "REMOVE #lastEmailAt, #emailDay, #emailsToday";
        }
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(id))
                    .updateExpression(restore)
                    // EmailReservation.isHeldBy: only what this request wrote, since a later sign-up's
                    // reservation is not ours to undo.
                    .conditionExpression("#tokenHash = :tokenHash AND #lastEmailAt = :lastEmailAt "
                            + "AND #emailDay = :emailDay AND #emailsToday = :emailsToday")
                    .expressionAttributeNames(Map.of(
                            "#tokenHash", TOKEN_HASH,
                            "#lastEmailAt", LAST_EMAIL_AT,
                            "#emailDay", EMAIL_DAY,
                            "#emailsToday", EMAILS_TODAY))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("release a confirmation email", e);
        }
    }

    private static AttributeValue number(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }

    @Override
    public boolean confirm(String id, String tokenHash, Consent confirmation, String unsubscribeTokenHash) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(id))
                    // A confirmed subscriber no longer expires, and enters the ByConfirmed index
                    // (the newsletter's recipients) in the same write.
                    .updateExpression("SET #status = :confirmed, #confirmedFeed = :confirmed, #confirmedAt = :now, "
                            + "#updatedAt = :now, #confirmIp = :ip, #confirmUserAgent = :userAgent, "
                            + "#history = list_append(if_not_exists(#history, :noHistory), :event) "
                            + "REMOVE #expiresAt ADD #unsubscribeHashes :unsubscribeHash")
                    // Subscriber.isPendingWith: pending with this very token, so an unsubscribe or a
                    // newer sign-up in between wins.
                    .conditionExpression(CONFIRMABLE.condition() + " AND #tokenHash = :tokenHash")
                    .expressionAttributeNames(Map.of(
                            "#status", STATUS,
                            "#confirmedFeed", CONFIRMED_FEED,
                            "#confirmedAt", CONFIRMED_AT,
                            "#updatedAt", UPDATED_AT,
                            "#expiresAt", EXPIRES_AT,
                            "#tokenHash", TOKEN_HASH,
                            "#unsubscribeHashes", UNSUBSCRIBE_HASHES,
                            "#confirmIp", CONFIRM_IP,
                            "#confirmUserAgent", CONFIRM_USER_AGENT,
                            "#history", CONSENT_HISTORY))
                    .expressionAttributeValues(CONFIRMABLE.valuesWith(Map.of(
                            ":noHistory", SubscriberItems.emptyList(),
                            ":event", SubscriberItems.historyOf(ConsentEvent.confirmation(confirmation)),
                            ":confirmed", CONFIRMED,
                            ":tokenHash", AttributeValue.fromS(tokenHash),
                            ":unsubscribeHash", SubscriberItems.setOf(unsubscribeTokenHash),
                            ":now", SubscriberItems.time(confirmation.at()),
                            ":ip", AttributeValue.fromS(confirmation.ip()),
                            ":userAgent", AttributeValue.fromS(confirmation.userAgent())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("confirm a subscriber", e);
        }
    }

    @Override
    public boolean unsubscribe(String id, String unsubscribeTokenHash, Instant unsubscribedAt) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(id))
                    // The confirmation token goes, so a confirm racing this cannot resurrect the subscription;
                    // the record stays, without TTL, as the opt-out's record, and leaves the ByConfirmed
                    // index, so no later newsletter page lists it.
                    .updateExpression("SET #status = :unsubscribed, #unsubscribedAt = :now, #updatedAt = :now, "
                            + "#history = list_append(if_not_exists(#history, :noHistory), :event) "
                            + "REMOVE #tokenHash, #tokenExpiresAt, #expiresAt, #confirmedFeed")
                    // Subscriber.isUnsubscribableWith: pending or confirmed, and one of its emails carried
                    // the token: a subscription email (the set) or a newsletter edition (its slot).
                    .conditionExpression(UNSUBSCRIBABLE.condition() + " AND (contains(#unsubscribeHashes, :unsubscribeHash) OR "
                            + ANY_SLOT_HOLDS_HASH + ")")
                    .expressionAttributeNames(withSlots(Map.of(
                            "#status", STATUS,
                            "#unsubscribedAt", UNSUBSCRIBED_AT,
                            "#updatedAt", UPDATED_AT,
                            "#tokenHash", TOKEN_HASH,
                            "#tokenExpiresAt", TOKEN_EXPIRES_AT,
                            "#expiresAt", EXPIRES_AT,
                            "#confirmedFeed", CONFIRMED_FEED,
                            "#unsubscribeHashes", UNSUBSCRIBE_HASHES,
                            "#history", CONSENT_HISTORY)))
                    .expressionAttributeValues(UNSUBSCRIBABLE.valuesWith(Map.of(
                            ":noHistory", SubscriberItems.emptyList(),
                            ":event", SubscriberItems.historyOf(ConsentEvent.unsubscribe(unsubscribedAt)),
                            ":unsubscribed", UNSUBSCRIBED,
                            ":unsubscribeHash", AttributeValue.fromS(unsubscribeTokenHash),
                            ":now", SubscriberItems.time(unsubscribedAt)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("unsubscribe a subscriber", e);
        }
    }

    @Override
    public boolean recordAlreadySubscribedNote(String id, Instant sentAt, Instant notSince, String unsubscribeTokenHash) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(id))
                    .updateExpression("SET #noteAt = :now ADD #unsubscribeHashes :unsubscribeHash")
                    // Subscriber.isDueAlreadySubscribedNote: confirmed, and no note after notSince (whole seconds).
                    .conditionExpression(NOTED_ON_SIGN_UP.condition()
                            + " AND (attribute_not_exists(#noteAt) OR #noteAt <= :notSince)")
                    .expressionAttributeNames(Map.of(
                            "#status", STATUS,
                            "#noteAt", NOTE_SENT_AT,
                            "#unsubscribeHashes", UNSUBSCRIBE_HASHES))
                    .expressionAttributeValues(NOTED_ON_SIGN_UP.valuesWith(Map.of(
                            ":now", SubscriberItems.epochSeconds(sentAt),
                            ":notSince", SubscriberItems.epochSeconds(notSince),
                            ":unsubscribeHash", SubscriberItems.setOf(unsubscribeTokenHash)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("record an already-subscribed note", e);
        }
    }

    @Override
    public boolean suppress(String id, EmailAddress email, Instant suppressedAt, String reason) {
        try {
            dynamoDb.updateItem(request -> request
                    .tableName(tableName)
                    .key(SubscriberItems.key(id))
                    .updateExpression("SET #status = :suppressed, #email = if_not_exists(#email, :email), "
                            + "#createdAt = if_not_exists(#createdAt, :now), #suppressedAt = :now, "
                            + "#reason = :reason, #updatedAt = :now, "
                            + "#history = list_append(if_not_exists(#history, :noHistory), :event) "
                            + "REMOVE #tokenHash, #tokenExpiresAt, #expiresAt, #confirmedFeed")
                    // SubscriberStatus.suppressible: no record, or one not suppressed yet.
                    .conditionExpression("attribute_not_exists(pk) OR " + SUPPRESSIBLE.condition())
                    .expressionAttributeNames(Map.ofEntries(
                            Map.entry("#status", STATUS),
                            Map.entry("#email", EMAIL),
                            Map.entry("#createdAt", CREATED_AT),
                            Map.entry("#suppressedAt", SUPPRESSED_AT),
                            Map.entry("#reason", SUPPRESSION_REASON),
                            Map.entry("#updatedAt", UPDATED_AT),
                            Map.entry("#tokenHash", TOKEN_HASH),
                            Map.entry("#tokenExpiresAt", TOKEN_EXPIRES_AT),
                            Map.entry("#expiresAt", EXPIRES_AT),
                            Map.entry("#confirmedFeed", CONFIRMED_FEED),
                            Map.entry("#history", CONSENT_HISTORY)))
                    .expressionAttributeValues(SUPPRESSIBLE.valuesWith(Map.of(
                            ":noHistory", SubscriberItems.emptyList(),
                            ":event", SubscriberItems.historyOf(ConsentEvent.suppression(suppressedAt, reason)),
                            ":suppressed", SUPPRESSED,
                            ":email", AttributeValue.fromS(email.value()),
                            ":now", SubscriberItems.time(suppressedAt),
                            ":reason", AttributeValue.fromS(reason)))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        } catch (SdkException e) {
            throw DynamoDbErrors.translate("suppress an address", e);
        }
    }

    private static Map<String, String> slotNames() {
        Map<String, String> names = new LinkedHashMap<>();
        for (int slot = 0; slot < SubscriberItems.NEWSLETTER_SLOTS; slot++) {
            names.put(String.format(java.util.Locale.ROOT, "#nu%02d", slot), SubscriberItems.newsletterSlotAt(slot));
        }
        return java.util.Collections.unmodifiableMap(names);
    }

    /** The names that these expressions use: DynamoDB refuses a request that sends one it does not use. */
    private static Map<String, String> usedIn(Map<String, String> names, String... expressions) {
        Map<String, String> used = new HashMap<>();
        names.forEach((placeholder, name) -> {
            java.util.regex.Pattern token = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(placeholder) + "(?![A-Za-z0-9_])");
            for (String expression : expressions) {
                if (token.matcher(expression).find()) {
                    used.put(placeholder, name);
                    return;
                }
            }
        });
        return used;
    }

    private static Map<String, String> withSlots(Map<String, String> names) {
        Map<String, String> all = new HashMap<>(names);
        all.putAll(SLOT_NAMES);
        return Map.copyOf(all);
    }

    /**
     * {@code #status IN (...)} for the states a transition may start from, as a predicate of
     * {@link SubscriberStatus} says, with the values it names.
     */
    private record FromStatus(String condition, Map<String, AttributeValue> values) {

        static FromStatus where(Predicate<SubscriberStatus> allowed) {
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            for (SubscriberStatus status : SubscriberStatus.values()) {
                if (allowed.test(status)) {
                    values.put(":from" + status.name(), AttributeValue.fromS(status.name()));
                }
            }
            if (values.isEmpty()) {
                throw new IllegalArgumentException("a transition must start from some state");
            }
            return new FromStatus("#status IN (" + String.join(", ", values.keySet()) + ")", Map.copyOf(values));
        }

        /** The condition's values and the request's others, in one map. */
        Map<String, AttributeValue> valuesWith(Map<String, AttributeValue> others) {
            Map<String, AttributeValue> all = new HashMap<>(others);
            all.putAll(values);
            return all;
        }
    }
}
