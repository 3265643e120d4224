package news.articles.config;

import java.net.URI;
import java.util.Objects;

/** The public base URL of the site, for canonical article URLs and links in emails. */
public record SiteUrl(String base) {

    private static final java.util.Set<String> LOOPBACK_HOSTS = java.util.Set.of("localhost", "127.0.0.1", "[::1]");

    public SiteUrl {
        Objects.requireNonNull(base, "base");
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("SITE_URL is not a URL");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new ConfigurationException("SITE_URL must be an absolute http(s) URL");
        }
        // Tokens travel in its links and RFC 8058 one-click unsubscribes need https: plain http only
        // for a development stack on this machine, which nobody else can reach.
        if ("http".equals(uri.getScheme()) && !LOOPBACK_HOSTS.contains(uri.getHost().toLowerCase(java.util.Locale.ROOT))) {
            throw new ConfigurationException("SITE_URL must be https (http only for localhost, 127.0.0.1 or [::1])");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException("SITE_URL must be a base URL, without query, fragment or user info");
        }
    }

    /** {@code path} starts with a slash. */
    public String resolve(String path) {
        return base + path;
    }
}
