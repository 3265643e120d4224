package news.articles.localstack.gateway;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP API's CORS configuration, applied as API Gateway applies it: it answers preflight requests
 * itself, adds the configured headers to integration responses for an allowed origin, and ignores
 * the CORS headers the integration returns.
 *
 * <p>{@code allowOrigins} holds exact origins (compared without regard to case), {@code *} for any
 * origin, or {@code https://*} / {@code http://*} for any origin with that scheme. API Gateway
 * refuses {@code allowCredentials} together with the origin {@code *}, and so does this constructor.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-cors.html">CORS for HTTP APIs</a>
 */
public final class CorsPolicy {

    private static final CorsPolicy NONE = new CorsPolicy();

    private final boolean configured;
    private final List<String> allowOrigins;
    private final List<String> allowMethods;
    private final List<String> allowHeaders;
    private final List<String> exposeHeaders;
    private final Optional<Integer> maxAgeSeconds;
    private final boolean allowCredentials;

    public CorsPolicy(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
            List<String> exposeHeaders, Optional<Integer> maxAgeSeconds, boolean allowCredentials) {
        this.configured = true;
        this.allowOrigins = List.copyOf(Objects.requireNonNull(allowOrigins, "allowOrigins"));
        this.allowMethods = List.copyOf(Objects.requireNonNull(allowMethods, "allowMethods"));
        this.allowHeaders = List.copyOf(Objects.requireNonNull(allowHeaders, "allowHeaders"));
        this.exposeHeaders = List.copyOf(Objects.requireNonNull(exposeHeaders, "exposeHeaders"));
        this.maxAgeSeconds = Objects.requireNonNull(maxAgeSeconds, "maxAgeSeconds");
        this.allowCredentials = allowCredentials;
        if (allowCredentials && this.allowOrigins.contains("*")) {
            // API Gateway's own answer to such a configuration (BadRequestException).
            throw new IllegalArgumentException("allow-credentials is not supported if 'allow-origin' is *");
        }
    }

    private CorsPolicy() {
        this.configured = false;
        this.allowOrigins = List.of();
        this.allowMethods = List.of();
        this.allowHeaders = List.of();
        this.exposeHeaders = List.of();
        this.maxAgeSeconds = Optional.empty();
        this.allowCredentials = false;
    }

    /** No CORS configuration: no preflight answers, no headers added, the integration's headers kept. */
    public static CorsPolicy none() {
        return NONE;
    }

    /** Whether the API has a CORS configuration at all (even one allowing no origin). */
    public boolean configured() {
        return configured;
    }

    public List<String> allowOrigins() {
        return allowOrigins;
    }

    public List<String> allowMethods() {
        return allowMethods;
    }

    public List<String> allowHeaders() {
        return allowHeaders;
    }

    public List<String> exposeHeaders() {
        return exposeHeaders;
    }

    public Optional<Integer> maxAgeSeconds() {
        return maxAgeSeconds;
    }

    public boolean allowCredentials() {
        return allowCredentials;
    }

    /** The value of Access-Control-Allow-Origin for a request from {@code origin}; empty if it is not allowed. */
    public Optional<String> allowedOrigin(String origin) {
        if (!configured || origin == null || origin.isEmpty()) {
            return Optional.empty();
        }
        String candidate = origin.toLowerCase(Locale.ROOT);
        boolean exact = false;
        boolean any = false;
        for (String allowed : allowOrigins) {
            String pattern = allowed.toLowerCase(Locale.ROOT);
            if (pattern.equals("*")) {
                any = true;
            } else if (pattern.endsWith("://*")) {
                exact |= candidate.startsWith(pattern.substring(0, pattern.length() - 1))
                        && candidate.length() > pattern.length() - 1;
            } else {
                exact |= candidate.equals(pattern);
            }
        }
        if (exact) {
            return Optional.of(origin);
        }
        return any ? Optional.of("*") : Optional.empty();
    }

    /**
     * The headers of the answer to a preflight for {@code requestMethod} with {@code requestHeaders}
     * (Access-Control-Request-Method and -Headers, either may be null); an empty map when the origin,
     * the method or any of the headers is not allowed. AWS documents only that API Gateway answers
     * preflights itself; an HTTP API is reported to answer a preflight asking for a method or a
     * header its configuration does not list without any CORS header, as for an origin it does not
     * allow, and so does this: either way the browser does not send the request.
     */
    Map<String, String> preflightHeaders(String origin, String requestMethod, String requestHeaders) {
        if (!methodAllowed(requestMethod) || !headersAllowed(requestHeaders)) {
            return new LinkedHashMap<>();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        allowedOrigin(origin).ifPresent(allowOrigin -> {
            headers.put("Access-Control-Allow-Origin", allowOrigin);
            if (!allowMethods.isEmpty()) {
                headers.put("Access-Control-Allow-Methods", String.join(",", allowMethods));
            }
            if (!allowHeaders.isEmpty()) {
                headers.put("Access-Control-Allow-Headers", String.join(",", allowHeaders));
            }
            maxAgeSeconds.ifPresent(age -> headers.put("Access-Control-Max-Age", Integer.toString(age)));
            if (allowCredentials) {
                headers.put("Access-Control-Allow-Credentials", "true");
            }
        });
        return headers;
    }

    /**
     * Null (not asked) or listed, or {@code *} configured. A configuration that lists no methods
     * refuses none here: the browser then allows only its simple methods itself.
     */
    boolean methodAllowed(String requestMethod) {
        if (requestMethod == null || allowMethods.isEmpty()) {
            return true;
        }
        String method = requestMethod.trim();
        return allowMethods.stream().anyMatch(allowed -> allowed.equals("*") || allowed.equalsIgnoreCase(method));
    }

    /**
     * Each of the comma-separated names listed (names compare without regard to case), or {@code *}
     * configured; as for methods, a configuration that lists no headers refuses none here.
     */
    boolean headersAllowed(String requestHeaders) {
        if (requestHeaders == null || requestHeaders.isBlank() || allowHeaders.isEmpty() || allowHeaders.contains("*")) {
            return true;
        }
        for (String name : requestHeaders.split(",")) {
            String header = name.trim();
            if (!header.isEmpty() && allowHeaders.stream().noneMatch(allowed -> allowed.equalsIgnoreCase(header))) {
                return false;
            }
        }
        return true;
    }

    /** The headers added to an integration's response for a request from an allowed origin. */
    Map<String, String> responseHeaders(String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        allowedOrigin(origin).ifPresent(allowOrigin -> {
            headers.put("Access-Control-Allow-Origin", allowOrigin);
            if (!exposeHeaders.isEmpty()) {
                headers.put("Access-Control-Expose-Headers", String.join(",", exposeHeaders));
            }
            if (allowCredentials) {
                headers.put("Access-Control-Allow-Credentials", "true");
            }
        });
        return headers;
    }

    @Override
    public String toString() {
        return configured
                ? "CorsPolicy[origins=" + allowOrigins + ", methods=" + allowMethods + ", headers=" + allowHeaders
                        + ", expose=" + exposeHeaders + ", maxAge=" + maxAgeSeconds.map(String::valueOf).orElse("-")
                        + ", credentials=" + allowCredentials + "]"
                : "CorsPolicy[none]";
    }
}
