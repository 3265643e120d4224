package news.articles.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Public, cacheable answers (JSON, or a page or JSON as the client asks) with a strong ETag derived
 * from the body, and the 304 that a matching If-None-Match earns (RFC 9110, section 13.1.2).
 */
public final class ConditionalGet {

    /** Browsers keep a copy for a minute; a CDN for five, serving it stale while it refreshes. */
    public static final String CACHE_CONTROL = "public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=3600";

    private ConditionalGet() {
    }

    public static HttpResponse ok(HttpRequest request, String jsonBody) {
        // API Gateway echoes the caller's origin in Access-Control-Allow-Origin: a shared cache
        // must not replay one origin's answer to another.
        return cacheable(request, HttpResponse.json(200, jsonBody), "Origin");
    }

    /**
     * A 200 whose representation (a page or JSON) the Accept header chose: a shared cache keeps one
     * per kind of Accept as well as per origin.
     */
    public static HttpResponse negotiated(HttpRequest request, HttpResponse fresh) {
        if (fresh.status() != 200) {
            throw new IllegalArgumentException("only a 200 is cacheable here");
        }
        return cacheable(request, fresh, "Origin, Accept");
    }

    private static HttpResponse cacheable(HttpRequest request, HttpResponse fresh, String vary) {
        String etag = etag(fresh.body());
        HttpResponse response = fresh
                .withHeader("cache-control", CACHE_CONTROL)
                .withHeader("etag", etag)
                .withHeader("vary", vary);
        if (request.header("if-none-match").map(header -> matches(header, etag)).orElse(false)) {
            return HttpResponse.notModified(response.headers());
        }
        return response;
    }

    static String etag(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** If-None-Match uses the weak comparison: W/"x" matches "x". */
    static boolean matches(String ifNoneMatch, String etag) {
        String trimmed = ifNoneMatch.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        for (String candidate : trimmed.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
