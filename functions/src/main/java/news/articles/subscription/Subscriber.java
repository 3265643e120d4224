package news.articles.subscription;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A newsletter subscriber as stored. {@code unsubscribeTokenHashes} holds the hash of the
 * unsubscribe token of every email sent to it, so the link in any of them keeps working: the
 * subscription's emails, and the newsletter editions of the last 13 weeks (a store keeps those in
 * 13 rotating slots, each edition's replacing the one of 13 weeks before);
 * {@code signUp} and {@code confirmation} are the consent record of the latest sign-up and of the
 * confirmation; {@code confirmationEmails} counts the confirmation emails, for the per-address
 * limits (empty for an address never sent one, or whose only one was given back).
 *
 * <p>The methods below are the preconditions of the lifecycle's transitions, decided on the record
 * as read: the service asks them before it writes, and every {@link SubscriberStore} applies the
 * same ones when it writes (the DynamoDB one states them in its write conditions).
 */
public record Subscriber(
        String id,
        EmailAddress email,
        SubscriberStatus status,
        Optional<String> confirmTokenHash,
        Optional<Instant> confirmTokenExpiresAt,
        Set<String> unsubscribeTokenHashes,
        Instant createdAt,
        Optional<Instant> confirmedAt,
        Optional<Instant> unsubscribedAt,
        Optional<Instant> alreadySubscribedNoteAt,
        Optional<Consent> signUp,
        Optional<Consent> confirmation,
        Optional<ConfirmationEmailCount> confirmationEmails,
        List<ConsentEvent> consentHistory) {

    /**
     * The consent history holds this many steps at most; past it a sign-up drops the oldest. Only
     * sign-ups can come often (a few a day while pending), and a record that was ever confirmed or
     * unsubscribed gets at most one confirmation email a month after that, so the steps that matter
     * stay.
     */
    public static final int MAX_CONSENT_HISTORY = 50;

    /**
     * Unsubscribe links kept working at most: every email's, up to this many (a few confirmation
     * emails a day while pending); past it a sign-up's email replaces them, bounding the item.
     */
    public static final int MAX_UNSUBSCRIBE_LINKS = 64;

    /** A record as stored before consent history was kept, or that a test builds without one. */
    public Subscriber(String id, EmailAddress email, SubscriberStatus status, Optional<String> confirmTokenHash,
            Optional<Instant> confirmTokenExpiresAt, Set<String> unsubscribeTokenHashes, Instant createdAt,
            Optional<Instant> confirmedAt, Optional<Instant> unsubscribedAt, Optional<Instant> alreadySubscribedNoteAt,
            Optional<Consent> signUp, Optional<Consent> confirmation, Optional<ConfirmationEmailCount> confirmationEmails) {
        this(id, email, status, confirmTokenHash, confirmTokenExpiresAt, unsubscribeTokenHashes, createdAt, confirmedAt,
                unsubscribedAt, alreadySubscribedNoteAt, signUp, confirmation, confirmationEmails, List.of());
    }

    public Subscriber {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(confirmTokenHash, "confirmTokenHash");
        Objects.requireNonNull(confirmTokenExpiresAt, "confirmTokenExpiresAt");
        unsubscribeTokenHashes = Set.copyOf(Objects.requireNonNull(unsubscribeTokenHashes, "unsubscribeTokenHashes"));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(unsubscribedAt, "unsubscribedAt");
        Objects.requireNonNull(alreadySubscribedNoteAt, "alreadySubscribedNoteAt");
        Objects.requireNonNull(signUp, "signUp");
        Objects.requireNonNull(confirmation, "confirmation");
        Objects.requireNonNull(confirmationEmails, "confirmationEmails");
        consentHistory = List.copyOf(Objects.requireNonNull(consentHistory, "consentHistory"));
    }

    /**
     * Whether the record is kept for good: it was ever confirmed, unsubscribed or suppressed, so
     * its consent and opt-out history must survive (a sign-up never gives it an expiry). Only a
     * record that has only ever been pending may expire.
     */
    public boolean isKeptForGood() {
        return confirmedAt.isPresent() || unsubscribedAt.isPresent() || status == SubscriberStatus.SUPPRESSED
                || consentHistory.stream().anyMatch(event -> event.kind() != ConsentEvent.Kind.SIGN_UP);
    }

    /** The consent history with one more step, the oldest dropped past {@link #MAX_CONSENT_HISTORY}. */
    public List<ConsentEvent> historyWith(ConsentEvent event) {
        List<ConsentEvent> history = new java.util.ArrayList<>(consentHistory);
        history.add(event);
        while (history.size() > MAX_CONSENT_HISTORY) {
            history.remove(0);
        }
        return List.copyOf(history);
    }

    /**
     * Whether confirming with this token hash confirms it: it is pending and the hash is its
     * current confirmation token's (a newer sign-up's token supersedes it, an unsubscribe removes it).
     */
    public boolean isPendingWith(String tokenHash) {
        return status.confirmable() && isCurrentToken(tokenHash);
    }

    /**
     * Whether it was confirmed with this token: the same link used again, a success that changes
     * nothing. The token stays on a confirmed record for that reason.
     */
    public boolean isConfirmedWith(String tokenHash) {
        return status == SubscriberStatus.CONFIRMED && isCurrentToken(tokenHash);
    }

    /** Whether its confirmation link has expired at {@code now} (a record without one has nothing left to confirm). */
    public boolean confirmationExpired(Instant now) {
        return confirmTokenExpiresAt.map(expiry -> !now.isBefore(expiry)).orElse(true);
    }

    /** Whether one of the emails it was sent carried the unsubscribe token with this hash (compared in constant time). */
    public boolean wasSentUnsubscribeToken(String unsubscribeTokenHash) {
        return Hashes.containsInConstantTime(unsubscribeTokenHashes, unsubscribeTokenHash);
    }

    /** Whether unsubscribing with this token hash takes it to {@code UNSUBSCRIBED}: pending or confirmed, and the token is one of its. */
    public boolean isUnsubscribableWith(String unsubscribeTokenHash) {
        return status.unsubscribable() && wasSentUnsubscribeToken(unsubscribeTokenHash);
    }

    /**
     * Whether it may be sent an "already subscribed" note now: confirmed, and sent none after
     * {@code notSince} (compared in whole seconds, as note times are stored).
     */
    public boolean isDueAlreadySubscribedNote(Instant notSince) {
        return status.notedOnSignUp()
                && alreadySubscribedNoteAt.map(last -> last.getEpochSecond() <= notSince.getEpochSecond()).orElse(true);
    }

    private boolean isCurrentToken(String tokenHash) {
        return confirmTokenHash.map(current -> Hashes.equalInConstantTime(current, tokenHash)).orElse(false);
    }
}
