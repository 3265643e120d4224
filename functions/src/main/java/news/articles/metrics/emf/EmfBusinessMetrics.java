package news.articles.metrics.emf;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import news.articles.json.Json;
import news.articles.logging.Log;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;
import news.articles.metrics.MetricCounts;

/**
 * Writes business metrics as CloudWatch Embedded Metric Format lines on standard output
 * (docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html):
 * CloudWatch Logs turns each line into metrics, with no API call and nothing to wait for. Every
 * line has the one fixed dimension {@value #DIMENSION} (the functions' area, {@code Subscriptions}
 * or {@code Newsletter}), never anything from a request.
 *
 * <p>Our own writer with jackson-core, which every function loads anyway, instead of the
 * aws-embedded-metrics library: that library brought about 600 classes (jackson-databind and its
 * JSR-310 module, commons-lang3) into the sign-up's first request, about 0.4 s of CPU on a cold
 * start (benchmarks/results.md, 2026-12-05), for a line of a few hundred bytes.
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
    private final Clock clock;

    /**
     * @param namespace the stack's metric namespace
     * @param service   the value of the {@value #DIMENSION} dimension: {@code Subscriptions} or {@code Newsletter}
     */
    public EmfBusinessMetrics(String namespace, String service) {
        this(namespace, service, Clock.systemUTC());
    }

    EmfBusinessMetrics(String namespace, String service, Clock clock) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.service = Objects.requireNonNull(service, "service");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void record(MetricCounts counts) {
        if (counts.isEmpty()) {
            return;
        }
        try {
            write(counts, System.out);
        } catch (RuntimeException e) {
            Log.warn("metrics_not_written").field("causes", Log.causes(e)).write();
        }
    }

    void write(MetricCounts counts, PrintStream out) {
        Map<BusinessMetric, Long> values = counts.counts();
        out.println(Json.write(json -> {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", clock.millis());
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", namespace);
            json.writeArrayFieldStart("Dimensions");
            json.writeStartArray();
            json.writeString(DIMENSION);
            json.writeEndArray();
            json.writeEndArray();
            json.writeArrayFieldStart("Metrics");
            for (BusinessMetric metric : values.keySet()) {
                json.writeStartObject();
                json.writeStringField("Name", metric.metricName());
                json.writeStringField("Unit", "Count");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeStringField(DIMENSION, service);
            if (counts.edition().isPresent()) {
                json.writeStringField(EDITION_PROPERTY, counts.edition().get());
            }
            if (Log.requestId().isPresent()) {
                json.writeStringField(REQUEST_ID_PROPERTY, Log.requestId().get());
            }
            for (Map.Entry<BusinessMetric, Long> value : values.entrySet()) {
                json.writeNumberField(value.getKey().metricName(), value.getValue());
            }
            json.writeEndObject();
        }));
    }
}
