package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.Resource;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * The alarms of template.yaml, read from it: every function has its errors and throttles alarms,
 * every queue a dead-letter queue (or is one) and every dead-letter queue an alarm, every alarm
 * acts on AlarmTopic, and the thresholds an operator tunes come from parameters.
 */
class TemplateAlarmsTest {

    private static final String ALARM = "AWS::CloudWatch::Alarm";
    private static final String QUEUE = "AWS::SQS::Queue";
    /** Thresholds that are not a matter of tuning: "any message in a dead-letter queue", "any throttle", "any capped sign-up". */
    private static final Set<String> FIXED_THRESHOLD_METRICS = Set.of("ApproximateNumberOfMessagesVisible", "Throttles",
            "ConfirmationCapReached");

    private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));

    private List<Resource> alarms() {
        return template.resources().values().stream().filter(resource -> resource.type().equals(ALARM)).toList();
    }

    @Test
    void everyFunctionHasAnErrorsAndAThrottlesAlarm() {
        List<String> missing = new ArrayList<>();
        for (Resource function : template.resources().values()) {
            if (!function.type().equals(SamTemplate.FUNCTION_TYPE)) {
                continue;
            }
            for (String metric : List.of("Errors", "Throttles")) {
                boolean found = alarms().stream().anyMatch(alarm -> "AWS/Lambda".equals(alarm.properties().get("Namespace"))
                        && metric.equals(alarm.properties().get("MetricName"))
                        && dimension(alarm, "FunctionName").equals(Optional.of(Intrinsic.ref(function.logicalId()))));
                if (!found) {
                    missing.add(function.logicalId() + " has no " + metric + " alarm");
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
        assertTrue(template.functions().size() >= 10, "the check must have seen the functions");
    }

    @Test
    void everyRouteHasALatencyAlarmAndIsOnTheDashboard() {
        String dashboard = String.valueOf(template.resources().get("OperationsDashboard").properties().get("DashboardBody"));
        List<String> missing = new ArrayList<>();
        List<String> routes = template.functions().stream().flatMap(function -> function.routes().stream())
                .map(route -> route.method() + " " + route.path()).toList();
        for (String route : routes) {
            boolean alarmed = alarms().stream().anyMatch(alarm -> "AWS/ApiGateway".equals(alarm.properties().get("Namespace"))
                    && "Latency".equals(alarm.properties().get("MetricName"))
                    && dimension(alarm, "Route").equals(Optional.of(route)));
            if (!alarmed) {
                missing.add(route + " has no latency alarm");
            }
            for (String metric : List.of("Count", "5xx", "4xx", "Latency")) {
                if (!dashboard.contains("\"" + metric + "\", \"ApiId\", \"${HttpApi}\", \"Stage\", \"$default\", \"Route\", \"" + route + "\"")) {
                    missing.add(route + " has no " + metric + " line on the dashboard");
                }
            }
        }
        assertTrue(missing.isEmpty(), () -> String.join("\n", missing));
        assertTrue(routes.size() >= 11, "the check must have seen the routes: " + routes);
    }

    @Test
    void everyQueueHasADeadLetterQueueOrIsOneAndEveryDeadLetterQueueAnAlarm() {
        Set<String> deadLetterQueues = deadLetterQueues();
        List<String> findings = new ArrayList<>();
        for (Resource queue : template.resources().values()) {
            if (queue.type().equals(QUEUE) && !queue.properties().containsKey("RedrivePolicy")
                    && !deadLetterQueues.contains(queue.logicalId())) {
                findings.add(queue.logicalId() + " has no dead-letter queue and is none");
            }
        }
        for (String queue : deadLetterQueues) {
            boolean alarmed = alarms().stream().anyMatch(alarm -> "AWS/SQS".equals(alarm.properties().get("Namespace"))
                    && "ApproximateNumberOfMessagesVisible".equals(alarm.properties().get("MetricName"))
                    && Integer.valueOf(0).equals(number(alarm.properties().get("Threshold")))
                    && "GreaterThanThreshold".equals(alarm.properties().get("ComparisonOperator"))
                    && dimension(alarm, "QueueName").equals(Optional.of(new Intrinsic("Fn::GetAtt", List.of(queue, "QueueName")))));
            if (!alarmed) {
                findings.add("dead-letter queue " + queue + " has no alarm on a message in it");
            }
        }
        assertTrue(findings.isEmpty(), () -> String.join("\n", findings));
        assertEquals(Set.of("NewsletterDeadLetterQueue", "SesEventsFailedQueue", "NewsletterScheduleDeadLetterQueue"),
                deadLetterQueues, "the dead-letter queues the check found");
    }

    @Test
    void everyAlarmActsOnTheAlarmTopic() {
        List<String> findings = new ArrayList<>();
        for (Resource alarm : alarms()) {
            Object actions = alarm.properties().get("AlarmActions");
            if (!(actions instanceof List<?> list) || !list.contains(Intrinsic.ref("AlarmTopic"))) {
                findings.add(alarm.logicalId() + " does not notify AlarmTopic");
            }
        }
        assertTrue(findings.isEmpty(), () -> String.join("\n", findings));
        assertTrue(alarms().size() >= 30, "the check must have seen the alarms");
        Resource subscription = template.resources().get("AlarmEmailSubscription");
        assertEquals(Intrinsic.ref("AlarmEmail"), subscription.properties().get("Endpoint"));
        assertEquals(Intrinsic.ref("AlarmTopic"), subscription.properties().get("TopicArn"));
    }

    @Test
    void thresholdsAnOperatorTunesComeFromParameters() {
        Map<?, ?> parameters = (Map<?, ?>) template.document().get("Parameters");
        List<String> findings = new ArrayList<>();
        for (Resource alarm : alarms()) {
            Object threshold = alarm.properties().get("Threshold");
            Optional<Intrinsic> reference = Intrinsic.of(threshold).filter(intrinsic -> intrinsic.name().equals("Ref"));
            if (reference.isPresent()) {
                if (!parameters.containsKey(reference.get().argument())) {
                    findings.add(alarm.logicalId() + "'s threshold refers to " + reference.get().argument() + ", no parameter");
                }
            } else if (!FIXED_THRESHOLD_METRICS.contains(String.valueOf(alarm.properties().get("MetricName")))) {
                findings.add(alarm.logicalId() + "'s threshold " + threshold + " is not a parameter");
            }
        }
        assertTrue(findings.isEmpty(), () -> String.join("\n", findings));
    }

    /** Queues that receive what failed elsewhere: redrive targets, functions' OnFailure destinations, schedules' dead-letter queues. */
    private Set<String> deadLetterQueues() {
        Set<String> queues = new LinkedHashSet<>();
        for (Resource resource : template.resources().values()) {
            if (resource.properties().get("RedrivePolicy") instanceof Map<?, ?> redrive) {
                target(redrive.get("deadLetterTargetArn")).ifPresent(queues::add);
            }
            if (resource.properties().get("EventInvokeConfig") instanceof Map<?, ?> invoke
                    && invoke.get("DestinationConfig") instanceof Map<?, ?> destinations
                    && destinations.get("OnFailure") instanceof Map<?, ?> onFailure) {
                target(onFailure.get("Destination")).ifPresent(queues::add);
            }
            if (resource.properties().get("Events") instanceof Map<?, ?> events) {
                for (Object event : events.values()) {
                    if (event instanceof Map<?, ?> fields && fields.get("Properties") instanceof Map<?, ?> properties
                            && properties.get("DeadLetterConfig") instanceof Map<?, ?> deadLetter
                            && deadLetter.get("QueueLogicalId") instanceof String logicalId) {
                        queues.add(logicalId);
                    }
                }
            }
        }
        return queues;
    }

    private static Optional<String> target(Object arn) {
        return Intrinsic.of(arn).filter(intrinsic -> intrinsic.name().equals("Fn::GetAtt"))
                .map(intrinsic -> (String) ((List<?>) intrinsic.argument()).get(0));
    }

    private static Optional<Object> dimension(Resource alarm, String name) {
        if (!(alarm.properties().get("Dimensions") instanceof List<?> dimensions)) {
            return Optional.empty();
        }
        return dimensions.stream().filter(d -> d instanceof Map<?, ?> map && name.equals(map.get("Name")))
                .map(d -> ((Map<?, ?>) d).get("Value")).findFirst().map(Object.class::cast);
    }

    private static Object number(Object value) {
        return value instanceof Number number ? Integer.valueOf(number.intValue()) : value;
    }
}
