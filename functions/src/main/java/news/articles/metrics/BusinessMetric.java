package news.articles.metrics;

/**
 * The business metrics the functions emit, each a count. The names are CloudWatch metric names in
 * the stack's namespace (docs/operations.md lists when each one counts); the kind of a limit or of
 * an unsubscribe is in the name, not in a dimension, so that each is one metric an alarm can watch.
 */
public enum BusinessMetric {
    /** A sign-up the service took in (whatever the address's state: the answer is the same). */
    SIGN_UPS_ACCEPTED("SignUpsAccepted"),
    /** Refused with 429: too many sign-ups from the client's network this hour. */
    SIGN_UPS_LIMITED_PER_NETWORK("SignUpsLimitedPerNetwork"),
    /** Accepted, no email: the address's cooldown or daily cap of confirmation emails. */
    SIGN_UPS_LIMITED_PER_ADDRESS("SignUpsLimitedPerAddress"),
    /** Accepted, no email: another spelling of the same inbox was mailed within the limits. */
    SIGN_UPS_LIMITED_PER_INBOX("SignUpsLimitedPerInbox"),
    /** Accepted, no email: the address is suppressed (bounced or complained). */
    SIGN_UPS_SUPPRESSED("SignUpsSuppressed"),
    /** Answered as any other, ignored: the form's honeypot field was filled in. */
    SIGN_UPS_IGNORED_HONEYPOT("SignUpsIgnoredHoneypot"),
    /** A subscription form posted from a page of another site: 403, nothing done. */
    CROSS_SITE_REQUESTS_REFUSED("CrossSiteRequestsRefused"),
    /** Accepted, no email: the global hourly cap of confirmation emails (ConfirmationEmailsPerHour) was reached. */
    CONFIRMATION_CAP_REACHED("ConfirmationCapReached"),
    /** A confirmation email handed to SES. */
    CONFIRMATION_EMAILS_SENT("ConfirmationEmailsSent"),
    /** A pending subscriber confirmed. */
    CONFIRMATIONS("Confirmations"),
    /** A confirmation link used after it expired (410). */
    CONFIRMATION_LINKS_EXPIRED("ConfirmationLinksExpired"),
    /** Unsubscribed with the button of the unsubscribe page (the token in the form). */
    UNSUBSCRIBES_PAGE("UnsubscribesPage"),
    /** Unsubscribed by a mail client's one-click POST (RFC 8058, the token in the URL). */
    UNSUBSCRIBES_ONE_CLICK("UnsubscribesOneClick"),
    /** An address newly suppressed after SES reported a hard bounce. */
    SUPPRESSIONS_BOUNCE("SuppressionsBounce"),
    /** An address newly suppressed after SES reported a complaint. */
    SUPPRESSIONS_COMPLAINT("SuppressionsComplaint"),
    /** A newsletter email handed to SES. */
    NEWSLETTER_EMAILS_SENT("NewsletterEmailsSent"),
    /** A newsletter email SES refused for good (rejected) or that may not have gone (unknown). */
    NEWSLETTER_EMAILS_FAILED("NewsletterEmailsFailed"),
    /** A recipient skipped: already mailed this edition, or no longer confirmed. */
    NEWSLETTER_EMAILS_SKIPPED("NewsletterEmailsSkipped"),
    /** A send SES throttled, left for a later delivery of its batch. */
    NEWSLETTER_EMAILS_THROTTLED("NewsletterEmailsThrottled"),
    /** Recipients put on the queue by the fan-out. */
    NEWSLETTER_RECIPIENTS_ENQUEUED("NewsletterRecipientsEnqueued"),
    /** A queue message that failed and goes back to the queue (and, after five receives, to its DLQ). */
    NEWSLETTER_MESSAGES_FAILED("NewsletterMessagesFailed");

    private final String metricName;

    BusinessMetric(String metricName) {
        this.metricName = metricName;
    }

    /** The CloudWatch metric name. */
    public String metricName() {
        return metricName;
    }
}
