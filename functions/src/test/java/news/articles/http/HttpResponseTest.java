package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    /** The first and last of each range are in it, the neighbours outside it are not. */
    @Test
    void statusCodesAreHttpsAndClientErrorsAre4xx() {
        assertEquals(100, HttpResponse.json(100, "{}").status());
        assertEquals(599, HttpResponse.json(599, "{}").status());
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.json(99, "{}"));
        assertThrows(IllegalArgumentException.class, () -> HttpResponse.json(600, "{}"));

        assertEquals(400, new ClientErrorException(400, "BAD", "Bad.").status());
        assertEquals(499, new ClientErrorException(499, "CLOSED", "Closed.").status());
        assertThrows(IllegalArgumentException.class, () -> new ClientErrorException(399, "NOT_AN_ERROR", "No."));
        assertThrows(IllegalArgumentException.class, () -> new ClientErrorException(500, "SERVER", "No."));
    }
}
