package news.articles.http;

import java.net.URI;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Refuses state-changing requests that a browser sends on behalf of a page of another site. A
 * form-encoded POST is a CORS "simple request": the browser sends it without a preflight, so CORS
 * alone would let any page sign its visitors up for addresses of its choosing. Browsers mark every
 * POST with {@code Origin} (and {@code Sec-Fetch-Site}); a request is accepted when its origin is
 * the site, an allowed origin or the API's own, or when it carries no origin at all: mail
 * providers' one-click unsubscribes, servers and curl send none, and cannot be made to by a page.
 */
public final class CrossSiteRequests {

    public static final String CODE = "CROSS_SITE_REQUEST";

    private final Set<String> trusted;

    /** {@code trustedOrigins}: {@code scheme://host[:port]}, as browsers send them in {@code Origin}. */
    public CrossSiteRequests(Collection<String> trustedOrigins) {
        this.trusted = trustedOrigins.stream().map(CrossSiteRequests::normalised).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Throws a {@code 403 CROSS_SITE_REQUEST} for a request from a page of a site we do not trust. */
    public void check(HttpRequest request) {
        Optional<String> origin = request.header("origin").map(String::trim);
        if (origin.isPresent() && origin.get().equals("null") && sameOrigin(request)) {
            // The API's own pages (confirm, unsubscribe) answer with Referrer-Policy: no-referrer, under which
            // browsers send their forms' POSTs with "Origin: null"; Sec-Fetch-Site, which no page can set,
            // still tells that the form was the API's own.
            return;
        }
        if (origin.isPresent()) {
            // "null" (sandboxed frames, file: pages, privacy redirects) is an opaque origin: nobody we know.
            Optional<String> normalised = normalised(origin.get());
            if (normalised.isPresent() && (trusted.contains(normalised.get()) || normalised.equals(ownOrigin(request)))) {
                return;
            }
            throw refused();
        }
        // A browser that left Origin out still says where the request comes from.
        if (request.header("sec-fetch-site").map(site -> site.trim().equalsIgnoreCase("cross-site")).orElse(false)) {
            throw refused();
        }
    }

    private static boolean sameOrigin(HttpRequest request) {
        return request.header("sec-fetch-site").map(site -> site.trim().equalsIgnoreCase("same-origin")).orElse(false);
    }

    /** The API's own origin, for its own pages' forms: the host the request was sent to. */
    private static Optional<String> ownOrigin(HttpRequest request) {
        Optional<String> host = request.header("host");
        if (host.isEmpty()) {
            return Optional.empty();
        }
        String scheme = request.header("x-forwarded-proto").map(String::trim).orElse("https");
        return normalised(scheme + "://" + host.get().trim());
    }

    /** Lower-cased scheme and host, the port only when it is not the scheme's default; empty when not an origin. */
    static Optional<String> normalised(String origin) {
        URI uri;
        try {
            uri = new URI(origin.trim());
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"https".equals(scheme) && !"http".equals(scheme) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty()) || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
    }

    private static ClientErrorException refused() {
        return new ClientErrorException(403, CODE,
                "This request came from a page of another site. Please use the form on our site.");
    }
}
