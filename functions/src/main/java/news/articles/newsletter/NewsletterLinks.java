package news.articles.newsletter;

/** Where the newsletter's links lead: its public pages on the API and the site itself. */
public interface NewsletterLinks {

    /** The public web version of an edition ("view in browser"). */
    String edition(EditionId id);

    /** The archive of past editions. */
    String archive();

    /** An article's canonical link, tagged with the edition that carried it (utm_campaign). */
    String article(String slug, EditionId id);

    /** The RFC 2919 List-Id of the newsletter, for example {@code weekly.news.example.com}. */
    String listId();
}
