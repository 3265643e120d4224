package news.articles.metrics;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one piece of work counted, written as one metric line: counts by metric and, for the
 * newsletter, the edition (a week such as {@code 2026-W47}), never anything about a person.
 * Mutable while the work runs; not shared between threads.
 */
public final class MetricCounts {

    private final Map<BusinessMetric, Long> counts = new EnumMap<>(BusinessMetric.class);
    private Optional<String> edition = Optional.empty();

    /** One of {@code metric}. */
    public static MetricCounts of(BusinessMetric metric) {
        return new MetricCounts().add(metric, 1);
    }

    /** Adds {@code value} to the metric's count; a count of 0 added is still written (a line that says "none"). */
    public MetricCounts add(BusinessMetric metric, long value) {
        Objects.requireNonNull(metric, "metric");
        if (value < 0) {
            throw new IllegalArgumentException("a count cannot be negative: " + metric + " " + value);
        }
        counts.merge(metric, value, Long::sum);
        return this;
    }

    public MetricCounts add(BusinessMetric metric) {
        return add(metric, 1);
    }

    /** The newsletter edition these counts are about: the ISO week, as {@code EditionId} writes it. */
    public MetricCounts forEdition(String edition) {
        Objects.requireNonNull(edition, "edition");
        if (!edition.matches("\\d{4}-W\\d{2}")) {
            throw new IllegalArgumentException("not an edition: " + edition);
        }
        this.edition = Optional.of(edition);
        return this;
    }

    public Map<BusinessMetric, Long> counts() {
        return Collections.unmodifiableMap(counts);
    }

    public Optional<String> edition() {
        return edition;
    }

    public boolean isEmpty() {
        return counts.isEmpty();
    }

    public long count(BusinessMetric metric) {
        return counts.getOrDefault(metric, 0L);
    }
}
