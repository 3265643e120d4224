package news.articles.http;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What a function answers; API Gateway turns it into the HTTP response. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public static final String JSON = "application/json; charset=utf-8";
    public static final String HTML = "text/html; charset=utf-8";

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(headers, "headers")));
        Objects.requireNonNull(body, "body");
    }

    public static HttpResponse json(int status, String body) {
        return new HttpResponse(status, baseHeaders(JSON), body);
    }

    public static HttpResponse html(int status, String body) {
        Map<String, String> headers = baseHeaders(HTML);
        headers.put("content-security-policy", HtmlPage.CONTENT_SECURITY_POLICY);
        headers.put("referrer-policy", "no-referrer");
        return new HttpResponse(status, headers, body);
    }

    public static HttpResponse notModified(Map<String, String> headers) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.remove("content-type");
        return new HttpResponse(304, copy, "");
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }

    public String header(String name) {
        return headers.get(name);
    }

    /**
     * Every answer starts uncacheable: most carry an address, a token or a subscription's state,
     * and a cache must never keep those. The public article answers say so themselves
     * ({@link ConditionalGet}).
     */
    private static Map<String, String> baseHeaders(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", contentType);
        headers.put("x-content-type-options", "nosniff");
        headers.put("cache-control", "no-store");
        return headers;
    }
}
