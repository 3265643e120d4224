package news.articles.http;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import news.articles.json.Json;

/**
 * Reads the API Gateway HTTP API payload 2.0 event and writes the response it expects.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">payload format 2.0</a>
 */
public final class ApiGatewayEvents {

    private ApiGatewayEvents() {
    }

    /** Throws {@link MalformedEventException} when the input is not such an event. */
    public static HttpRequest read(InputStream in) {
        Object document;
        try {
            document = Json.read(in);
        } catch (IOException e) {
            throw new MalformedEventException("the event is not JSON");
        }
        if (!(document instanceof Map<?, ?> event)) {
            throw new MalformedEventException("the event is not a JSON object");
        }
        Map<?, ?> context = object(event, "requestContext");
        Map<?, ?> http = object(context, "http");
        String method = string(http, "method").orElseThrow(() -> new MalformedEventException("no requestContext.http.method"));
        String path = string(event, "rawPath").or(() -> string(http, "path")).orElse("/");

        Map<String, String> headers = new LinkedHashMap<>();
        strings(event, "headers").forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        List<?> cookies = event.get("cookies") instanceof List<?> list ? list : List.of();
        if (!cookies.isEmpty() && !headers.containsKey("cookie")) {
            StringBuilder cookie = new StringBuilder();
            for (Object value : cookies) {
                if (value instanceof String text) {
                    cookie.append(cookie.length() == 0 ? "" : "; ").append(text);
                }
            }
            headers.put("cookie", cookie.toString());
        }
        return new HttpRequest(
                method,
                path,
                string(event, "rawQueryString").orElse(""),
                headers,
                strings(event, "queryStringParameters"),
                strings(event, "pathParameters"),
                string(event, "body"),
                Boolean.TRUE.equals(event.get("isBase64Encoded")),
                string(http, "sourceIp").orElse(""),
                string(event, "routeKey").filter(key -> ROUTE_KEY.matcher(key).matches()).orElse(HttpRequest.UNKNOWN_ROUTE));
    }

    /**
     * A route key as the template declares routes ({@code GET /articles/{slug}}): logged as it is,
     * so anything else (a forged event) becomes {@link HttpRequest#UNKNOWN_ROUTE}.
     */
    private static final java.util.regex.Pattern ROUTE_KEY = java.util.regex.Pattern.compile(
            "[A-Z]{3,7} (/[A-Za-z0-9_.{}+-]*){1,8}|\\$default");

    /**
     * An event as API Gateway would send it for this request, for a function to answer itself
     * (SnapStart priming). {@code query} goes into both the raw query string and the parameters;
     * its values must need no URL encoding.
     */
    public static byte[] event(String method, String path, Map<String, String> pathParameters, Map<String, String> query,
            Map<String, String> headers, String body) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("version", "2.0");
            json.writeStringField("rawPath", path);
            StringBuilder rawQuery = new StringBuilder();
            query.forEach((name, value) -> rawQuery.append(rawQuery.length() == 0 ? "" : "&").append(name).append('=').append(value));
            json.writeStringField("rawQueryString", rawQuery.toString());
            writeStrings(json, "headers", headers);
            writeStrings(json, "queryStringParameters", query);
            writeStrings(json, "pathParameters", pathParameters);
            json.writeObjectFieldStart("requestContext");
            json.writeObjectFieldStart("http");
            json.writeStringField("method", method);
            json.writeStringField("path", path);
            json.writeStringField("sourceIp", "");
            json.writeEndObject();
            json.writeEndObject();
            if (body != null) {
                json.writeStringField("body", body);
            }
            json.writeBooleanField("isBase64Encoded", false);
            json.writeEndObject();
        }).getBytes(StandardCharsets.UTF_8);
    }

    private static void writeStrings(JsonGenerator json, String name, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    public static void write(HttpResponse response, OutputStream out) throws IOException {
        byte[] bytes = Json.write(json -> writeResponse(json, response)).getBytes(StandardCharsets.UTF_8);
        out.write(bytes);
        out.flush();
    }

    private static void writeResponse(JsonGenerator json, HttpResponse response) throws IOException {
        json.writeStartObject();
        json.writeNumberField("statusCode", response.status());
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : response.headers().entrySet()) {
            json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
        json.writeStringField("body", response.body());
        json.writeBooleanField("isBase64Encoded", false);
        json.writeEndObject();
    }

    private static Map<?, ?> object(Map<?, ?> parent, String name) {
        return parent.get(name) instanceof Map<?, ?> child ? child : Map.of();
    }

    private static Optional<String> string(Map<?, ?> parent, String name) {
        return parent.get(name) instanceof String value ? Optional.of(value) : Optional.empty();
    }

    private static Map<String, String> strings(Map<?, ?> parent, String name) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : object(parent, name).entrySet()) {
            if (entry.getKey() instanceof String key && entry.getValue() instanceof String value) {
                result.put(key, value);
            }
        }
        return result;
    }

    /** The function was invoked with something other than an API Gateway HTTP API event. */
    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message, null, false, false);
        }
    }
}
