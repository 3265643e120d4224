package news.articles.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Builds API Gateway HTTP API (payload 2.0) events the way API Gateway fills them in. */
final class ApiEvents {

    private ApiEvents() {
    }

    static String get(URI url, String routePath, Map<String, String> pathParameters, Map<String, String> headers) {
        return event("GET", routePath, url.getRawPath(), url.getRawQuery() == null ? "" : url.getRawQuery(),
                pathParameters, headers, null, false);
    }

    static String post(String path, Map<String, String> headers, String body, boolean base64) {
        return event("POST", path, path, "", Map.of(), headers, body, base64);
    }

    /** A sign-up as the site's script sends it: JSON with the address. */
    static String subscribe(String email) {
        return postJson("/subscriptions", "email", email);
    }

    /** A confirmation as a script sends it: JSON with the token. */
    static String confirm(String token) {
        return postJson("/subscriptions/confirm", "token", token);
    }

    private static String postJson(String path, String field, String value) {
        return post(path, Map.of("content-type", "application/json"),
                SampleSite.JSON.createObjectNode().put(field, value).toString(), false);
    }

    static String event(String method, String routePath, String rawPath, String rawQuery,
            Map<String, String> pathParameters, Map<String, String> headers, String body, boolean base64) {
        ObjectNode event = SampleSite.JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", method + " " + routePath);
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        ObjectNode headerNode = event.putObject("headers");
        headerNode.put("host", "127.0.0.1:3000");
        headerNode.put("user-agent", "integration-test");
        headers.forEach((name, value) -> headerNode.put(name.toLowerCase(), value));
        if (!rawQuery.isEmpty()) {
            ObjectNode query = event.putObject("queryStringParameters");
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                query.put(name, query.has(name) ? query.get(name).asText() + "," + value : value);
            }
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        ObjectNode http = event.putObject("requestContext").putObject("http");
        http.put("method", method);
        http.put("path", rawPath);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "127.0.0.1");
        http.put("userAgent", "integration-test");
        if (body != null) {
            event.put("body", base64
                    ? Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
                    : body);
        }
        event.put("isBase64Encoded", base64);
        return event.toString();
    }
}
