package news.articles.config;

import java.util.Objects;

/** Configuration of the weekly function (NewsletterFunction): composes the week's edition and starts its fan-out. */
public record NewsletterConfig(String articlesTable, String editionsTable, String queueUrl, int maxArticles,
        AwsSettings aws) {

    public static final int DEFAULT_MAX_ARTICLES = 12;
    /** The article store's largest page, which the composer reads. */
    public static final int MAX_MAX_ARTICLES = 50;

    public NewsletterConfig {
        Objects.requireNonNull(articlesTable, "articlesTable");
        Objects.requireNonNull(editionsTable, "editionsTable");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(aws, "aws");
    }

    public static NewsletterConfig from(Environment environment) {
        int maxArticles = environment.optional("NEWSLETTER_MAX_ARTICLES").isPresent()
                ? environment.requirePositiveInt("NEWSLETTER_MAX_ARTICLES")
                : DEFAULT_MAX_ARTICLES;
        if (maxArticles > MAX_MAX_ARTICLES) {
            throw new ConfigurationException("environment variable NEWSLETTER_MAX_ARTICLES must be 1 to " + MAX_MAX_ARTICLES);
        }
        return new NewsletterConfig(
                environment.require("ARTICLES_TABLE"),
                environment.require("EDITIONS_TABLE"),
                environment.require("NEWSLETTER_QUEUE_URL"),
                maxArticles,
                AwsSettings.from(environment));
    }
}
