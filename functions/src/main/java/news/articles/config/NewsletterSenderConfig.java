package news.articles.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of the newsletter's sender (NewsletterSenderFunction): the tables it claims and
 * reads in, the queue it continues the fan-out on, how it mails, and its share of SES's rate:
 * {@code MAX_SEND_RATE_PER_SECOND} (the account's) divided among the
 * {@code NEWSLETTER_SENDER_CONCURRENCY} senders the event source runs at most.
 */
public record NewsletterSenderConfig(
        String subscribersTable,
        String editionsTable,
        String queueUrl,
        String senderAddress,
        String siteName,
        SiteUrl siteUrl,
        Optional<String> sesConfigurationSet,
        int maxSendRatePerSecond,
        int senderConcurrency,
        AwsSettings aws) {

    public static final int DEFAULT_MAX_SEND_RATE_PER_SECOND = 14;
    public static final int DEFAULT_SENDER_CONCURRENCY = 2;

    public NewsletterSenderConfig {
        Objects.requireNonNull(subscribersTable, "subscribersTable");
        Objects.requireNonNull(editionsTable, "editionsTable");
        Objects.requireNonNull(queueUrl, "queueUrl");
        Objects.requireNonNull(senderAddress, "senderAddress");
        Objects.requireNonNull(siteName, "siteName");
        Objects.requireNonNull(siteUrl, "siteUrl");
        Objects.requireNonNull(sesConfigurationSet, "sesConfigurationSet");
        Objects.requireNonNull(aws, "aws");
        if (maxSendRatePerSecond < 1 || senderConcurrency < 1) {
            throw new IllegalArgumentException("the send rate and the concurrency are positive");
        }
    }

    /** Sends a second for one sender instance. */
    public double sendsPerSecondPerSender() {
        return (double) maxSendRatePerSecond / senderConcurrency;
    }

    public static NewsletterSenderConfig from(Environment environment) {
        return new NewsletterSenderConfig(
                environment.require("SUBSCRIBERS_TABLE"),
                environment.require("EDITIONS_TABLE"),
                environment.require("NEWSLETTER_QUEUE_URL"),
                environment.require("SENDER_ADDRESS"),
                environment.require("SITE_NAME"),
                new SiteUrl(environment.require("SITE_URL")),
                // Blank (sam local, tests) sends without one; in AWS the template always sets it.
                environment.optional("SES_CONFIGURATION_SET"),
                environment.optional("MAX_SEND_RATE_PER_SECOND").isPresent()
                        ? environment.requirePositiveInt("MAX_SEND_RATE_PER_SECOND")
                        : DEFAULT_MAX_SEND_RATE_PER_SECOND,
                environment.optional("NEWSLETTER_SENDER_CONCURRENCY").isPresent()
                        ? environment.requirePositiveInt("NEWSLETTER_SENDER_CONCURRENCY")
                        : DEFAULT_SENDER_CONCURRENCY,
                AwsSettings.from(environment));
    }
}
