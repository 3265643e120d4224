package news.articles.config;

import java.util.Objects;

/** Configuration of the function that suppresses the addresses SES reports as bounced or complaining. */
public record SuppressionConfig(String subscribersTable, String sesEventsTopicArn, AwsSettings aws) {

    public SuppressionConfig {
        Objects.requireNonNull(subscribersTable, "subscribersTable");
        Objects.requireNonNull(sesEventsTopicArn, "sesEventsTopicArn");
        Objects.requireNonNull(aws, "aws");
    }

    public static SuppressionConfig from(Environment environment) {
        return new SuppressionConfig(environment.require("SUBSCRIBERS_TABLE"), environment.require("SES_EVENTS_TOPIC_ARN"),
                AwsSettings.from(environment));
    }
}
