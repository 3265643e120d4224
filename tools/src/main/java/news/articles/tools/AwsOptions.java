package news.articles.tools;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import news.articles.config.AwsSettings;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * The options every command that talks to AWS shares ({@code @Mixin}): the region and a local
 * endpoint, and the credentials they imply.
 */
public final class AwsOptions {

    @Option(names = "--region", paramLabel = "REGION",
            description = "the AWS region (default: AWS_REGION, else AWS_DEFAULT_REGION)")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", converter = Cli.Endpoint.class,
            description = "a local AWS such as moto, http://127.0.0.1:5000; without credentials in the environment,"
                    + " dummy ones are used")
    URI endpoint;

    /** Where and as whom to call AWS; a missing region is a wrong command line. */
    public AwsSettings settings(Map<String, String> environment, CommandLine commandLine) {
        String chosenRegion = Optional.ofNullable(region).filter(value -> !value.isBlank())
                .or(() -> Optional.ofNullable(environment.get("AWS_REGION")).filter(value -> !value.isBlank()))
                .or(() -> Optional.ofNullable(environment.get("AWS_DEFAULT_REGION")).filter(value -> !value.isBlank()))
                .orElseThrow(() -> new ParameterException(commandLine,
                        "no region: give --region, or set AWS_REGION or AWS_DEFAULT_REGION"));
        return new AwsSettings(Region.of(chosenRegion.trim()), Optional.ofNullable(endpoint), credentials(environment));
    }

    /**
     * The SDK's default chain, so that profiles and roles work as in the AWS CLI. A local endpoint
     * accepts anything, and the chain would otherwise end by asking the instance metadata service,
     * which is slow to fail and not ours to call.
     */
    private AwsCredentialsProvider credentials(Map<String, String> environment) {
        boolean environmentHasCredentials = present(environment, "AWS_ACCESS_KEY_ID")
                && present(environment, "AWS_SECRET_ACCESS_KEY");
        if (endpoint != null && !environmentHasCredentials && !present(environment, "AWS_PROFILE")) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private static boolean present(Map<String, String> environment, String name) {
        String value = environment.get(name);
        return value != null && !value.isBlank();
    }
}
