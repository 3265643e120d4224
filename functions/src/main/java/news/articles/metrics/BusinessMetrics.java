package news.articles.metrics;

/**
 * Where the domain counts what it did, for the operator's dashboard and alarms (an adapter writes
 * them as CloudWatch Embedded Metric Format lines: no API call). Each call is written at once, as
 * one line: a piece of work records its counts once, when it ends, so that an invocation writes a
 * line or two and nothing waits in a buffer a crash could lose.
 */
public interface BusinessMetrics {

    /** Counts nothing: for tests and tools that run the domain without a function around it. */
    BusinessMetrics NONE = counts -> { };

    /** Writes the counts, unless there are none; never throws (a metric is not worth a failed request). */
    void record(MetricCounts counts);

    default void count(BusinessMetric metric) {
        record(MetricCounts.of(metric));
    }
}
