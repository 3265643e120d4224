package news.articles.aws;

import news.articles.config.AwsSettings;
import news.articles.config.ConfigurationException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Reads a secret's text from Secrets Manager, once, at a function's init: the client is built for
 * that one call and closed, since nothing reads a secret again (with SnapStart the call happens
 * before the snapshot, so restored instances do not pay it).
 */
public final class Secrets {

    private Secrets() {
    }

    /** The secret's current text; fails the init, naming the secret and never its value, when it cannot be read. */
    public static String read(AwsSettings settings, String secretId) {
        try (SecretsManagerClient client = AwsClients.secretsManager(settings)) {
            String value = client.getSecretValue(request -> request.secretId(secretId)).secretString();
            if (value == null || value.isBlank()) {
                throw new ConfigurationException("the secret " + secretId + " holds no text");
            }
            return value;
        } catch (SdkException e) {
            throw new ConfigurationException("cannot read the secret " + secretId + ": " + e.getClass().getSimpleName()
                    + " " + e.getMessage());
        }
    }
}
