package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class HttpResponseTest {

    @Test
    void everyAnswerStartsUncacheableAndUnsniffable() {
        for (HttpResponse response : new HttpResponse[] {HttpResponse.json(200, "{}"), HttpResponse.html(200, "<p>")}) {
            assertEquals("no-store", response.header("cache-control"));
            assertEquals("nosniff", response.header("x-content-type-options"));
        }
    }

    @Test
    void onlyPagesCarryAPolicyAndNoReferrer() {
        HttpResponse json = HttpResponse.json(200, "{}");

        assertNull(json.header("content-security-policy"));
        assertNull(json.header("referrer-policy"));
        assertEquals(HtmlPage.CONTENT_SECURITY_POLICY, HttpResponse.html(200, "<p>").header("content-security-policy"));
    }
}
