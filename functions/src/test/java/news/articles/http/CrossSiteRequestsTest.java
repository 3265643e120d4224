package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CrossSiteRequestsTest {

    private final CrossSiteRequests policy = new CrossSiteRequests(
            List.of("https://news.example.com", "http://localhost:5173", "HTTPS://App.Example.com:443"));

    private static HttpRequest post(Map<String, String> headers) {
        return new HttpRequest("POST", "/subscriptions", "", headers, Map.of(), Map.of(), Optional.empty(), false,
                "198.51.100.7");
    }

    private static Map<String, String> from(String origin) {
        return Map.of("origin", origin, "host", "abc123.execute-api.eu-west-1.amazonaws.com", "x-forwarded-proto", "https");
    }

    @Test
    void theSiteTheAllowedOriginsAndTheApiItselfMaySend() {
        for (String origin : List.of("https://news.example.com", "HTTPS://NEWS.EXAMPLE.COM", "https://news.example.com:443",
                "http://localhost:5173", "https://app.example.com", "https://abc123.execute-api.eu-west-1.amazonaws.com")) {
            policy.check(post(from(origin)));
        }
    }

    @Test
    void requestsWithoutAnOriginPassForMailProvidersAndServers() {
        policy.check(post(Map.of()));
        policy.check(post(Map.of("sec-fetch-site", "same-origin")));
        policy.check(post(Map.of("sec-fetch-site", "none")));
    }

    @Test
    void anyOtherPageIsRefusedWithA403() {
        for (String origin : List.of("https://evil.example", "null", "https://news.example.com.evil.example",
                "http://news.example.com", "https://news.example.com:8443", "http://localhost:5174", "https://evil.example/path",
                "https://user@news.example.com", "javascript:alert(1)", "", "https://", "%%%")) {
            ClientErrorException refused = assertThrows(ClientErrorException.class, () -> policy.check(post(from(origin))),
                    origin);
            assertEquals(403, refused.status());
            assertEquals("CROSS_SITE_REQUEST", refused.code());
        }
    }

    @Test
    void aBrowserThatLeftOutTheOriginIsJudgedBySecFetchSite() {
        ClientErrorException refused = assertThrows(ClientErrorException.class,
                () -> policy.check(post(Map.of("sec-fetch-site", "cross-site"))));

        assertEquals(403, refused.status());
    }

    @Test
    void theApisOwnPagesPostWithAnOpaqueOriginThatSecFetchSiteVouchesFor() {
        // Referrer-Policy: no-referrer makes browsers send "Origin: null" with a form's POST.
        policy.check(post(Map.of("origin", "null", "sec-fetch-site", "same-origin")));

        for (String site : List.of("cross-site", "same-site", "none")) {
            assertThrows(ClientErrorException.class, () -> policy.check(post(Map.of("origin", "null", "sec-fetch-site", site))),
                    site);
        }
    }

    @Test
    void theApisOwnOriginFollowsTheSchemeTheRequestCameBy() {
        Map<String, String> local = Map.of("origin", "http://127.0.0.1:3000", "host", "127.0.0.1:3000", "x-forwarded-proto", "http");

        policy.check(post(local));
        assertThrows(ClientErrorException.class, () -> policy.check(post(Map.of("origin", "http://127.0.0.1:3000",
                "host", "127.0.0.1:3000"))));
    }
}
