package news.articles.newsletter.sqs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.error.StoreException;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.DeliveryQueue;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.FanOutPage;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The delivery queue on Amazon SQS (NewsletterQueue): one message per batch or fan-out page
 * ({@link DeliveryMessages}), ten to a SendMessageBatch call, SQS's maximum. SQS may accept some
 * entries of a call and refuse others; the refused ones are sent again, a few times, and then the
 * call throws, so that nothing is dropped silently (the caller's message is redelivered and
 * enqueues its batches again, which the delivery log makes harmless).
 */
public final class SqsDeliveryQueue implements DeliveryQueue {

    /** SQS's maximum number of entries in a SendMessageBatch call. */
    public static final int ENTRIES_PER_CALL = 10;
    static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsDeliveryQueue(SqsClient sqs, String queueUrl) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void enqueue(List<DeliveryBatch> batches) {
        send(List.copyOf(batches));
    }

    @Override
    public void continueFanOut(FanOutPage page) {
        send(List.of(page));
    }

    private void send(List<? extends DeliveryWork> work) {
        for (int from = 0; from < work.size(); from += ENTRIES_PER_CALL) {
            Map<String, String> pending = new LinkedHashMap<>();
            List<? extends DeliveryWork> chunk = work.subList(from, Math.min(work.size(), from + ENTRIES_PER_CALL));
            for (int i = 0; i < chunk.size(); i++) {
                pending.put(Integer.toString(i), DeliveryMessages.write(chunk.get(i)));
            }
            sendChunk(pending);
        }
    }

    private void sendChunk(Map<String, String> pending) {
        String lastError = "";
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            pending.forEach((id, body) -> entries.add(SendMessageBatchRequestEntry.builder().id(id).messageBody(body).build()));
            SendMessageBatchResponse response;
            try {
                response = sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
            } catch (SdkException e) {
                throw new StoreException("SQS could not enqueue delivery work (" + e.getClass().getSimpleName() + ")", true, e);
            }
            response.successful().forEach(entry -> pending.remove(entry.id()));
            for (BatchResultErrorEntry failed : response.failed()) {
                lastError = failed.code();
                if (Boolean.TRUE.equals(failed.senderFault())) {
                    // The entry itself is wrong: sending it again cannot help.
                    throw new StoreException("SQS refused a delivery message (" + failed.code() + ")", false, null);
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new StoreException("SQS did not take " + pending.size() + " delivery messages after " + ATTEMPTS
                    + " attempts (" + lastError + ")", true, null);
        }
    }
}
