package news.articles.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.tools.local.SamEnvFile;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.HttpRoute;
import news.articles.tools.template.Resource;
import news.articles.tools.template.SamTemplate;

/**
 * What the local stack runs, read from template.yaml: each function with its environment as the
 * template resolves it (then as an optional sam-local env file overrides it), each HTTP route and
 * the HTTP API's CORS and throttling settings.
 */
public final class StackDefinition {

    static final String HTTP_API_TYPE = "AWS::Serverless::HttpApi";
    private static final int DEFAULT_MEMORY_MB = 128;
    private static final int DEFAULT_TIMEOUT_SECONDS = 3;
    private static final long SAM_DEFAULT_INTEGRATION_TIMEOUT_MILLIS = 5000;

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
