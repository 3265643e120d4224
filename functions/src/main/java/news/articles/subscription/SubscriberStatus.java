package news.articles.subscription;

/** Where a subscriber is in its lifecycle; docs/subscription-lifecycle.md shows the transitions. */
public enum SubscriberStatus {
    /** Signed up, confirmation email sent, not yet confirmed; the record expires. */
    PENDING,
    /** Confirmed through the link in the email; receives the newsletter. */
    CONFIRMED,
    /** Left through an unsubscribe link; kept so the opt-out is on record. Signing up again starts double opt-in anew. */
    UNSUBSCRIBED,
    /** Hard-bounced or complained (reported by SES): never mailed again, and signing up cannot change that. */
    SUPPRESSED
}
