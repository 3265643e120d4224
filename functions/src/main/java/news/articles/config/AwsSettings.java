package news.articles.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** Where and as whom the SDK clients talk to AWS. */
public record AwsSettings(Region region, Optional<URI> endpoint, AwsCredentialsProvider credentials) {

    /** Our own variable, applied only when not blank: an empty AWS_ENDPOINT_URL breaks the SDK. */
    public static final String LOCAL_ENDPOINT_VARIABLE = "LOCAL_AWS_ENDPOINT";
    /**
     * Set by Lambda instead of the key variables for a SnapStart function: credentials baked into
     * a snapshot would outlive their session, so the function fetches them from this local
     * endpoint, with the token in AWS_CONTAINER_AUTHORIZATION_TOKEN.
     */
    public static final String CONTAINER_CREDENTIALS_VARIABLE = "AWS_CONTAINER_CREDENTIALS_FULL_URI";

    public AwsSettings {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(credentials, "credentials");
    }

    /**
     * Lambda sets AWS_REGION and either the credential variables or, for SnapStart, the container
     * credentials endpoint; choosing between the two here skips the SDK's provider chain, and
     * reading them from {@code environment} lets tests run the real wiring.
     */
    public static AwsSettings from(Environment environment) {
        Optional<URI> endpoint = environment.optional(LOCAL_ENDPOINT_VARIABLE).map(value -> {
            try {
                return URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new ConfigurationException(LOCAL_ENDPOINT_VARIABLE + " is not a URL");
            }
        });
        return new AwsSettings(
                Region.of(environment.require("AWS_REGION")),
                endpoint,
                credentials(environment));
    }

    /**
     * The container endpoint when Lambda offers one, otherwise the key variables, which must then
     * be there. The provider reads the endpoint's token from the process environment itself, and
     * only when a request first needs credentials, so after a snapshot's restore it fetches
     * credentials of its own rather than reusing the snapshot's.
     */
    private static AwsCredentialsProvider credentials(Environment environment) {
        Optional<String> containerEndpoint = environment.optional(CONTAINER_CREDENTIALS_VARIABLE);
        if (containerEndpoint.isPresent()) {
            return ContainerCredentialsProvider.builder().endpoint(containerEndpoint.get()).build();
        }
        String accessKey = environment.require("AWS_ACCESS_KEY_ID");
        String secretKey = environment.require("AWS_SECRET_ACCESS_KEY");
        Optional<String> sessionToken = environment.optional("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(sessionToken.isPresent()
                ? AwsSessionCredentials.create(accessKey, secretKey, sessionToken.get())
                : AwsBasicCredentials.create(accessKey, secretKey));
    }
}
