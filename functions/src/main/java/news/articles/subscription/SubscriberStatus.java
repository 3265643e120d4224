package news.articles.subscription;

/**
 * Where a subscriber is in its lifecycle; docs/subscription-lifecycle.md shows the transitions.
 * The predicates below are that table's "from" column, stated once: the service and every
 * {@link SubscriberStore} (the DynamoDB one in its write conditions) take them from here.
 */
public enum SubscriberStatus {
    /** Signed up, confirmation email sent, not yet confirmed; the record expires. */
    PENDING,
    /** Confirmed through the link in the email; receives the newsletter. */
    CONFIRMED,
    /** Left through an unsubscribe link; kept so the opt-out is on record. Signing up again starts double opt-in anew. */
    UNSUBSCRIBED,
    /** Hard-bounced or complained (reported by SES): never mailed again, and signing up cannot change that. */
    SUPPRESSED;

    /** Whether a confirmation link can confirm a subscriber in this state: only while it is pending. */
    public boolean confirmable() {
        return this == PENDING;
    }

    /** Whether an unsubscribe link can take a subscriber in this state to {@link #UNSUBSCRIBED}: pending or confirmed. */
    public boolean unsubscribable() {
        return this == PENDING || this == CONFIRMED;
    }

    /** Whether signing up again gets an "already subscribed" note (at most one a day): only when confirmed. */
    public boolean notedOnSignUp() {
        return this == CONFIRMED;
    }

    /** Whether SES's report of a bounce or complaint changes a subscriber in this state: unless it already did. */
    public boolean suppressible() {
        return this != SUPPRESSED;
    }
}
