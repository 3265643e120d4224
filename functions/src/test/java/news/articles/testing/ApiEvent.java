package news.articles.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import news.articles.json.Json;

/**
 * Builds an API Gateway HTTP API payload 2.0 event, shaped like the ones API Gateway sends:
 * {@code ApiEvent.get("/articles/x").pathParameter("slug", "x").json()}.
 */
public final class ApiEvent {

    private final String method;
    private final String path;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new LinkedHashMap<>();
    private final Map<String, String> pathParameters = new LinkedHashMap<>();
    private String body;
    private boolean base64;

    private ApiEvent(String method, String path) {
        this.method = method;
        this.path = path;
        headers.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
        headers.put("user-agent", "Mozilla/5.0 (test)");
        headers.put("x-forwarded-proto", "https");
    }

    public static ApiEvent get(String path) {
        return new ApiEvent("GET", path);
    }

    public static ApiEvent post(String path) {
        return new ApiEvent("POST", path);
    }

    public static ApiEvent request(String method, String path) {
        return new ApiEvent(method, path);
    }

    public ApiEvent header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ApiEvent query(String name, String value) {
        query.put(name, value);
        return this;
    }

    public ApiEvent pathParameter(String name, String value) {
        pathParameters.put(name, value);
        return this;
    }

    /** A JSON body, as fetch() sends it. */
    public ApiEvent jsonBody(String json) {
        headers.put("content-type", "application/json");
        this.body = json;
        this.base64 = false;
        return this;
    }

    /** A form body, which API Gateway hands over base64-encoded. */
    public ApiEvent formBody(String urlEncoded) {
        headers.put("content-type", "application/x-www-form-urlencoded");
        return base64Body(urlEncoded);
    }

    public ApiEvent body(String text) {
        this.body = text;
        this.base64 = false;
        return this;
    }

    public ApiEvent base64Body(String text) {
        this.body = Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        this.base64 = true;
        return this;
    }

    public String json() {
        String rawQuery = query.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("version", "2.0");
            json.writeStringField("routeKey", method + " " + path);
            json.writeStringField("rawPath", path);
            json.writeStringField("rawQueryString", rawQuery);
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                json.writeStringField(header.getKey(), header.getValue());
            }
            json.writeEndObject();
            if (!query.isEmpty()) {
                json.writeObjectFieldStart("queryStringParameters");
                for (Map.Entry<String, String> parameter : query.entrySet()) {
                    json.writeStringField(parameter.getKey(), parameter.getValue());
                }
                json.writeEndObject();
            }
            if (!pathParameters.isEmpty()) {
                json.writeObjectFieldStart("pathParameters");
                for (Map.Entry<String, String> parameter : pathParameters.entrySet()) {
                    json.writeStringField(parameter.getKey(), parameter.getValue());
                }
                json.writeEndObject();
            }
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("accountId", "123456789012");
            json.writeStringField("apiId", "abc123");
            json.writeStringField("domainName", "abc123.execute-api.eu-west-1.amazonaws.com");
            json.writeObjectFieldStart("http");
            json.writeStringField("method", method);
            json.writeStringField("path", path);
            json.writeStringField("protocol", "HTTP/1.1");
            json.writeStringField("sourceIp", "198.51.100.7");
            json.writeStringField("userAgent", "Mozilla/5.0 (test)");
            json.writeEndObject();
            json.writeStringField("requestId", "JKJaXmPLvHcESHA=");
            json.writeStringField("routeKey", method + " " + path);
            json.writeStringField("stage", "$default");
            json.writeNumberField("timeEpoch", 1748856600000L);
            json.writeEndObject();
            if (body != null) {
                json.writeStringField("body", body);
            }
            json.writeBooleanField("isBase64Encoded", base64);
            json.writeEndObject();
        });
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
