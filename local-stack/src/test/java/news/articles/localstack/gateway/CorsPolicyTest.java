package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CorsPolicyTest {

    private static CorsPolicy allowing(String... origins) {
        return new CorsPolicy(List.of(origins), List.of("GET", "POST"), List.of("content-type", "if-none-match"),
                List.of("etag", "retry-after"), Optional.of(600), false);
    }

    @Test
    void anExactOriginMatchesWithoutRegardToCaseAndIsEchoed() {
        CorsPolicy cors = allowing("https://www.example.com");
        assertEquals(Optional.of("HTTPS://WWW.Example.com"), cors.allowedOrigin("HTTPS://WWW.Example.com"));
        assertEquals(Optional.empty(), cors.allowedOrigin("https://www.example.com:8443"));
        assertEquals(Optional.empty(), cors.allowedOrigin("https://evil.example"));
        assertEquals(Optional.empty(), cors.allowedOrigin(null));
    }

    @Test
    void theStarAllowsEveryOriginAndAnswersStar() {
        assertEquals(Optional.of("*"), allowing("*").allowedOrigin("https://anywhere.example"));
        // An exact entry next to the star echoes the origin.
        assertEquals(Optional.of("https://a.example"),
                allowing("*", "https://a.example").allowedOrigin("https://a.example"));
    }

    @Test
    void aSchemeWildcardAllowsEveryOriginOfThatScheme() {
        CorsPolicy cors = allowing("https://*");
        assertEquals(Optional.of("https://shop.example"), cors.allowedOrigin("https://shop.example"));
        assertEquals(Optional.empty(), cors.allowedOrigin("http://shop.example"));
        assertEquals(Optional.empty(), cors.allowedOrigin("https://"));
    }

    @Test
    void preflightAndResponseHeaders() {
        CorsPolicy cors = allowing("https://www.example.com");
        assertEquals(Map.of(
                "Access-Control-Allow-Origin", "https://www.example.com",
                "Access-Control-Allow-Methods", "GET,POST",
                "Access-Control-Allow-Headers", "content-type,if-none-match",
                "Access-Control-Max-Age", "600"), cors.preflightHeaders("https://www.example.com", null, null));
        assertEquals(Map.of(
                "Access-Control-Allow-Origin", "https://www.example.com",
                "Access-Control-Expose-Headers", "etag,retry-after"), cors.responseHeaders("https://www.example.com"));
        assertEquals(Map.of(), cors.preflightHeaders("https://evil.example", null, null));
        assertEquals(Map.of(), cors.responseHeaders("https://evil.example"));
    }

    @Test
    void aPreflightForAMethodOrHeaderNotListedGetsNoCorsHeaders() {
        CorsPolicy cors = allowing("https://www.example.com");
        assertEquals("https://www.example.com", cors.preflightHeaders("https://www.example.com", "POST",
                "Content-Type, If-None-Match").get("Access-Control-Allow-Origin"), "listed, whatever the case");
        assertEquals(Map.of(), cors.preflightHeaders("https://www.example.com", "DELETE", null));
        assertEquals(Map.of(), cors.preflightHeaders("https://www.example.com", "POST", "content-type, x-api-key"));
        assertEquals(Map.of(), cors.preflightHeaders("https://www.example.com", "PUT", "authorization"));
    }

    @Test
    void aWildcardOrAnEmptyListRefusesNoMethodOrHeader() {
        CorsPolicy any = new CorsPolicy(List.of("https://app.example"), List.of("*"), List.of("*"), List.of(),
                Optional.empty(), false);
        assertEquals("https://app.example", any.preflightHeaders("https://app.example", "DELETE", "x-anything")
                .get("Access-Control-Allow-Origin"));
        CorsPolicy unlisted = new CorsPolicy(List.of("https://app.example"), List.of(), List.of(), List.of(),
                Optional.empty(), false);
        assertEquals(Map.of("Access-Control-Allow-Origin", "https://app.example"),
                unlisted.preflightHeaders("https://app.example", "GET", "content-type"));
    }

    @Test
    void credentialsAreAnnouncedWhenAllowed() {
        CorsPolicy cors = new CorsPolicy(List.of("https://app.example"), List.of("*"), List.of("*"), List.of(),
                Optional.empty(), true);
        Map<String, String> preflight = cors.preflightHeaders("https://app.example", null, null);
        assertEquals("true", preflight.get("Access-Control-Allow-Credentials"));
        assertFalse(preflight.containsKey("Access-Control-Max-Age"));
        assertEquals("true", cors.responseHeaders("https://app.example").get("Access-Control-Allow-Credentials"));
    }

    @Test
    void refusesCredentialsWithEveryOriginAsApiGatewayDoes() {
        assertThrows(IllegalArgumentException.class,
                () -> new CorsPolicy(List.of("*"), List.of(), List.of(), List.of(), Optional.empty(), true));
    }

    @Test
    void noneAllowsNothing() {
        assertFalse(CorsPolicy.none().configured());
        assertEquals(Optional.empty(), CorsPolicy.none().allowedOrigin("https://www.example.com"));
    }
}
