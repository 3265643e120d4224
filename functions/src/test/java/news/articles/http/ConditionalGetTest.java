package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionalGetTest {

    private static final String BODY = "{\"slug\":\"heat-pumps\"}";
    private static final String ETAG = ConditionalGet.ok(get(Map.of()), BODY).header("etag");

    @Test
    void answers200WithAStrongETagAndCacheControl() {
        HttpResponse response = ConditionalGet.ok(get(Map.of()), BODY);

        assertEquals(200, response.status());
        assertEquals(BODY, response.body());
        assertEquals(HttpResponse.JSON, response.header("content-type"));
        assertEquals("nosniff", response.header("x-content-type-options"));
        assertEquals(ConditionalGet.CACHE_CONTROL, response.header("cache-control"));
        assertEquals("Origin", response.header("vary"), "the CORS header differs by origin");
        assertTrue(ETAG.matches("\"[A-Za-z0-9_-]{27}\""), ETAG);
    }

    @Test
    void theETagFollowsTheBody() {
        assertEquals(ETAG, ConditionalGet.ok(get(Map.of()), BODY).header("etag"));
        assertNotEquals(ETAG, ConditionalGet.ok(get(Map.of()), BODY.replace("heat", "heap")).header("etag"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SAME", "W/SAME", " SAME ", "\"other\", SAME", "W/\"other\",W/SAME", "*", " * "})
    void aMatchingIfNoneMatchEarnsA304WithTheETagAndNoBody(String ifNoneMatch) {
        HttpResponse response = ConditionalGet.ok(get(Map.of("if-none-match", ifNoneMatch.replace("SAME", ETAG))), BODY);

        assertEquals(304, response.status());
        assertEquals("", response.body());
        assertEquals(ETAG, response.header("etag"));
        assertEquals(ConditionalGet.CACHE_CONTROL, response.header("cache-control"));
        assertEquals("Origin", response.header("vary"));
        assertNull(response.header("content-type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"other\"", "W/\"other\"", "", "\"\"", "SAME-but-longer", "\"other\", \"another\""})
    void anyOtherIfNoneMatchGetsTheFull200(String ifNoneMatch) {
        String header = ifNoneMatch.replace("SAME", ETAG.substring(0, ETAG.length() - 1));
        HttpResponse response = ConditionalGet.ok(get(Map.of("if-none-match", header)), BODY);

        assertEquals(200, response.status());
        assertEquals(BODY, response.body());
        assertEquals(ETAG, response.header("etag"));
    }

    private static HttpRequest get(Map<String, String> headers) {
        return new HttpRequest("GET", "/articles/heat-pumps", "", headers, Map.of(), Map.of("slug", "heat-pumps"),
                Optional.empty(), false, "");
    }
}
