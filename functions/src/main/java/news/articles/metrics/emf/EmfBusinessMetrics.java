package news.articles.metrics.emf;

import java.util.Map;
import java.util.Objects;
import news.articles.logging.Log;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;
import news.articles.metrics.MetricCounts;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.Unit;

/**
 * Writes business metrics as CloudWatch Embedded Metric Format lines on standard output, with
 * the aws-embedded-metrics library: CloudWatch Logs turns each line into metrics, with no API call
 * and nothing to wait for. Every line has the one fixed dimension {@value #DIMENSION} (the
 * function's kind, e.g. {@code Subscriptions}), never anything from a request.
 */
public final class EmfBusinessMetrics implements BusinessMetrics {

    /** The one dimension every metric has, so that an alarm and the dashboard name each metric exactly. */
    public static final String DIMENSION = "Service";
    /** The property that holds the newsletter's edition, for CloudWatch Logs Insights (not a dimension). */
    public static final String EDITION_PROPERTY = "edition";

    /** The invocation's request id, as the log lines of {@code Log} carry it. */
    public static final String REQUEST_ID_PROPERTY = "requestId";

    private final String namespace;
    private final String service;

    /**
     * @param namespace the stack's metric namespace
     * @param service   the value of the {@value #DIMENSION} dimension: {@code Subscriptions} or {@code Newsletter}
     */
    public EmfBusinessMetrics(String namespace, String service) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void record(MetricCounts counts) {
        if (counts.isEmpty()) {
            return;
        }
        try {
            // The Lambda environment, named rather than detected: it writes to standard output everywhere
            // (the library's detection would look for a CloudWatch agent off Lambda, in tests and locally).
            MetricsLogger metrics = new MetricsLogger(new LambdaEnvironment());
            metrics.setNamespace(namespace);
            metrics.setDimensions(DimensionSet.of(DIMENSION, service));
            for (Map.Entry<BusinessMetric, Long> count : counts.counts().entrySet()) {
                metrics.putMetric(count.getKey().metricName(), count.getValue(), Unit.COUNT);
            }
            counts.edition().ifPresent(edition -> metrics.putProperty(EDITION_PROPERTY, edition));
            Log.requestId().ifPresent(requestId -> metrics.putProperty(REQUEST_ID_PROPERTY, requestId));
            metrics.flush();
        } catch (RuntimeException e) {
            Log.warn("metrics_not_written").field("causes", Log.causes(e)).write();
        }
    }
}
