package news.articles.localstack;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import news.articles.localstack.gateway.SampleEvents;
import news.articles.localstack.sqs.SqsEventSource;

/**
 * The sample events of the template's non-HTTP triggers, for {@code POST /_local/invoke/{Function}}
 * without a body:
 *
 * <ul>
 *   <li>EventBridge Scheduler ({@code ScheduleV2}, {@code AWS::Scheduler::Schedule}): the target's
 *       {@code Input} with its context attributes substituted as Scheduler does
 *       ({@code <aws.scheduler.scheduled-time>}, {@code <aws.scheduler.execution-id>},
 *       {@code <aws.scheduler.schedule-arn>}, {@code <aws.scheduler.attempt-number>}), or {@code {}};</li>
 *   <li>an EventBridge rule ({@code Schedule}): its constant {@code Input}, else the "Scheduled Event"
 *       EventBridge sends;</li>
 *   <li>an SQS function: none (Lambda never sends an empty batch); the error says which queue to
 *       send a message to instead.</li>
 * </ul>
 *
 * @see <a href="https://docs.aws.amazon.com/scheduler/latest/UserGuide/managing-schedule-context-attributes.html">Scheduler's context attributes</a>
 */
final class TriggerEvents implements SampleEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final StackDefinition stack;
    private final List<SqsEventSource> sqsSources;

    TriggerEvents(StackDefinition stack, List<SqsEventSource> sqsSources) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.sqsSources = List.copyOf(Objects.requireNonNull(sqsSources, "sqsSources"));
    }

    @Override
    public Optional<byte[]> sample(String functionLogicalId, Instant time) {
        Optional<StackDefinition.Schedule> schedule = stack.schedule(functionLogicalId);
        if (schedule.isPresent()) {
            return Optional.of(scheduledEvent(schedule.get(), time).getBytes(StandardCharsets.UTF_8));
        }
        Optional<SqsEventSource> sqs = sqsSources.stream()
                .filter(source -> source.functionLogicalId().equals(functionLogicalId)).findFirst();
        if (sqs.isPresent()) {
            throw new NoSampleEventException(functionLogicalId + " is fed by the queue " + sqs.get().queue().logicalId()
                    + " (" + sqs.get().queue().url() + "), and Lambda never invokes it with an empty batch: send a"
                    + " message to the queue" + (sqs.get().enabled() ? "" : " (its event source mapping is disabled)")
                    + ", or post an SQS event as the body");
        }
        return Optional.empty();
    }

    /** The event a run of the schedule at {@code time} sends. */
    static String scheduledEvent(StackDefinition.Schedule schedule, Instant time) {
        Instant scheduled = time.truncatedTo(ChronoUnit.SECONDS);
        if (schedule.kind() == StackDefinition.Schedule.Kind.SCHEDULER) {
            String input = schedule.input().orElse("{}");
            Map<String, String> context = Map.of(
                    "<aws.scheduler.scheduled-time>", scheduled.toString(),
                    "<aws.scheduler.execution-id>", UUID.randomUUID().toString(),
                    "<aws.scheduler.schedule-arn>", schedule.arn(),
                    "<aws.scheduler.attempt-number>", "1");
            for (Map.Entry<String, String> attribute : context.entrySet()) {
                input = input.replace(attribute.getKey(), attribute.getValue());
            }
            return input;
        }
        if (schedule.input().isPresent()) {
            return schedule.input().get();
        }
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", TemplateResolver.ACCOUNT_ID);
        event.put("time", scheduled.toString());
        event.put("region", TemplateResolver.REGION);
        event.putArray("resources").add(schedule.arn());
        event.putObject("detail");
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
