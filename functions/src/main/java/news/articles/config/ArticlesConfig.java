package news.articles.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Configuration of the functions that read articles. */
public record ArticlesConfig(String articlesTable, SiteUrl siteUrl, AwsSettings aws, Optional<Duration> recommendationHalfLife) {

    /**
     * Optional: days after which a recommendation's recency counts half; absent or blank leaves
     * the recommendations' own default.
     */
    public static final String RECOMMENDATION_HALF_LIFE_DAYS = "RECOMMENDATION_HALF_LIFE_DAYS";
    /** A hundred years: enough to switch recency off, short of overflowing anything. */
    public static final int MAX_HALF_LIFE_DAYS = 36_500;

    public ArticlesConfig {
        Objects.requireNonNull(articlesTable, "articlesTable");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(aws, "aws");
        Objects.requireNonNull(recommendationHalfLife, "recommendationHalfLife");
    }

    public static ArticlesConfig from(Environment environment) {
        return new ArticlesConfig(
                environment.require("ARTICLES_TABLE"),
                new SiteUrl(environment.require("SITE_URL")),
                AwsSettings.from(environment),
                environment.optional(RECOMMENDATION_HALF_LIFE_DAYS)
                        .map(ArticlesConfig::halfLifeDays));
    }

    private static Duration halfLifeDays(String value) {
        if (value.length() <= 5 && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            int days = Integer.parseInt(value);
            if (days >= 1 && days <= MAX_HALF_LIFE_DAYS) {
                return Duration.ofDays(days);
            }
        }
        throw new ConfigurationException("environment variable " + RECOMMENDATION_HALF_LIFE_DAYS
                + " must be a whole number of days from 1 to " + MAX_HALF_LIFE_DAYS);
    }
}
