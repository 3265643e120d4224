package news.articles.config;

import java.util.Objects;

/** Configuration of the function that serves the newsletter's web version and archive. */
public record NewsletterPageConfig(String editionsTable, SiteUrl siteUrl, String siteName, AwsSettings aws) {

    public NewsletterPageConfig {
        Objects.requireNonNull(editionsTable, "editionsTable");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(aws, "aws");
    }

    public static NewsletterPageConfig from(Environment environment) {
        return new NewsletterPageConfig(
                environment.require("EDITIONS_TABLE"),
                new SiteUrl(environment.require("SITE_URL")),
                environment.require("SITE_NAME"),
                AwsSettings.from(environment));
    }
}
