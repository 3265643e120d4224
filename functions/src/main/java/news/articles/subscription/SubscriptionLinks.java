package news.articles.subscription;

/** Where the links in our emails lead: the pages that confirm a subscription and that unsubscribe. */
public interface SubscriptionLinks {

    /** The confirmation link: its GET shows a page and changes nothing; the page's button confirms. */
    String confirm(ConfirmationToken token);

    /** The unsubscribe link: its GET shows a page, a POST to it unsubscribes (RFC 8058 one-click). */
    String unsubscribe(UnsubscribeToken token);
}
