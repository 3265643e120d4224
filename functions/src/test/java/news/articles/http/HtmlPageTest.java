package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.html.Html;
import org.junit.jupiter.api.Test;

class HtmlPageTest {

    @Test
    void escapesEverythingThatCouldLeaveATextOrAttribute() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"));
    }

    @Test
    void anErrorPageShowsTheEscapedMessageStatusAndCode() {
        String page = HtmlPage.error(404, "ARTICLE_NOT_FOUND", "No <such> article.");

        assertTrue(page.startsWith("<!doctype html>"), page);
        assertTrue(page.contains("No &lt;such&gt; article."), page);
        assertTrue(page.contains("<code>404 ARTICLE_NOT_FOUND</code>"), page);
        assertTrue(page.contains("<meta name=\"robots\" content=\"noindex\">"), page);
    }

    @Test
    void aMastheadNamesTheSiteAboveAndLinksBackBelowEscaped() {
        String page = HtmlPage.page(new Masthead("Tom & Jerry's", "https://news.example.com/?a=1&b=2"), "Title", "<p>x</p>");

        assertTrue(page.contains("<header><a href=\"https://news.example.com/?a=1&amp;b=2\">Tom &amp; Jerry&#39;s</a></header>"),
                page);
        assertTrue(page.contains("<main><p>x</p></main>"), page);
        assertTrue(page.contains("Back to Tom &amp; Jerry&#39;s</a>"), page);
        assertTrue(page.contains("<title>Title \u00b7 Tom &amp; Jerry&#39;s</title>"), page);
        assertFalse(HtmlPage.page("Title", "<p>x</p>").contains("<header>"));
    }

    @Test
    void aPageEscapesItsTitle() {
        assertTrue(HtmlPage.page("<b>", "<p>x</p>").contains("<title>&lt;b&gt;</title>"));
    }

    @Test
    void thePolicyAllowsThePagesStyleByItsHashAndNothingInline() throws Exception {
        HttpResponse response = HttpResponse.html(200, HtmlPage.page("Title", "<p>x</p>"));
        Matcher style = Pattern.compile("<style>(.*?)</style>").matcher(response.body());
        assertTrue(style.find(), response.body());
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(style.group(1).getBytes(StandardCharsets.UTF_8)));

        String policy = response.header("content-security-policy");
        assertEquals("default-src 'none'; style-src 'sha256-" + hash + "'; form-action 'self'; frame-ancestors 'none';"
                + " base-uri 'none'", policy);
        assertFalse(policy.contains("unsafe"), policy);
        assertEquals("no-referrer", response.header("referrer-policy"));
        assertEquals("nosniff", response.header("x-content-type-options"));
    }
}
