package news.articles.config;

import java.time.Duration;
import java.util.Objects;

/** Configuration of the functions that handle newsletter subscriptions. */
public record SubscriptionConfig(
        String subscribersTable, String senderAddress, SiteUrl siteUrl, Duration confirmTokenTtl, AwsSettings aws) {

    public static final Duration DEFAULT_CONFIRM_TOKEN_TTL = Duration.ofHours(48);

    public SubscriptionConfig {
        Objects.requireNonNull(subscribersTable, "subscribersTable");
        Objects.requireNonNull(senderAddress, "senderAddress");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(confirmTokenTtl, "confirmTokenTtl");
        Objects.requireNonNull(aws, "aws");
    }

    public static SubscriptionConfig from(Environment environment) {
        Duration ttl = environment.optional("CONFIRM_TOKEN_TTL_HOURS").isPresent()
                ? Duration.ofHours(environment.requirePositiveInt("CONFIRM_TOKEN_TTL_HOURS"))
                : DEFAULT_CONFIRM_TOKEN_TTL;
        return new SubscriptionConfig(
                environment.require("SUBSCRIBERS_TABLE"),
                environment.require("SENDER_ADDRESS"),
                new SiteUrl(environment.require("SITE_URL")),
                ttl,
                AwsSettings.from(environment));
    }
}
