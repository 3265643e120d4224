package news.articles.http;

import java.util.Objects;

/**
 * What tops and closes every page the API serves itself: the site's name, linking back to the
 * site, so that a reader who lands on one (from an email, or a form posted without JavaScript) is
 * never at a dead end.
 */
public record Masthead(String siteName, String siteUrl) {

    /** No masthead: for tests and tools that build a handler without a site. */
    public static final Masthead NONE = new Masthead("", "");

    public Masthead {
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(siteUrl, "siteUrl");
    }

    boolean isEmpty() {
        return siteName.isEmpty();
    }
}
