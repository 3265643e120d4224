package news.articles.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.localstack.sqs.LocalQueue;
import news.articles.localstack.sqs.SqsEventSource;
import news.articles.tools.local.SamEnvFile;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.HttpRoute;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.Resource;
import news.articles.tools.template.SamTemplate;

/**
 * What the local stack runs, read from template.yaml: each function with its environment as the
 * template resolves it (then as an optional sam-local env file overrides it), each HTTP route and
 * the HTTP API's CORS and throttling settings.
 */
public final class StackDefinition {

    static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
    static final String SCHEDULE_TYPE = "AWS::Scheduler::Schedule";
    /** Where MaximumConcurrency is unset, Lambda scales far beyond what a laptop runs: as many as a function's environments here. */
    public static final int DEFAULT_SQS_CONCURRENCY = 4;
    private static final int DEFAULT_SQS_BATCH_SIZE = 10;
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final long SAM_DEFAULT_INTEGRATION_TIMEOUT_MILLIS = 5000;

    /** The SQS event properties the mapping emulator honours (or, for the last two, may leave aside). */
    private static final List<String> SQS_EVENT_PROPERTIES = List.of("Queue", "BatchSize", "Enabled",
            "MaximumBatchingWindowInSeconds", "FunctionResponseTypes", "ScalingConfig", "MetricsConfig", "KmsKeyArn");

    private final SamTemplate template;
    private final TemplateResolver resolver;

    public StackDefinition(SamTemplate template, TemplateResolver resolver) {
        this.template = Objects.requireNonNull(template, "template");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    /** A route and the function behind it. */
    public record RouteBinding(String method, String path, String functionLogicalId) {
    }

    /** The HTTP API's CorsConfiguration, resolved; empty lists where the template says nothing. */
    public record Cors(List<String> allowOrigins, List<String> allowMethods, List<String> allowHeaders,
            List<String> exposeHeaders, Optional<Integer> maxAgeSeconds, boolean allowCredentials) {
    }

    /**
     * A schedule that invokes a function: a SAM {@code ScheduleV2} (EventBridge Scheduler) or
     * {@code Schedule} (an EventBridge rule) event, or an {@code AWS::Scheduler::Schedule} whose
     * target is the function; {@code input} is the constant input the template gives it, resolved.
     */
    public record Schedule(String functionLogicalId, String name, Kind kind, Optional<String> input) {

        /** Who sends the event: EventBridge Scheduler, or an EventBridge rule. */
        public enum Kind { SCHEDULER, EVENTBRIDGE_RULE }

        public Schedule {
            Objects.requireNonNull(functionLogicalId, "functionLogicalId");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(input, "input");
        }

        /** The schedule's ARN, as its events name it: the schedule (or rule) named after the event here. */
        public String arn() {
            return kind == Kind.SCHEDULER
                    ? "arn:aws:scheduler:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":schedule/default/" + name
                    : "arn:aws:events:" + TemplateResolver.REGION + ":" + TemplateResolver.ACCOUNT_ID + ":rule/" + name;
        }
    }

    /** DefaultRouteSettings' throttling: steady requests per second and burst. */
    public record Throttling(double ratePerSecond, int burst) {
    }

    /**
     * The functions, each with the template's environment resolved, the env file's values over it
     * (SAM's rule: only declared variables), then {@code platform} — what Lambda itself sets and
     * where the local AWS is — over both.
     */
    public List<FunctionSpec> functions(Optional<SamEnvFile> envFile, Map<String, String> platform) {
        List<FunctionSpec> specs = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            Map<String, String> environment = new LinkedHashMap<>();
            function.environment().forEach((name, value) -> environment.put(name,
                    resolver.resolveString(value, function.logicalId() + ".Environment.Variables." + name)));
            envFile.ifPresent(file -> environment.putAll(file.environment(function)));
            environment.putAll(loggingVariables(function.logicalId()));
            environment.putAll(platform);
            specs.add(new FunctionSpec(function.logicalId(), function.handler(), environment,
                    functionSetting(function.logicalId(), "MemorySize", DEFAULT_MEMORY_MB),
                    functionSetting(function.logicalId(), "Timeout", DEFAULT_TIMEOUT_SECONDS)));
        }
        return specs;
    }

    /**
     * Every function's {@code SQS} events, resolved against the local queues (by the ARN their
     * {@code Queue} resolves to), disabled ones included; a queue outside the template fails.
     */
    public List<SqsEventSource> sqsEventSources(Map<String, LocalQueue> queues) {
        List<SqsEventSource> sources = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            String id = function.logicalId();
            events(id).forEach((name, event) -> {
                if (!"SQS".equals(event.get("Type"))) {
                    return;
                }
                String where = id + ".Events." + name;
                Map<?, ?> properties = event.get("Properties") instanceof Map<?, ?> map ? map : Map.of();
                for (Object key : properties.keySet()) {
                    if (!SQS_EVENT_PROPERTIES.contains(String.valueOf(key))) {
                        throw new IllegalArgumentException(where + ": the local stack does not emulate the SQS event"
                                + " property " + key + "; it knows " + SQS_EVENT_PROPERTIES);
                    }
                }
                String arn = resolver.resolveString(properties.get("Queue"), where + ".Queue");
                LocalQueue queue = queues.values().stream().filter(q -> q.arn().equals(arn)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(where + ": the queue " + arn
                                + " is none of the template's queues " + queues.keySet()));
                int batchSize = integer(properties.get("BatchSize"), where + ".BatchSize", DEFAULT_SQS_BATCH_SIZE);
                int window = integer(properties.get("MaximumBatchingWindowInSeconds"),
                        where + ".MaximumBatchingWindowInSeconds", 0);
                boolean reportFailures = properties.get("FunctionResponseTypes") != null
                        && resolvedStrings(properties.get("FunctionResponseTypes"), where + ".FunctionResponseTypes")
                                .contains("ReportBatchItemFailures");
                int concurrency = DEFAULT_SQS_CONCURRENCY;
                if (properties.get("ScalingConfig") instanceof Map<?, ?> scaling
                        && scaling.get("MaximumConcurrency") != null) {
                    concurrency = integer(scaling.get("MaximumConcurrency"), where + ".ScalingConfig.MaximumConcurrency", 0);
                }
                boolean enabled = properties.get("Enabled") == null
                        || Boolean.parseBoolean(resolver.resolveString(properties.get("Enabled"), where + ".Enabled"));
                sources.add(new SqsEventSource(id, String.valueOf(name), queue, batchSize, Duration.ofSeconds(window),
                        reportFailures, concurrency, enabled));
            });
        }
        return sources;
    }

    /**
     * The schedule that invokes the function: its first {@code ScheduleV2} or {@code Schedule}
     * event, else an {@code AWS::Scheduler::Schedule} whose target is the function.
     */
    public Optional<Schedule> schedule(String functionLogicalId) {
        for (Map.Entry<String, Map<?, ?>> event : events(functionLogicalId).entrySet()) {
            Object type = event.getValue().get("Type");
            if (!"ScheduleV2".equals(type) && !"Schedule".equals(type)) {
                continue;
            }
            String where = functionLogicalId + ".Events." + event.getKey();
            Map<?, ?> properties = event.getValue().get("Properties") instanceof Map<?, ?> map ? map : Map.of();
            Object name = properties.get("Name");
            Optional<String> input = Optional.ofNullable(properties.get("Input"))
                    .map(value -> resolver.resolveString(value, where + ".Input"));
            return Optional.of(new Schedule(functionLogicalId,
                    name == null ? functionLogicalId + event.getKey() : resolver.resolveString(name, where + ".Name"),
                    "ScheduleV2".equals(type) ? Schedule.Kind.SCHEDULER : Schedule.Kind.EVENTBRIDGE_RULE, input));
        }
        for (Resource resource : template.resources().values()) {
            if (!resource.type().equals(SCHEDULE_TYPE) || !resolver.exists(resource.logicalId())) {
                continue;
            }
            Map<?, ?> target = resource.properties().get("Target") instanceof Map<?, ?> map ? map : Map.of();
            if (!targets(target.get("Arn"), functionLogicalId)) {
                continue;
            }
            String where = resource.logicalId() + ".Target";
            Object name = resource.properties().get("Name");
            return Optional.of(new Schedule(functionLogicalId,
                    name == null ? resource.logicalId() : resolver.resolveString(name, resource.logicalId() + ".Name"),
                    Schedule.Kind.SCHEDULER, Optional.ofNullable(target.get("Input"))
                            .map(value -> resolver.resolveString(value, where + ".Input"))));
        }
        return Optional.empty();
    }

    /** The types of the function's events, as the template names them ({@code HttpApi}, {@code SQS}, ...). */
    public List<String> eventTypes(String functionLogicalId) {
        return events(functionLogicalId).values().stream().map(event -> String.valueOf(event.get("Type"))).toList();
    }

    /** A target ARN that is the function's: {@code !GetAtt Function.Arn}, or its {@code !Ref}/ARN written out. */
    private boolean targets(Object arn, String functionLogicalId) {
        Optional<Intrinsic> intrinsic = Intrinsic.of(arn);
        if (intrinsic.isPresent() && intrinsic.get().name().equals("Fn::GetAtt")) {
            Object argument = intrinsic.get().argument();
            String resource = argument instanceof List<?> parts ? String.valueOf(parts.get(0))
                    : String.valueOf(argument).split("\\.", 2)[0];
            return resource.equals(functionLogicalId);
        }
        return intrinsic.isPresent() && intrinsic.get().name().equals("Ref")
                && String.valueOf(intrinsic.get().argument()).equals(functionLogicalId);
    }

    private Map<String, Map<?, ?>> events(String functionLogicalId) {
        Resource resource = template.resources().get(functionLogicalId);
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no function " + functionLogicalId);
        }
        Map<String, Map<?, ?>> events = new LinkedHashMap<>();
        if (resource.properties().get("Events") instanceof Map<?, ?> all) {
            all.forEach((name, event) -> {
                if (event instanceof Map<?, ?> definition) {
                    events.put(String.valueOf(name), definition);
                }
            });
        }
        return events;
    }

    private int integer(Object value, String where, int defaultValue) {
        if (value == null) {
            return defaultValue;
        }
        String text = resolver.resolveString(value, where);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + " is " + text + ", not a whole number");
        }
    }

    private List<String> resolvedStrings(Object value, String where) {
        return strings(resolver.resolve(value, where));
    }

    public List<RouteBinding> routes() {
        List<RouteBinding> routes = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            for (HttpRoute route : function.routes()) {
                routes.add(new RouteBinding(route.method(), route.path(), function.logicalId()));
            }
        }
        return routes;
    }

    public Optional<Cors> cors() {
        return httpApiProperty("CorsConfiguration").map(value -> {
            Map<?, ?> cors = (Map<?, ?>) resolver.resolve(value, "HttpApi.CorsConfiguration");
            return new Cors(strings(cors.get("AllowOrigins")), strings(cors.get("AllowMethods")),
                    strings(cors.get("AllowHeaders")), strings(cors.get("ExposeHeaders")),
                    Optional.ofNullable(cors.get("MaxAge")).map(age -> Integer.parseInt(String.valueOf(age))),
                    Boolean.parseBoolean(String.valueOf(cors.get("AllowCredentials"))));
        });
    }

    public Optional<Throttling> throttling() {
        return httpApiProperty("DefaultRouteSettings").flatMap(value -> {
            Map<?, ?> settings = (Map<?, ?>) resolver.resolve(value, "HttpApi.DefaultRouteSettings");
            Object rate = settings.get("ThrottlingRateLimit");
            Object burst = settings.get("ThrottlingBurstLimit");
            return rate == null || burst == null
                    ? Optional.empty()
                    : Optional.of(new Throttling(Double.parseDouble(String.valueOf(rate)),
                            Integer.parseInt(String.valueOf(burst))));
        });
    }

    /**
     * How long the front waits for a function: the longest TimeoutInMillis of the HttpApi events,
     * or SAM's default of 5 s where none is set.
     */
    public java.time.Duration integrationTimeout() {
        long millis = 0;
        boolean unset = false;
        for (FunctionDefinition function : template.functions()) {
            Object events = template.resources().get(function.logicalId()).properties().get("Events");
            if (!(events instanceof Map<?, ?> eventMap)) {
                continue;
            }
            for (Object event : eventMap.values()) {
                if (event instanceof Map<?, ?> definition && "HttpApi".equals(definition.get("Type"))) {
                    Object timeout = definition.get("Properties") instanceof Map<?, ?> properties
                            ? properties.get("TimeoutInMillis") : null;
                    if (timeout == null) {
                        unset = true;
                    } else {
                        millis = Math.max(millis, Long.parseLong(resolver.resolveString(timeout, function.logicalId()
                                + ".Events.TimeoutInMillis")));
                    }
                }
            }
        }
        // millis == 0: no HttpApi event at all, and the front takes no zero timeout.
        return java.time.Duration.ofMillis(unset || millis == 0
                ? Math.max(millis, SAM_DEFAULT_INTEGRATION_TIMEOUT_MILLIS) : millis);
    }

    private Optional<Object> httpApiProperty(String name) {
        List<Resource> apis = template.resources().values().stream()
                .filter(resource -> resource.type().equals(HTTP_API_TYPE))
                .toList();
        if (apis.size() > 1) {
            throw new IllegalArgumentException("the local stack serves one HTTP API; the template declares " + apis.size());
        }
        return apis.isEmpty() ? Optional.empty() : Optional.ofNullable(apis.get(0).properties().get(name));
    }

    /** What Lambda sets from LoggingConfig, so the runtime formats logs as it would in AWS. */
    private Map<String, String> loggingVariables(String logicalId) {
        // SAM merges a map property over the Globals one, key by key.
        Map<Object, Object> logging = new LinkedHashMap<>();
        if (globalsFunction().get("LoggingConfig") instanceof Map<?, ?> global) {
            logging.putAll(global);
        }
        if (template.resources().get(logicalId).properties().get("LoggingConfig") instanceof Map<?, ?> own) {
            logging.putAll(own);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        Object format = logging.get("LogFormat");
        if (format != null) {
            variables.put("AWS_LAMBDA_LOG_FORMAT", resolver.resolveString(format, logicalId + ".LoggingConfig.LogFormat"));
        }
        Object level = logging.get("ApplicationLogLevel");
        if (level != null) {
            variables.put("AWS_LAMBDA_LOG_LEVEL", resolver.resolveString(level, logicalId + ".LoggingConfig.ApplicationLogLevel"));
        }
        return variables;
    }

    /** The function's own setting, else the Globals one, else Lambda's default. */
    private int functionSetting(String logicalId, String name, int defaultValue) {
        Object own = template.resources().get(logicalId).properties().get(name);
        Object global = globalsFunction().get(name);
        Object value = own != null ? own : global;
        return value == null ? defaultValue : Integer.parseInt(resolver.resolveString(value, logicalId + "." + name));
    }

    private Map<?, ?> globalsFunction() {
        if (template.document().get("Globals") instanceof Map<?, ?> globals
                && globals.get("Function") instanceof Map<?, ?> function) {
            return function;
        }
        return Map.of();
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
