package news.articles.testing;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import news.articles.newsletter.DeliveryLog;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.RecipientDirectory;
import news.articles.subscription.ConfirmationEmailCount;
import news.articles.subscription.Consent;
import news.articles.subscription.ConsentEvent;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.EmailLimits;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;
import news.articles.subscription.SubscriberStore;

/**
 * A {@link SubscriberStore} in a map, which is also the newsletter's {@link RecipientDirectory}
 * and {@link DeliveryLog} over the same subscribers, as the DynamoDB adapters share one table. It decides nothing itself: each method asks the domain's rule
 * (the ones the DynamoDB store applies too) and, when it allows the change, stores what the DynamoDB
 * store's write would leave. Every method holds the store's lock from read to write, which makes each
 * change atomic as a conditional write is. {@code InMemorySubscriberStoreTest} holds it to the store
 * contract that the DynamoDB store passes on moto, {@code InMemoryDeliveryLogTest} and
 * {@code InMemoryRecipientDirectoryTest} to the newsletter's contracts that its DynamoDB adapters pass.
 */
public final class InMemorySubscriberStore implements SubscriberStore, RecipientDirectory, DeliveryLog {

    /** Newsletter unsubscribe links rotate through this many slots, as on the DynamoDB item. */
    private static final int SLOTS = 13;

    private final Map<String, Subscriber> subscribers = new LinkedHashMap<>();
    private final Map<String, Instant> recordExpiries = new LinkedHashMap<>();
    private final Map<String, String> suppressionReasons = new LinkedHashMap<>();
    private final List<String> finds = new ArrayList<>();
    /** What the newsletter recorded on each subscriber (what the DynamoDB item's newsletter attributes hold). */
    private final Map<String, Newsletter> newsletter = new LinkedHashMap<>();
    private int writes;
    private Runnable beforeNextConfirm;
    private Runnable beforeNextUnsubscribe;
    private Runnable beforeNextClaim;
    private int claims;

    @Override
    public synchronized Optional<Subscriber> find(String id) {
        finds.add(id);
        return Optional.ofNullable(subscribers.get(id));
    }

    @Override
    public synchronized SavedPending savePending(PendingSubscription pending, EmailLimits limits) {
        writes++;
        Optional<Subscriber> existing = Optional.ofNullable(subscribers.get(pending.id()));
        SavedPending decided = pending.decide(existing, limits);
        decided.reservation().ifPresent(reservation -> {
            // Every email's unsubscribe link keeps working (the newsletter's among them), up to the bound.
            Set<String> links = new HashSet<>(existing.map(Subscriber::unsubscribeTokenHashes).orElse(Set.of()));
            if (links.size() >= Subscriber.MAX_UNSUBSCRIBE_LINKS) {
                links.clear();
                newsletterOf(pending.id()).slots = new String[SLOTS];
            }
            links.add(pending.unsubscribeTokenHash());
            ConsentEvent signUp = ConsentEvent.signUp(pending.signUp());
            subscribers.put(pending.id(), new Subscriber(pending.id(), pending.email(), SubscriberStatus.PENDING,
                    Optional.of(pending.tokenHash()), Optional.of(pending.tokenExpiresAt()), links,
                    existing.map(Subscriber::createdAt).orElse(pending.requestedAt()),
                    existing.flatMap(Subscriber::confirmedAt), existing.flatMap(Subscriber::unsubscribedAt),
                    existing.flatMap(Subscriber::alreadySubscribedNoteAt), Optional.of(pending.signUp()),
                    existing.flatMap(Subscriber::confirmation), Optional.of(reservation.reserved()),
                    existing.map(read -> read.historyWith(signUp)).orElse(List.of(signUp))));
            // A record ever confirmed, unsubscribed or suppressed is kept for good.
            if (existing.map(Subscriber::isKeptForGood).orElse(false)) {
                recordExpiries.remove(pending.id());
            } else {
                recordExpiries.put(pending.id(), wholeSeconds(pending.recordExpiresAt()));
            }
        });
        return decided;
    }

    @Override
    public synchronized boolean releaseConfirmationEmail(String id, EmailReservation reservation) {
        writes++;
        Subscriber existing = subscribers.get(id);
        if (existing == null || !reservation.isHeldBy(existing)) {
            return false;
        }
        subscribers.put(id, new Subscriber(id, existing.email(), existing.status(), existing.confirmTokenHash(),
                existing.confirmTokenExpiresAt(), existing.unsubscribeTokenHashes(), existing.createdAt(),
                existing.confirmedAt(), existing.unsubscribedAt(), existing.alreadySubscribedNoteAt(), existing.signUp(),
                existing.confirmation(), reservation.previous(), existing.consentHistory()));
        return true;
    }

    /** The confirmation emails recorded for the subscriber with this id, as the store counts them. */
    public synchronized Optional<ConfirmationEmailCount> confirmationEmails(String id) {
        return Optional.ofNullable(subscribers.get(id)).flatMap(Subscriber::confirmationEmails);
    }

    @Override
    public synchronized boolean confirm(String id, String tokenHash, Consent confirmation, String unsubscribeTokenHash) {
        writes++;
        if (beforeNextConfirm != null) {
            Runnable concurrent = beforeNextConfirm;
            beforeNextConfirm = null;
            concurrent.run();
        }
        Subscriber existing = subscribers.get(id);
        if (existing == null || !existing.isPendingWith(tokenHash)) {
            return false;
        }
        subscribers.put(id, new Subscriber(id, existing.email(), SubscriberStatus.CONFIRMED, existing.confirmTokenHash(),
                existing.confirmTokenExpiresAt(), plus(existing, unsubscribeTokenHash), existing.createdAt(),
                Optional.of(confirmation.at()), existing.unsubscribedAt(), existing.alreadySubscribedNoteAt(), existing.signUp(),
                Optional.of(confirmation), existing.confirmationEmails(),
                existing.historyWith(ConsentEvent.confirmation(confirmation))));
        recordExpiries.remove(id);
        return true;
    }

    @Override
    public synchronized boolean unsubscribe(String id, String unsubscribeTokenHash, Instant unsubscribedAt) {
        writes++;
        if (beforeNextUnsubscribe != null) {
            Runnable concurrent = beforeNextUnsubscribe;
            beforeNextUnsubscribe = null;
            concurrent.run();
        }
        Subscriber existing = subscribers.get(id);
        if (existing == null || !existing.isUnsubscribableWith(unsubscribeTokenHash)) {
            return false;
        }
        subscribers.put(id, new Subscriber(id, existing.email(), SubscriberStatus.UNSUBSCRIBED, Optional.empty(),
                Optional.empty(), existing.unsubscribeTokenHashes(), existing.createdAt(), existing.confirmedAt(),
                Optional.of(unsubscribedAt), existing.alreadySubscribedNoteAt(), existing.signUp(), existing.confirmation(),
                existing.confirmationEmails(), existing.historyWith(ConsentEvent.unsubscribe(unsubscribedAt))));
        recordExpiries.remove(id);
        return true;
    }

    @Override
    public synchronized boolean recordAlreadySubscribedNote(String id, Instant sentAt, Instant notSince, String unsubscribeTokenHash) {
        writes++;
        Subscriber existing = subscribers.get(id);
        if (existing == null || !existing.isDueAlreadySubscribedNote(notSince)) {
            return false;
        }
        subscribers.put(id, new Subscriber(id, existing.email(), existing.status(), existing.confirmTokenHash(),
                existing.confirmTokenExpiresAt(), plus(existing, unsubscribeTokenHash), existing.createdAt(),
                existing.confirmedAt(), existing.unsubscribedAt(), Optional.of(wholeSeconds(sentAt)), existing.signUp(),
                existing.confirmation(), existing.confirmationEmails(), existing.consentHistory()));
        return true;
    }

    @Override
    public synchronized boolean suppress(String id, EmailAddress email, Instant suppressedAt, String reason) {
        writes++;
        Subscriber existing = subscribers.get(id);
        if (existing != null && !existing.status().suppressible()) {
            return false;
        }
        subscribers.put(id, existing == null
                ? new Subscriber(id, email, SubscriberStatus.SUPPRESSED, Optional.empty(), Optional.empty(), Set.of(),
                        suppressedAt, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), List.of(ConsentEvent.suppression(suppressedAt, reason)))
                : new Subscriber(id, existing.email(), SubscriberStatus.SUPPRESSED, Optional.empty(), Optional.empty(),
                        existing.unsubscribeTokenHashes(), existing.createdAt(), existing.confirmedAt(),
                        existing.unsubscribedAt(), existing.alreadySubscribedNoteAt(), existing.signUp(),
                        existing.confirmation(), existing.confirmationEmails(),
                        existing.historyWith(ConsentEvent.suppression(suppressedAt, reason))));
        recordExpiries.remove(id);
        suppressionReasons.put(id, reason);
        return true;
    }

    @Override
    public synchronized RecipientPage confirmed(Optional<String> after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a page of recipients holds at least one");
        }
        TreeSet<String> confirmed = new TreeSet<>();
        subscribers.forEach((id, subscriber) -> {
            if (subscriber.status() == SubscriberStatus.CONFIRMED) {
                confirmed.add(id);
            }
        });
        List<String> page = new ArrayList<>();
        for (String id : after.isPresent() ? confirmed.tailSet(after.get(), false) : confirmed) {
            if (page.size() == limit) {
                break;
            }
            page.add(id);
        }
        // As DynamoDB: a full page says more may follow, even when nothing does.
        return new RecipientPage(page, page.size() == limit ? Optional.of(page.get(page.size() - 1)) : Optional.empty());
    }

    @Override
    public synchronized Claim claim(EditionId edition, String subscriberId, String unsubscribeTokenHash, Instant at) {
        claims++;
        if (beforeNextClaim != null) {
            Runnable concurrent = beforeNextClaim;
            beforeNextClaim = null;
            concurrent.run();
        }
        Subscriber existing = subscribers.get(subscriberId);
        if (existing == null || existing.status() != SubscriberStatus.CONFIRMED) {
            return Claim.refused(ClaimOutcome.NOT_CONFIRMED);
        }
        Newsletter record = newsletterOf(subscriberId);
        if (record.lastEdition.isPresent() && record.lastEdition.get().compareTo(edition) >= 0) {
            return Claim.refused(ClaimOutcome.ALREADY_CLAIMED);
        }
        Optional<EditionId> previous = record.lastEdition;
        int slot = (int) Math.floorMod(edition.weekNumber(), (long) SLOTS);
        Set<String> hashes = new HashSet<>(existing.unsubscribeTokenHashes());
        if (record.slots[slot] != null) {
            hashes.remove(record.slots[slot]);
        }
        hashes.add(unsubscribeTokenHash);
        record.slots[slot] = unsubscribeTokenHash;
        record.lastEdition = Optional.of(edition);
        subscribers.put(subscriberId, new Subscriber(subscriberId, existing.email(), existing.status(),
                existing.confirmTokenHash(), existing.confirmTokenExpiresAt(), hashes, existing.createdAt(),
                existing.confirmedAt(), existing.unsubscribedAt(), existing.alreadySubscribedNoteAt(), existing.signUp(),
                existing.confirmation(), existing.confirmationEmails(), existing.consentHistory()));
        return Claim.claimed(existing.email().value(), previous);
    }

    @Override
    public synchronized boolean release(EditionId edition, String subscriberId, Optional<EditionId> previous) {
        Newsletter record = newsletter.get(subscriberId);
        if (record == null || !record.lastEdition.equals(Optional.of(edition))) {
            return false;
        }
        record.lastEdition = previous;
        return true;
    }

    @Override
    public synchronized void recordFailure(EditionId edition, String subscriberId, String reason, Instant at) {
        if (subscribers.containsKey(subscriberId)) {
            newsletterOf(subscriberId).failure = Optional.of(edition + " " + reason);
        }
    }

    /** The latest edition claimed for this subscriber, as the delivery log holds it. */
    public synchronized Optional<EditionId> lastEdition(String subscriberId) {
        return Optional.ofNullable(newsletter.get(subscriberId)).flatMap(record -> record.lastEdition);
    }

    /** The failure recorded for this subscriber: {@code <edition> <reason>}. */
    public synchronized Optional<String> newsletterFailure(String subscriberId) {
        return Optional.ofNullable(newsletter.get(subscriberId)).flatMap(record -> record.failure);
    }

    /** How many times {@link #claim} was called. */
    public synchronized int claims() {
        return claims;
    }

    /**
     * Runs {@code concurrent} inside the next {@link #claim}, before its condition is checked: a
     * concurrent change (an unsubscribe, another sender's claim), or a throw, which fails the claim
     * as a store outage would (a {@code StoreException}).
     */
    public synchronized void beforeNextClaim(Runnable concurrent) {
        this.beforeNextClaim = concurrent;
    }

    private Newsletter newsletterOf(String id) {
        return newsletter.computeIfAbsent(id, ignored -> new Newsletter());
    }

    /** A subscriber's newsletter attributes. */
    private static final class Newsletter {
        Optional<EditionId> lastEdition = Optional.empty();
        String[] slots = new String[SLOTS];
        Optional<String> failure = Optional.empty();
    }

    /** Why the address with this id was suppressed, as stored. */
    public synchronized Optional<String> suppressionReason(String id) {
        return Optional.ofNullable(suppressionReasons.get(id));
    }

    /** Runs {@code concurrent} inside the next {@link #unsubscribe}, before its condition is checked. */
    public synchronized void beforeNextUnsubscribe(Runnable concurrent) {
        this.beforeNextUnsubscribe = concurrent;
    }

    /** Runs {@code concurrent} inside the next {@link #confirm}, before its condition is checked. */
    public synchronized void beforeNextConfirm(Runnable concurrent) {
        this.beforeNextConfirm = concurrent;
    }

    /** Every subscriber, by id, as stored now. */
    public synchronized Map<String, Subscriber> snapshot() {
        return Map.copyOf(subscribers);
    }

    /**
     * When the pending record with this id would be removed by TTL, in whole seconds as DynamoDB's
     * TTL attribute holds it; empty once it no longer expires.
     */
    public synchronized Optional<Instant> recordExpiry(String id) {
        return Optional.ofNullable(recordExpiries.get(id));
    }

    /** The ids read with {@link #find}, in order. */
    public synchronized List<String> finds() {
        return List.copyOf(finds);
    }

    /** How many times a writing method (savePending, confirm, unsubscribe, ...) was called. */
    public synchronized int writes() {
        return writes;
    }

    private static Set<String> plus(Subscriber existing, String hash) {
        Set<String> hashes = new HashSet<>(existing.unsubscribeTokenHashes());
        hashes.add(hash);
        return hashes;
    }

    /** DynamoDB keeps these as epoch seconds. */
    private static Instant wholeSeconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }
}
