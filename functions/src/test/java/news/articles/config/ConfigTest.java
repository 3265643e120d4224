package news.articles.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** {@link ArticlesConfig}, {@link SubscriptionConfig} and {@link AwsSettings}, read from a Lambda-like environment. */
class ConfigTest {

    /** What Lambda and template.yaml give the subscription functions. */
    private static Map<String, String> lambdaEnvironment() {
        Map<String, String> variables = new HashMap<>();
        variables.put("AWS_REGION", "eu-west-1");
        variables.put("AWS_ACCESS_KEY_ID", "ASIAEXAMPLEKEY");
        variables.put("AWS_SECRET_ACCESS_KEY", "example-secret");
        variables.put("AWS_SESSION_TOKEN", "example-session-token");
        variables.put("ARTICLES_TABLE", "news-ArticlesTable-1ABC");
        variables.put("SUBSCRIBERS_TABLE", "news-SubscribersTable-2DEF");
        variables.put("SENDER_ADDRESS", "newsletter@news.example.com");
        variables.put("SITE_URL", "https://news.example.com/");
        variables.put("SITE_NAME", "The Newsroom");
        variables.put("CONFIRM_TOKEN_TTL_HOURS", "24");
        variables.put("LOCAL_AWS_ENDPOINT", "");
        return variables;
    }

    private static Map<String, String> without(String name) {
        Map<String, String> variables = lambdaEnvironment();
        variables.remove(name);
        return variables;
    }

    @Test
    void metricsGoToTheStacksNamespaceOrTheDefaultWhenUnset() {
        Map<String, String> variables = lambdaEnvironment();
        variables.put("METRICS_NAMESPACE", "article-pages-staging");
        assertEquals("article-pages-staging", MetricsConfig.from(new Environment(variables)).namespace());
        assertEquals(MetricsConfig.DEFAULT_NAMESPACE, MetricsConfig.from(new Environment(without("METRICS_NAMESPACE"))).namespace());
        variables.put("METRICS_NAMESPACE", "no spaces allowed");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> MetricsConfig.from(new Environment(variables)));
        assertTrue(refused.getMessage().contains("METRICS_NAMESPACE"), refused.getMessage());
    }

    @Test
    void articlesConfigReadsEverythingItNeeds() {
        ArticlesConfig config = ArticlesConfig.from(new Environment(lambdaEnvironment()));

        assertEquals("news-ArticlesTable-1ABC", config.articlesTable());
        assertEquals("https://news.example.com", config.siteUrl().base());
        assertEquals(Region.EU_WEST_1, config.aws().region());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ARTICLES_TABLE", "SITE_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"})
    void articlesConfigNamesAMissingVariable(String name) {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> ArticlesConfig.from(new Environment(without(name))));
        assertTrue(error.getMessage().contains(name), error.getMessage());
    }

    @Test
    void theIdentifierKeyIsNamedBySecretAndAMissingOneIsNamed() {
        Map<String, String> variables = lambdaEnvironment();
        variables.put(IdentifierKeyConfig.VARIABLE, "arn:aws:secretsmanager:us-east-1:123456789012:secret:IdentifierKey-AbCdEf");
        assertEquals("arn:aws:secretsmanager:us-east-1:123456789012:secret:IdentifierKey-AbCdEf",
                IdentifierKeyConfig.from(new Environment(variables)).secretId());

        variables.remove(IdentifierKeyConfig.VARIABLE);
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> IdentifierKeyConfig.from(new Environment(variables)));
        assertTrue(error.getMessage().contains(IdentifierKeyConfig.VARIABLE), error.getMessage());
    }

    @Test
    void theRecommendationHalfLifeIsOptional() {
        Map<String, String> variables = lambdaEnvironment();
        assertEquals(Optional.empty(), ArticlesConfig.from(new Environment(variables)).recommendationHalfLife());
        variables.put(ArticlesConfig.RECOMMENDATION_HALF_LIFE_DAYS, " ");
        assertEquals(Optional.empty(), ArticlesConfig.from(new Environment(variables)).recommendationHalfLife());
        variables.put(ArticlesConfig.RECOMMENDATION_HALF_LIFE_DAYS, "7");
        assertEquals(Optional.of(Duration.ofDays(7)), ArticlesConfig.from(new Environment(variables)).recommendationHalfLife());
        variables.put(ArticlesConfig.RECOMMENDATION_HALF_LIFE_DAYS, "36500");
        assertEquals(Optional.of(Duration.ofDays(36_500)),
                ArticlesConfig.from(new Environment(variables)).recommendationHalfLife());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-7", "7.5", "seven", "36501", "99999999999", "+7", "٧"})
    void aBadRecommendationHalfLifeIsNamed(String days) {
        Map<String, String> variables = lambdaEnvironment();
        variables.put(ArticlesConfig.RECOMMENDATION_HALF_LIFE_DAYS, days);

        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> ArticlesConfig.from(new Environment(variables)));
        assertTrue(error.getMessage().contains("RECOMMENDATION_HALF_LIFE_DAYS"), error.getMessage());
    }

    @Test
    void subscriptionConfigReadsEverythingItNeeds() {
        SubscriptionConfig config = SubscriptionConfig.from(new Environment(lambdaEnvironment()));

        assertEquals("news-SubscribersTable-2DEF", config.subscribersTable());
        assertEquals("newsletter@news.example.com", config.senderAddress());
        assertEquals("The Newsroom", config.siteName());
        assertEquals("https://news.example.com", config.siteUrl().base());
        assertEquals(Duration.ofHours(24), config.confirmTokenTtl());
        assertEquals(Region.EU_WEST_1, config.aws().region());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SUBSCRIBERS_TABLE", "SENDER_ADDRESS", "SITE_NAME", "SITE_URL", "AWS_REGION",
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"})
    void subscriptionConfigNamesAMissingVariable(String name) {
        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> SubscriptionConfig.from(new Environment(without(name))));
        assertTrue(error.getMessage().contains(name), error.getMessage());
    }

    @Test
    void theTokenLifetimeDefaultsTo48Hours() {
        Map<String, String> variables = without("CONFIRM_TOKEN_TTL_HOURS");
        assertEquals(Duration.ofHours(48), SubscriptionConfig.from(new Environment(variables)).confirmTokenTtl());
        variables.put("CONFIRM_TOKEN_TTL_HOURS", " ");
        assertEquals(Duration.ofHours(48), SubscriptionConfig.from(new Environment(variables)).confirmTokenTtl());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-4", "two", "1.5"})
    void aBadTokenLifetimeIsNamed(String hours) {
        Map<String, String> variables = lambdaEnvironment();
        variables.put("CONFIRM_TOKEN_TTL_HOURS", hours);

        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> SubscriptionConfig.from(new Environment(variables)));
        assertTrue(error.getMessage().contains("CONFIRM_TOKEN_TTL_HOURS"), error.getMessage());
    }

    @Test
    void thePerAddressEmailLimitsDefaultToOneEmailIn10MinutesAnd5ADay() {
        SubscriptionConfig defaults = SubscriptionConfig.from(new Environment(lambdaEnvironment()));
        assertEquals(Duration.ofMinutes(10), defaults.confirmationEmailCooldown());
        assertEquals(5, defaults.confirmationEmailsPerDay());
        assertEquals(Duration.ofDays(30), defaults.confirmationIntervalAfterUnsubscribe());

        Map<String, String> variables = lambdaEnvironment();
        variables.put("CONFIRMATION_EMAIL_COOLDOWN_MINUTES", "30");
        variables.put("CONFIRMATION_EMAILS_PER_DAY", "3");
        variables.put("DAYS_BETWEEN_CONFIRMATIONS_AFTER_UNSUBSCRIBE", "60");
        SubscriptionConfig set = SubscriptionConfig.from(new Environment(variables));
        assertEquals(Duration.ofMinutes(30), set.confirmationEmailCooldown());
        assertEquals(3, set.confirmationEmailsPerDay());
        assertEquals(Duration.ofDays(60), set.confirmationIntervalAfterUnsubscribe());
    }

    @ParameterizedTest
    @ValueSource(strings = {"CONFIRMATION_EMAIL_COOLDOWN_MINUTES", "CONFIRMATION_EMAILS_PER_DAY",
            "DAYS_BETWEEN_CONFIRMATIONS_AFTER_UNSUBSCRIBE"})
    void aBadPerAddressEmailLimitIsNamed(String name) {
        for (String bad : new String[] {"0", "-1", "ten", "2.5"}) {
            Map<String, String> variables = lambdaEnvironment();
            variables.put(name, bad);

            ConfigurationException error = assertThrows(ConfigurationException.class,
                    () -> SubscriptionConfig.from(new Environment(variables)));
            assertTrue(error.getMessage().contains(name), error.getMessage());
        }
    }

    @Test
    void aBadSiteUrlFailsAtStartUp() {
        Map<String, String> variables = lambdaEnvironment();
        variables.put("SITE_URL", "news.example.com");

        assertThrows(ConfigurationException.class, () -> ArticlesConfig.from(new Environment(variables)));
    }

    @Test
    void aBlankLocalEndpointMeansRealAws() {
        assertEquals(Optional.empty(), AwsSettings.from(new Environment(lambdaEnvironment())).endpoint());
        assertEquals(Optional.empty(), AwsSettings.from(new Environment(without("LOCAL_AWS_ENDPOINT"))).endpoint());
    }

    @Test
    void aLocalEndpointIsUsedWhenSet() {
        Map<String, String> variables = lambdaEnvironment();
        variables.put(AwsSettings.LOCAL_ENDPOINT_VARIABLE, " http://host.docker.internal:5000 ");

        assertEquals(Optional.of(URI.create("http://host.docker.internal:5000")),
                AwsSettings.from(new Environment(variables)).endpoint());
    }

    @Test
    void aLocalEndpointThatIsNotAUrlIsNamed() {
        Map<String, String> variables = lambdaEnvironment();
        variables.put(AwsSettings.LOCAL_ENDPOINT_VARIABLE, "http://bad host:5000");

        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> AwsSettings.from(new Environment(variables)));
        assertTrue(error.getMessage().contains(AwsSettings.LOCAL_ENDPOINT_VARIABLE), error.getMessage());
    }

    @Test
    void credentialsComeFromTheLambdaVariables() {
        AwsCredentials session = AwsSettings.from(new Environment(lambdaEnvironment())).credentials().resolveCredentials();
        AwsCredentials basic = AwsSettings.from(new Environment(without("AWS_SESSION_TOKEN"))).credentials()
                .resolveCredentials();

        assertEquals("ASIAEXAMPLEKEY", session.accessKeyId());
        assertEquals("example-secret", session.secretAccessKey());
        assertEquals("example-session-token", ((AwsSessionCredentials) session).sessionToken());
        assertEquals("ASIAEXAMPLEKEY", basic.accessKeyId());
        assertTrue(!(basic instanceof AwsSessionCredentials));
    }

    @Test
    void aSnapStartFunctionTakesItsCredentialsFromTheContainerEndpoint() {
        Map<String, String> variables = without("AWS_ACCESS_KEY_ID");
        variables.remove("AWS_SECRET_ACCESS_KEY");
        variables.remove("AWS_SESSION_TOKEN");
        variables.put(AwsSettings.CONTAINER_CREDENTIALS_VARIABLE, "http://127.0.0.1:9001/2021-04-23/credentials");

        assertInstanceOf(ContainerCredentialsProvider.class, AwsSettings.from(new Environment(variables)).credentials());
    }

    @Test
    void theContainerEndpointWinsOverKeyVariables() {
        Map<String, String> variables = lambdaEnvironment();
        variables.put(AwsSettings.CONTAINER_CREDENTIALS_VARIABLE, "http://127.0.0.1:9001/2021-04-23/credentials");

        assertInstanceOf(ContainerCredentialsProvider.class, AwsSettings.from(new Environment(variables)).credentials());
    }

    @Test
    void withoutAContainerEndpointTheKeyVariablesAreRequired() {
        Map<String, String> variables = without("AWS_SECRET_ACCESS_KEY");
        variables.put(AwsSettings.CONTAINER_CREDENTIALS_VARIABLE, " ");

        ConfigurationException error = assertThrows(ConfigurationException.class,
                () -> AwsSettings.from(new Environment(variables)));
        assertTrue(error.getMessage().contains("AWS_SECRET_ACCESS_KEY"), error.getMessage());
        assertInstanceOf(StaticCredentialsProvider.class, AwsSettings.from(new Environment(lambdaEnvironment())).credentials());
    }
}
