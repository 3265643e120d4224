package news.articles.config;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** Configuration of the functions that handle newsletter subscriptions. */
public record SubscriptionConfig(
        String subscribersTable,
        String senderAddress,
        String siteName,
        SiteUrl siteUrl,
        Duration confirmTokenTtl,
        Optional<String> sesConfigurationSet,
        int signUpsPerIpPerHour,
        Duration confirmationEmailCooldown,
        int confirmationEmailsPerDay,
        int confirmationEmailsPerHour,
        Duration confirmationIntervalAfterUnsubscribe,
        AwsSettings aws) {

    public static final Duration DEFAULT_CONFIRM_TOKEN_TTL = Duration.ofHours(48);
    public static final int DEFAULT_SIGN_UPS_PER_IP_PER_HOUR = 20;
    public static final Duration DEFAULT_CONFIRMATION_EMAIL_COOLDOWN = Duration.ofMinutes(10);
    public static final int DEFAULT_CONFIRMATION_EMAILS_PER_DAY = 5;
    public static final int DEFAULT_CONFIRMATION_EMAILS_PER_HOUR = 500;
    public static final Duration DEFAULT_CONFIRMATION_INTERVAL_AFTER_UNSUBSCRIBE = Duration.ofDays(30);

    public SubscriptionConfig {
        Objects.requireNonNull(subscribersTable, "subscribersTable");
        Objects.requireNonNull(senderAddress, "senderAddress");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(confirmTokenTtl, "confirmTokenTtl");
        Objects.requireNonNull(sesConfigurationSet, "sesConfigurationSet");
        Objects.requireNonNull(confirmationEmailCooldown, "confirmationEmailCooldown");
        Objects.requireNonNull(confirmationIntervalAfterUnsubscribe, "confirmationIntervalAfterUnsubscribe");
        Objects.requireNonNull(aws, "aws");
    }

    /** How long the subscription routes' answers take at least (see http.AnswerFloor): 400 ms unless set. */
    public static final Duration DEFAULT_ANSWER_FLOOR = Duration.ofMillis(400);

    /** {@code SUBSCRIPTION_ANSWER_FLOOR_MS}: 0 to 5000 milliseconds. */
    public static Duration answerFloor(Environment environment) {
        Optional<String> value = environment.optional("SUBSCRIPTION_ANSWER_FLOOR_MS");
        if (value.isEmpty()) {
            return DEFAULT_ANSWER_FLOOR;
        }
        try {
            int millis = Integer.parseInt(value.get());
            if (millis >= 0 && millis <= 5000) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new ConfigurationException("environment variable SUBSCRIPTION_ANSWER_FLOOR_MS must be 0 to 5000 (milliseconds)");
    }

    public static SubscriptionConfig from(Environment environment) {
        Duration ttl = environment.optional("CONFIRM_TOKEN_TTL_HOURS").isPresent()
                ? Duration.ofHours(environment.requirePositiveInt("CONFIRM_TOKEN_TTL_HOURS"))
                : DEFAULT_CONFIRM_TOKEN_TTL;
        return new SubscriptionConfig(
                environment.require("SUBSCRIBERS_TABLE"),
                environment.require("SENDER_ADDRESS"),
                environment.require("SITE_NAME"),
                new SiteUrl(environment.require("SITE_URL")),
                ttl,
                // Blank (sam local, tests) sends without one; in AWS the template always sets it.
                environment.optional("SES_CONFIGURATION_SET"),
                environment.optional("SIGN_UPS_PER_IP_PER_HOUR").isPresent()
                        ? environment.requirePositiveInt("SIGN_UPS_PER_IP_PER_HOUR")
                        : DEFAULT_SIGN_UPS_PER_IP_PER_HOUR,
                environment.optional("CONFIRMATION_EMAIL_COOLDOWN_MINUTES").isPresent()
                        ? Duration.ofMinutes(environment.requirePositiveInt("CONFIRMATION_EMAIL_COOLDOWN_MINUTES"))
                        : DEFAULT_CONFIRMATION_EMAIL_COOLDOWN,
                environment.optional("CONFIRMATION_EMAILS_PER_DAY").isPresent()
                        ? environment.requirePositiveInt("CONFIRMATION_EMAILS_PER_DAY")
                        : DEFAULT_CONFIRMATION_EMAILS_PER_DAY,
                environment.optional("CONFIRMATION_EMAILS_PER_HOUR").isPresent()
                        ? environment.requirePositiveInt("CONFIRMATION_EMAILS_PER_HOUR")
                        : DEFAULT_CONFIRMATION_EMAILS_PER_HOUR,
                environment.optional("DAYS_BETWEEN_CONFIRMATIONS_AFTER_UNSUBSCRIBE").isPresent()
                        ? Duration.ofDays(environment.requirePositiveInt("DAYS_BETWEEN_CONFIRMATIONS_AFTER_UNSUBSCRIBE"))
                        : DEFAULT_CONFIRMATION_INTERVAL_AFTER_UNSUBSCRIBE,
                AwsSettings.from(environment));
    }
}
