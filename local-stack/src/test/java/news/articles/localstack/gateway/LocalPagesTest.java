package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalPagesTest {

    @Test
    void findsTheLinksOfAnHtmlBodyOnceEach() {
        String body = "<p>Confirm: <a href=\"http://127.0.0.1:3000/subscriptions/confirm?token=a.b&amp;x=1\">yes</a>"
                + " or <a href='https://example.com/unsubscribe'>no</a>"
                + " <a href=\"javascript:alert(1)\">evil</a> <a href=\"mailto:x@example.com\">mail</a></p>"
                + "<p>Or paste http://127.0.0.1:3000/subscriptions/confirm?token=a.b&amp;x=1 in a browser.</p>";
        assertEquals(List.of("http://127.0.0.1:3000/subscriptions/confirm?token=a.b&x=1",
                "https://example.com/unsubscribe"), LocalPages.links(body));
    }

    @Test
    void findsTheLinksOfATextBody() {
        assertEquals(List.of("https://news.example/confirm?token=abc"),
                LocalPages.links("Open https://news.example/confirm?token=abc to confirm.\nThanks"));
    }

    @Test
    void escapesForTextAndAttributes() {
        assertEquals("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;",
                LocalPages.escape("<script>alert(\"x\")</script> & '"));
    }
}
