package news.articles.tools.moto;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SDK clients pointed at a moto server, built by the functions' own {@link AwsClients} so that
 * tests exercise the production client configuration; moto accepts any credentials.
 */
public final class MotoClients {

    public static final Region REGION = Region.US_EAST_1;
    public static final String ACCESS_KEY_ID = "testing";
    public static final String SECRET_ACCESS_KEY = "testing";

    private MotoClients() {
    }

    public static AwsSettings settings(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        return new AwsSettings(REGION, Optional.of(endpoint),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)));
    }

    /**
     * The variables Lambda sets for a function (region, credentials), with our endpoint variable
     * pointing its SDK clients at moto: what a local run adds to the function's own variables.
     */
    public static Map<String, String> functionEnvironment(URI endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(AwsSettings.LOCAL_ENDPOINT_VARIABLE, endpoint.toString());
        variables.put("AWS_REGION", REGION.id());
        variables.put("AWS_DEFAULT_REGION", REGION.id());
        variables.put("AWS_ACCESS_KEY_ID", ACCESS_KEY_ID);
        variables.put("AWS_SECRET_ACCESS_KEY", SECRET_ACCESS_KEY);
        return variables;
    }

    public static DynamoDbClient dynamoDb(URI endpoint) {
        return AwsClients.dynamoDb(settings(endpoint));
    }

    public static SesV2Client sesV2(URI endpoint) {
        return AwsClients.sesV2(settings(endpoint));
    }

    /**
     * An SQS client for the local stack's own use (creating the template's queues, polling them as
     * Lambda's event source mappings do): not the functions' configuration, since a long poll
     * holds a request open for up to {@code longestPoll}, past the functions' socket timeout.
     */
    public static SqsClient sqs(URI endpoint, Duration longestPoll) {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(longestPoll, "longestPoll");
        AwsSettings settings = settings(endpoint);
        Duration socketTimeout = longestPoll.plusSeconds(5);
        return SqsClient.builder()
                .region(settings.region())
                .credentialsProvider(settings.credentials())
                .endpointOverride(endpoint)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(1))
                        .socketTimeout(socketTimeout)
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .apiCallAttemptTimeout(socketTimeout)
                        .apiCallTimeout(socketTimeout.multipliedBy(3))
                        .build())
                .build();
    }
}
