package news.articles.subscription;

/** Where a subscriber is in double opt-in. */
public enum SubscriberStatus {
    /** Signed up, confirmation email sent, not yet confirmed; the record expires. */
    PENDING,
    /** Confirmed through the link in the email; receives the newsletter. */
    CONFIRMED
}
