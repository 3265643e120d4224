package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PagesTest {

    @Test
    void escapesEverythingThatCouldLeaveATextOrAttribute() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
                Pages.escape("<a href=\"x\" title='y'>Tom & Jerry</a>"));
    }

    @Test
    void anErrorPageShowsTheEscapedMessageStatusAndCode() {
        String page = Pages.error(404, "ARTICLE_NOT_FOUND", "No <such> article.");

        assertTrue(page.startsWith("<!doctype html>"), page);
        assertTrue(page.contains("No &lt;such&gt; article."), page);
        assertTrue(page.contains("<code>404 ARTICLE_NOT_FOUND</code>"), page);
        assertTrue(page.contains("<meta name=\"robots\" content=\"noindex\">"), page);
    }

    @Test
    void aPageEscapesItsTitle() {
        assertTrue(Pages.page("<b>", "<p>x</p>").contains("<title>&lt;b&gt;</title>"));
    }
}
