package news.articles.aws;

import java.time.Duration;
import news.articles.config.AwsSettings;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds the SDK clients, once per function instance, with everything explicit: region,
 * credentials, the light URL-connection HTTP client, retries and timeouts. Nothing is left for the
 * SDK to discover at start-up, which is where a Java function's cold start goes.
 */
public final class AwsClients {

    /**
     * Every call, retries included, ends well inside the functions' 10 s timeout, so a slow
     * dependency turns into a clear 503 rather than a Lambda timeout.
     */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(6);
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(2);

    private AwsClients() {
    }

    public static DynamoDbClient dynamoDb(AwsSettings settings) {
        return configure(DynamoDbClient.builder(), settings, API_CALL_ATTEMPT_TIMEOUT, SOCKET_TIMEOUT).build();
    }

    /**
     * A send that times out may have been delivered, and sending is not idempotent: one slow
     * attempt may take the whole call's time rather than be repeated into duplicate emails.
     * Refusals (throttling, SES's own errors) come back fast and are still retried.
     */
    public static SesV2Client sesV2(AwsSettings settings) {
        return configure(SesV2Client.builder(), settings, API_CALL_TIMEOUT, API_CALL_TIMEOUT).build();
    }

    /** The delivery queue's client: SendMessageBatch calls, retried by the SDK like DynamoDB's. */
    public static SqsClient sqs(AwsSettings settings) {
        return configure(SqsClient.builder(), settings, API_CALL_ATTEMPT_TIMEOUT, SOCKET_TIMEOUT).build();
    }

    /** Secrets Manager, for the one read of a secret at init ({@link Secrets}). */
    public static SecretsManagerClient secretsManager(AwsSettings settings) {
        return configure(SecretsManagerClient.builder(), settings, API_CALL_ATTEMPT_TIMEOUT, SOCKET_TIMEOUT).build();
    }

    private static <B extends AwsSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B configure(
            B builder, AwsSettings settings, Duration attemptTimeout, Duration socketTimeout) {
        builder.region(settings.region())
                .credentialsProvider(settings.credentials())
                .httpClient(httpClient(socketTimeout))
                .overrideConfiguration(overrides(attemptTimeout));
        settings.endpoint().ifPresent(builder::endpointOverride);
        return builder;
    }

    private static SdkHttpClient httpClient(Duration socketTimeout) {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .socketTimeout(socketTimeout)
                .build();
    }

    private static ClientOverrideConfiguration overrides(Duration attemptTimeout) {
        return ClientOverrideConfiguration.builder()
                .retryStrategy(RetryMode.STANDARD)
                .apiCallTimeout(API_CALL_TIMEOUT)
                .apiCallAttemptTimeout(attemptTimeout)
                .addExecutionInterceptor(new DryRun())
                .build();
    }
}
