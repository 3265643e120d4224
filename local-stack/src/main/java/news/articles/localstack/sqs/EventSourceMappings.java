package news.articles.localstack.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import news.articles.localstack.FunctionInvoker;
import news.articles.tools.moto.MotoClients;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The stack's SQS event source mappings: one {@link SqsEventSourceMapping} per enabled SQS event, sharing one client. */
public final class EventSourceMappings implements AutoCloseable {

    private final SqsClient sqs;
    private final List<SqsEventSourceMapping> mappings;

    private EventSourceMappings(SqsClient sqs, List<SqsEventSourceMapping> mappings) {
        this.sqs = sqs;
        this.mappings = List.copyOf(mappings);
    }

    /** Starts polling for each enabled source; logs the disabled ones, which poll nothing. */
    public static EventSourceMappings start(List<SqsEventSource> sources, URI endpoint, FunctionInvoker invoker,
            Consumer<String> log, Duration pollWait) {
        Objects.requireNonNull(sources, "sources");
        SqsClient sqs = MotoClients.sqs(endpoint, pollWait);
        List<SqsEventSourceMapping> mappings = new ArrayList<>();
        try {
            for (SqsEventSource source : sources) {
                if (!source.enabled()) {
                    log.accept("SQS: " + source.describe() + " is disabled (Enabled resolves to false): not polled");
                    continue;
                }
                SqsEventSourceMapping mapping = new SqsEventSourceMapping(source, sqs, invoker, log, pollWait);
                mappings.add(mapping);
                mapping.start();
                log.accept("SQS: " + source.describe() + " polled: batches of up to " + source.batchSize()
                        + (source.reportBatchItemFailures() ? ", ReportBatchItemFailures" : "")
                        + ", at most " + source.maximumConcurrency() + " at once");
            }
        } catch (RuntimeException e) {
            new EventSourceMappings(sqs, mappings).close();
            throw e;
        }
        return new EventSourceMappings(sqs, mappings);
    }

    /** The mappings that poll, in template order. */
    public List<SqsEventSourceMapping> mappings() {
        return mappings;
    }

    /** Stops every poller at once, then waits for each and for its invocations in progress. */
    @Override
    public void close() {
        mappings.forEach(SqsEventSourceMapping::stop);
        mappings.forEach(SqsEventSourceMapping::close);
        sqs.close();
    }
}
