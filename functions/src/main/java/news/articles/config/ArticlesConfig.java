package news.articles.config;

import java.util.Objects;

/** Configuration of the functions that read articles. */
public record ArticlesConfig(String articlesTable, SiteUrl siteUrl, AwsSettings aws) {

    public ArticlesConfig {
        Objects.requireNonNull(articlesTable, "articlesTable");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(aws, "aws");
    }

    public static ArticlesConfig from(Environment environment) {
        return new ArticlesConfig(
                environment.require("ARTICLES_TABLE"),
                new SiteUrl(environment.require("SITE_URL")),
                AwsSettings.from(environment));
    }
}
