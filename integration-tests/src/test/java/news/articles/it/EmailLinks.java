package news.articles.it;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.handler.SiteLinks;
import news.articles.tools.moto.SentEmail;

/** The links in an email as moto captured it (its HTML body), followed as a reader would. */
final class EmailLinks {

    private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

    private EmailLinks() {
    }

    static URI confirmationLink(SentEmail email) {
        return link(email, SiteLinks.CONFIRM_PATH);
    }

    static URI unsubscribeLink(SentEmail email) {
        return link(email, SiteLinks.UNSUBSCRIBE_PATH);
    }

    /** The first link in the email to {@code path}. */
    static URI link(SentEmail email, String path) {
        Matcher href = HREF.matcher(email.body());
        while (href.find()) {
            URI uri = URI.create(unescape(href.group(1)));
            if (uri.getPath().equals(path)) {
                return uri;
            }
        }
        throw new AssertionError("no link to " + path + " in the email body");
    }

    /** The link's {@code token} parameter, decoded. */
    static String token(URI link) {
        String query = link.getRawQuery();
        return URLDecoder.decode(query.substring(query.indexOf("token=") + 6), StandardCharsets.UTF_8);
    }

    static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
