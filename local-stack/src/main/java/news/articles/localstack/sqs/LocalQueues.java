package news.articles.localstack.sqs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.localstack.TemplateResolver;
import news.articles.tools.template.Resource;
import news.articles.tools.template.SamTemplate;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.CreateQueueResponse;

/**
 * The template's {@code AWS::SQS::Queue} resources in moto: named as {@link LocalQueue} says,
 * created with the attributes the template gives them, the redrive policy set once every queue
 * exists (moto looks the dead-letter queue up by its ARN). moto then moves a message received
 * {@code maxReceiveCount} times to the dead-letter queue on the next receive, as SQS does.
 */
public final class LocalQueues {

    public static final String QUEUE_TYPE = "AWS::SQS::Queue";
    /** The queue properties that are SQS attributes of the same name. */
    private static final List<String> ATTRIBUTES = List.of("DelaySeconds", "MaximumMessageSize",
            "MessageRetentionPeriod", "ReceiveMessageWaitTimeSeconds", "VisibilityTimeout", "FifoQueue",
            "ContentBasedDeduplication", "DeduplicationScope", "FifoThroughputLimit");
    /** Properties with no local effect: encryption at rest, tags, who may use the queue as a DLQ. */
    private static final List<String> IGNORED = List.of("QueueName", "SqsManagedSseEnabled", "KmsMasterKeyId",
            "KmsDataKeyReusePeriodSeconds", "Tags", "RedriveAllowPolicy");
    private static final String REDRIVE_POLICY = "RedrivePolicy";
    private static final ObjectMapper JSON = new ObjectMapper();

    private LocalQueues() {
    }

    /**
     * The queues that exist in this stack (their {@code Condition} holds), by logical id in template
     * order, as they will be named in the moto at {@code endpoint}; {@code resolver} resolves a
     * {@code QueueName}.
     */
    public static Map<String, LocalQueue> plan(SamTemplate template, TemplateResolver resolver, URI endpoint) {
        Map<String, LocalQueue> queues = new LinkedHashMap<>();
        for (Resource resource : template.resources().values()) {
            if (!resource.type().equals(QUEUE_TYPE) || !resolver.exists(resource.logicalId())) {
                continue;
            }
            String id = resource.logicalId();
            Object declared = resource.properties().get("QueueName");
            boolean fifo = resource.properties().get("FifoQueue") != null && Boolean.parseBoolean(
                    resolver.resolveString(resource.properties().get("FifoQueue"), id + ".FifoQueue"));
            String name = declared != null ? resolver.resolveString(declared, id + ".QueueName")
                    : fifo ? id + ".fifo" : id;
            queues.put(id, LocalQueue.in(endpoint, id, name));
        }
        return queues;
    }

    /**
     * Creates the planned queues with their attributes, then sets the redrive policies. {@code resolver}
     * must know the queues ({@link TemplateResolver#withQueues}), since a redrive policy names its
     * dead-letter queue by {@code !GetAtt Queue.Arn}.
     */
    public static void create(SqsClient sqs, SamTemplate template, TemplateResolver resolver,
            Map<String, LocalQueue> queues) {
        Objects.requireNonNull(sqs, "sqs");
        Map<String, Map<String, String>> attributes = attributes(template, resolver, queues);
        Map<String, String> redrivePolicies = new LinkedHashMap<>();
        for (LocalQueue queue : queues.values()) {
            Map<String, String> own = new LinkedHashMap<>(attributes.get(queue.logicalId()));
            String redrivePolicy = own.remove(REDRIVE_POLICY);
            if (redrivePolicy != null) {
                redrivePolicies.put(queue.logicalId(), redrivePolicy);
            }
            CreateQueueResponse created = sqs.createQueue(request -> request.queueName(queue.name())
                    .attributesWithStrings(own));
            if (!URI.create(created.queueUrl()).equals(queue.url())) {
                throw new IllegalStateException("moto named the queue " + queue.logicalId() + " " + created.queueUrl()
                        + ", not " + queue.url() + " as its functions were told");
            }
        }
        redrivePolicies.forEach((logicalId, policy) -> sqs.setQueueAttributes(request -> request
                .queueUrl(queues.get(logicalId).url().toString())
                .attributesWithStrings(Map.of(REDRIVE_POLICY, policy))));
    }

    /**
     * Each queue's SQS attributes as the template gives them, its redrive policy as SQS takes it
     * (JSON text); a property the local stack does not know fails with its place.
     */
    public static Map<String, Map<String, String>> attributes(SamTemplate template, TemplateResolver resolver,
            Map<String, LocalQueue> queues) {
        Map<String, Map<String, String>> all = new LinkedHashMap<>();
        for (LocalQueue queue : queues.values()) {
            Resource resource = template.resources().get(queue.logicalId());
            Map<String, String> attributes = new LinkedHashMap<>();
            resource.properties().forEach((property, value) -> {
                String where = queue.logicalId() + "." + property;
                if (ATTRIBUTES.contains(property)) {
                    attributes.put(property, resolver.resolveString(value, where));
                } else if (property.equals(REDRIVE_POLICY)) {
                    attributes.put(REDRIVE_POLICY, redrivePolicy(resolver.resolve(value, where), where));
                } else if (!IGNORED.contains(property)) {
                    throw new IllegalArgumentException(where + ": the local stack does not know this SQS queue property;"
                            + " it knows " + ATTRIBUTES + ", " + REDRIVE_POLICY + " and " + IGNORED);
                }
            });
            all.put(queue.logicalId(), attributes);
        }
        return all;
    }

    /** CloudFormation takes the policy as an object; SQS as JSON text with a numeric maxReceiveCount. */
    private static String redrivePolicy(Object resolved, String where) {
        if (!(resolved instanceof Map<?, ?> policy) || policy.get("deadLetterTargetArn") == null
                || policy.get("maxReceiveCount") == null) {
            throw new IllegalArgumentException(where + " needs deadLetterTargetArn and maxReceiveCount");
        }
        ObjectNode json = JSON.createObjectNode();
        json.put("deadLetterTargetArn", String.valueOf(policy.get("deadLetterTargetArn")));
        try {
            json.put("maxReceiveCount", Integer.parseInt(String.valueOf(policy.get("maxReceiveCount"))));
            return JSON.writeValueAsString(json);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ".maxReceiveCount is not a whole number", e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
