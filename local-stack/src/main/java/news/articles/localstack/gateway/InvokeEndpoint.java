package news.articles.localstack.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import news.articles.localstack.FunctionInvoker;

/**
 * {@code POST /_local/invoke/{FunctionLogicalId}[?time=ISO-8601]}: invokes any function of the
 * template on the running stack, as Lambda's Invoke API would, with the request body as its event;
 * with no body, with a sample event of its trigger ({@link SampleEvents}: a scheduled run at
 * {@code time}, default now), else a {@code GET} of its first route as API Gateway would send it.
 * Answers {@code 200} with what the function returned (as JSON), {@code 502} with Lambda's error
 * type and message when it failed, and a clear JSON error with a stable {@code code} otherwise.
 */
final class InvokeEndpoint {

    static final String PATH = LocalPages.PREFIX + "/invoke";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FunctionInvoker invoker;
    private final List<String> functions;
    private final List<Route> routes;
    private final SampleEvents samples;
    private final Supplier<Instant> clock;

    InvokeEndpoint(FunctionInvoker invoker, List<String> functions, List<Route> routes, SampleEvents samples,
            Supplier<Instant> clock) {
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.functions = List.copyOf(Objects.requireNonNull(functions, "functions"));
        this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        this.samples = Objects.requireNonNull(samples, "samples");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    static boolean handles(String rawPath) {
        return rawPath.equals(PATH) || rawPath.startsWith(PATH + "/");
    }

    List<String> functions() {
        return functions;
    }

    /** The answer, and the function invoked (null when none was). */
    record Answer(GatewayResponse response, String functionLogicalId) {
    }

    Answer respond(String method, String rawPath, String rawQuery, byte[] body, String requestId) {
        String function = rawPath.length() > PATH.length() + 1
                ? URLDecoder.decode(rawPath.substring(PATH.length() + 1), StandardCharsets.UTF_8) : "";
        if (!method.equals("POST")) {
            return new Answer(error(405, "METHOD_NOT_ALLOWED", "invoke a function with POST " + PATH
                    + "/{FunctionLogicalId}", Map.of("Allow", "POST")), null);
        }
        if (!functions.contains(function)) {
            ObjectNode answer = errorBody("UNKNOWN_FUNCTION", function.isEmpty()
                    ? "name the function: POST " + PATH + "/{FunctionLogicalId}"
                    : "the template has no function " + function);
            ArrayNode known = answer.putArray("functions");
            functions.forEach(known::add);
            return new Answer(json(404, answer, Map.of()), null);
        }
        Instant time = clock.get();
        String timeParameter = ProxyEvent.queryParameters(rawQuery == null ? "" : rawQuery).get("time");
        if (timeParameter != null) {
            try {
                time = parseTime(timeParameter);
            } catch (DateTimeParseException e) {
                return new Answer(error(400, "INVALID_TIME", "time must be an ISO-8601 instant such as"
                        + " 2026-11-20T09:00:00Z, not " + abbreviate(timeParameter), Map.of()), null);
            }
        }
        byte[] event;
        if (body.length > 0) {
            try {
                JSON.readTree(body);
            } catch (IOException e) {
                return new Answer(error(400, "INVALID_EVENT", "the body is the event: it must be JSON, as Lambda's"
                        + " Invoke API requires", Map.of()), null);
            }
            event = body;
        } else {
            Optional<byte[]> sample;
            try {
                sample = samples.sample(function, time);
            } catch (SampleEvents.NoSampleEventException e) {
                return new Answer(error(400, "NO_SAMPLE_EVENT", e.getMessage(), Map.of()), null);
            }
            if (sample.isPresent()) {
                event = sample.get();
            } else {
                Optional<Route> route = routes.stream().filter(r -> r.functionLogicalId().equals(function)).findFirst();
                if (route.isEmpty()) {
                    return new Answer(error(400, "NO_SAMPLE_EVENT", function + " has no trigger the local stack has a"
                            + " sample event for: send its event as the request body", Map.of()), null);
                }
                event = httpEvent(route.get(), requestId, time);
            }
        }
        FunctionInvoker.Invocation invocation = invoker.invoke(function, event);
        if (invocation.outcome() == FunctionInvoker.Outcome.SUCCESS) {
            return new Answer(new GatewayResponse(200, headers(Map.of()), result(invocation.payload())), function);
        }
        ObjectNode failure = errorBody("FUNCTION_ERROR", function + " failed");
        JsonNode lambdaError = parse(invocation.payload());
        failure.put("errorType", lambdaError != null && lambdaError.hasNonNull("errorType")
                ? lambdaError.get("errorType").asText()
                : invocation.outcome() == FunctionInvoker.Outcome.TIMEOUT ? "Sandbox.Timedout" : "Unknown");
        failure.put("errorMessage", lambdaError != null && lambdaError.hasNonNull("errorMessage")
                ? lambdaError.get("errorMessage").asText() : "");
        return new Answer(json(502, failure, Map.of()), function);
    }

    /** An instant ({@code 2026-11-20T09:00:00Z}) or a date-time with an offset ({@code 2026-11-20T10:00:00+01:00}). */
    static Instant parseTime(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return OffsetDateTime.parse(text).toInstant();
        }
    }

    /**
     * A minimal request of the route, as API Gateway sends it: its method ({@code GET} for
     * {@code ANY} and the {@code $default} route), no body, each path parameter its own name.
     */
    private byte[] httpEvent(Route route, String requestId, Instant time) {
        String method = route.method().equals(Route.ANY) ? "GET" : route.method();
        String template = route.isDefault() ? "/" : route.pathTemplate();
        Map<String, String> parameters = new LinkedHashMap<>();
        StringBuilder path = new StringBuilder();
        for (String segment : template.split("/", -1)) {
            if (path.length() > 0 || !segment.isEmpty()) {
                path.append('/');
            }
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String name = segment.substring(1, segment.length() - 1).replace("+", "");
                parameters.put(name, name);
                path.append(name);
            } else {
                path.append(segment);
            }
        }
        String rawPath = path.length() == 0 ? "/" : path.toString();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("127.0.0.1"));
        headers.put("user-agent", List.of("local-stack-invoke"));
        return ProxyEvent.build(new ProxyEvent.Request(method, "", headers, new byte[0], "127.0.0.1", "HTTP/1.1",
                requestId, time), new Router.Match(route, rawPath, parameters));
    }

    /** The function's payload as a JSON document: as it came when it is JSON, null when empty, else as a string. */
    private static byte[] result(byte[] payload) {
        if (payload.length == 0) {
            return "null".getBytes(StandardCharsets.UTF_8);
        }
        if (parse(payload) != null) {
            return payload;
        }
        try {
            return JSON.writeValueAsBytes(new String(payload, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(byte[] payload) {
        try {
            return payload.length == 0 ? null : JSON.readTree(payload);
        } catch (IOException e) {
            return null;
        }
    }

    private static ObjectNode errorBody(String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        body.put("code", code);
        body.put("message", message);
        return body;
    }

    private static GatewayResponse error(int status, String code, String message, Map<String, String> extraHeaders) {
        return json(status, errorBody(code, message), extraHeaders);
    }

    private static GatewayResponse json(int status, ObjectNode body, Map<String, String> extraHeaders) {
        try {
            return new GatewayResponse(status, headers(extraHeaders), JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Map.Entry<String, String>> headers(Map<String, String> extra) {
        List<Map.Entry<String, String>> headers = new java.util.ArrayList<>();
        headers.add(Map.entry("Content-Type", GatewayResponse.JSON));
        headers.add(Map.entry("Cache-Control", "no-store"));
        headers.addAll(extra.entrySet());
        return headers;
    }

    private static String abbreviate(String text) {
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }
}
