package news.articles.config;

import java.util.Objects;

/**
 * Where the business metrics go: {@code METRICS_NAMESPACE}, the stack's name in the template (one
 * namespace per stack, so two stacks in an account never add up); {@value #DEFAULT_NAMESPACE}
 * when unset (tests, the local stack).
 */
public record MetricsConfig(String namespace) {

    public static final String DEFAULT_NAMESPACE = "article-pages";

    public MetricsConfig {
        Objects.requireNonNull(namespace, "namespace");
        // CloudWatch's rule for namespaces: 1 to 255 of these characters.
        if (!namespace.matches("[A-Za-z0-9.\\-_/#:]{1,255}")) {
            throw new ConfigurationException("environment variable METRICS_NAMESPACE must be 1 to 255 letters, digits or . - _ / # :");
        }
    }

    public static MetricsConfig from(Environment environment) {
        return new MetricsConfig(environment.optional("METRICS_NAMESPACE").orElse(DEFAULT_NAMESPACE));
    }
}
