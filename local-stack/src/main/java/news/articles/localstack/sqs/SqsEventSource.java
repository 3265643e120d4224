package news.articles.localstack.sqs;

import java.time.Duration;
import java.util.Objects;

/**
 * A function's {@code SQS} event, resolved: what Lambda's event source mapping for it does.
 *
 * @param eventName the event's name under the function's {@code Events}
 * @param batchSize the most records one invocation gets (SAM's default 10)
 * @param batchingWindow how long to gather a batch beyond the first receive (default 0)
 * @param reportBatchItemFailures whether {@code FunctionResponseTypes} holds {@code ReportBatchItemFailures}
 * @param maximumConcurrency {@code ScalingConfig.MaximumConcurrency}, else the local default
 * @param enabled {@code Enabled} as resolved (default true); a disabled mapping polls nothing
 */
public record SqsEventSource(String functionLogicalId, String eventName, LocalQueue queue, int batchSize,
        Duration batchingWindow, boolean reportBatchItemFailures, int maximumConcurrency, boolean enabled) {

    public SqsEventSource {
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(queue, "queue");
        Objects.requireNonNull(batchingWindow, "batchingWindow");
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException(functionLogicalId + ".Events." + eventName + ": BatchSize " + batchSize
                    + " is not within 1 to 10000");
        }
        if (batchSize > 10 && batchingWindow.isZero()) {
            // Lambda's own rule: more than 10 records a batch needs a batching window.
            throw new IllegalArgumentException(functionLogicalId + ".Events." + eventName + ": a BatchSize over 10 needs"
                    + " MaximumBatchingWindowInSeconds of at least 1");
        }
        if (maximumConcurrency < 1) {
            throw new IllegalArgumentException(functionLogicalId + ".Events." + eventName + ": MaximumConcurrency "
                    + maximumConcurrency);
        }
    }

    /** How the log names it: {@code Function.Event (Queue)}. */
    public String describe() {
        return functionLogicalId + "." + eventName + " (" + queue.logicalId() + ")";
    }
}
