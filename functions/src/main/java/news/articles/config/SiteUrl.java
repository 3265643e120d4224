package news.articles.config;

import java.net.URI;
import java.util.Objects;

/** The public base URL of the site, for canonical article URLs and links in emails. */
public record SiteUrl(String base) {

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
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new ConfigurationException("SITE_URL must be a base URL, without query, fragment or user info");
        }
    }

    /** {@code path} starts with a slash. */
    public String resolve(String path) {
        return base + path;
    }
}
