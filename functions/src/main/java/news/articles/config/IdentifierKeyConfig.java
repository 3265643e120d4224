package news.articles.config;

import java.util.Objects;

/**
 * Where the stack's identifier key is: {@code IDENTIFIER_KEY_SECRET}, the ARN (or name) of the
 * Secrets Manager secret the template creates, read once at init by the functions that derive ids
 * from addresses and IPs or sign cursors. The key itself never sits in the environment.
 */
public record IdentifierKeyConfig(String secretId, AwsSettings aws) {

    public static final String VARIABLE = "IDENTIFIER_KEY_SECRET";

    public IdentifierKeyConfig {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(aws, "aws");
    }

    public static IdentifierKeyConfig from(Environment environment) {
        return new IdentifierKeyConfig(environment.require(VARIABLE), AwsSettings.from(environment));
    }
}
