package news.articles.config;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The origins whose pages may send us forms: the site's own ({@code SITE_URL}) and the CORS
 * {@code AllowedOrigins} of the template ({@code ALLOWED_ORIGINS}, comma separated).
 */
public record BrowserOrigins(List<String> origins) {

    public BrowserOrigins {
        origins = List.copyOf(Objects.requireNonNull(origins, "origins"));
    }

    public static BrowserOrigins from(Environment environment) {
        List<String> origins = new ArrayList<>();
        URI site = URI.create(new SiteUrl(environment.require("SITE_URL")).base());
        origins.add(site.getScheme() + "://" + site.getRawAuthority());
        environment.optional("ALLOWED_ORIGINS").ifPresent(list -> {
            for (String origin : list.split(",")) {
                if (!origin.isBlank()) {
                    origins.add(origin.trim());
                }
            }
        });
        return new BrowserOrigins(origins);
    }
}
