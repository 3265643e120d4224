package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import news.articles.aws.AwsClients;
import news.articles.error.StoreException;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutPage;
import news.articles.newsletter.sqs.DeliveryMessages;
import news.articles.newsletter.sqs.SqsDeliveryQueue;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The delivery queue on moto's SQS: ten messages a call, each read back as the work it was; an outage thrown. */
@ExtendWith(MotoExtension.class)
class SqsDeliveryQueueTest {

    private static final EditionId W49 = new EditionId("2026-W49");

    private SqsClient sqs;
    private String queueUrl;
    private MotoProxy proxy;

    @BeforeEach
    void queue(MotoServer moto) throws Exception {
        moto.reset();
        sqs = AwsClients.sqs(MotoClients.settings(moto.endpoint()));
        queueUrl = sqs.createQueue(request -> request.queueName("newsletter-queue-test")).queueUrl();
        proxy = new MotoProxy(moto.endpoint());
    }

    @AfterEach
    void close() {
        sqs.close();
        proxy.close();
    }

    private List<DeliveryWork> readAll() {
        List<DeliveryWork> work = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl).maxNumberOfMessages(10))
                    .messages();
            if (messages.isEmpty()) {
                return work;
            }
            for (Message message : messages) {
                work.add(DeliveryMessages.read(message.body()).orElseThrow());
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    @Test
    void batchesGoTenToACallAndEachComesBackAsItWent() {
        List<DeliveryBatch> batches = IntStream.range(0, 23)
                .mapToObj(i -> new DeliveryBatch(W49, List.of("id-" + i + "-a", "id-" + i + "-b"))).toList();
        List<Integer> entriesPerCall = new ArrayList<>();
        SqsClient counting = new SqsClient() {
            @Override
            public SendMessageBatchResponse sendMessageBatch(SendMessageBatchRequest request) {
                entriesPerCall.add(request.entries().size());
                return sqs.sendMessageBatch(request);
            }

            @Override
            public String serviceName() {
                return sqs.serviceName();
            }

            @Override
            public void close() {
            }
        };
        SqsDeliveryQueue queue = new SqsDeliveryQueue(counting, queueUrl);

        queue.enqueue(batches);
        FanOutPage page = new FanOutPage(W49, Optional.of("id-22-b"));
        queue.continueFanOut(page);

        List<DeliveryWork> read = readAll();
        assertEquals(24, read.size());
        Set<DeliveryWork> expected = new HashSet<>(batches);
        expected.add(page);
        assertEquals(expected, new HashSet<>(read));
        assertEquals(List.of(10, 10, 3, 1), entriesPerCall, "SendMessageBatch takes ten at most");
    }

    @Test
    void sqsDownIsAStoreExceptionAndNothingHalfEnqueuedIsHidden() {
        proxy.fail(MotoProxy.operation("SendMessageBatch"), MotoProxy.sesInternalError());
        SqsDeliveryQueue queue = new SqsDeliveryQueue(AwsClients.sqs(MotoClients.settings(proxy.endpoint())), queueUrl);

        assertThrows(StoreException.class, () -> queue.continueFanOut(FanOutPage.first(W49)));
        assertEquals(List.of(), readAll());
    }
}
