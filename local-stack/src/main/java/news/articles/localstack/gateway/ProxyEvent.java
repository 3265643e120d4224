package news.articles.localstack.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The event an HTTP API sends a Lambda proxy integration, payload format 2.0.
 *
 * <p>Header names are lower-cased and repeated headers joined with commas; the Cookie header goes to
 * {@code cookies} instead; query parameters are decoded and repeated ones joined with commas; the
 * body is text for {@code text/*}, {@code application/json}, {@code application/xml} and
 * {@code application/javascript}, and base64 for anything else, HTML forms and a missing
 * Content-Type included.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html">Lambda proxy integrations for HTTP APIs</a>
 */
final class ProxyEvent {

    static final String ACCOUNT_ID = "123456789012";
    static final String API_ID = "local";
    static final String STAGE = "$default";
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final JsonFactory JSON = new JsonFactory();

    private ProxyEvent() {
    }

    /** What the gateway knows of a request when it builds the event. */
    record Request(
            String method,
            String rawQueryString,
            Map<String, List<String>> headers,
            byte[] body,
            String sourceIp,
            String protocol,
            String requestId,
            Instant time) {

        Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(rawQueryString, "rawQueryString");
            Objects.requireNonNull(headers, "headers");
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(sourceIp, "sourceIp");
            Objects.requireNonNull(protocol, "protocol");
            Objects.requireNonNull(requestId, "requestId");
            Objects.requireNonNull(time, "time");
        }
    }

    static byte[] build(Request request, Router.Match match) {
        Map<String, String> headers = new TreeMap<>();
        List<String> cookies = new ArrayList<>();
        request.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String value : values) {
                    for (String cookie : value.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else {
                String joined = String.join(",", values);
                headers.merge(lower, joined, (first, second) -> first + "," + second);
            }
        });
        Map<String, String> query = queryParameters(request.rawQueryString());
        String host = headers.getOrDefault("host", "");
        String domainName = host.isEmpty() ? "localhost" : host;

        ByteArrayOutputStream out = new ByteArrayOutputStream(512 + request.body().length * 4 / 3);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("version", "2.0");
            json.writeStringField("routeKey", match.route().routeKey());
            json.writeStringField("rawPath", match.path());
            json.writeStringField("rawQueryString", request.rawQueryString());
            if (!cookies.isEmpty()) {
                json.writeArrayFieldStart("cookies");
                for (String cookie : cookies) {
                    json.writeString(cookie);
                }
                json.writeEndArray();
            }
            writeStrings(json, "headers", headers);
            if (!query.isEmpty()) {
                writeStrings(json, "queryStringParameters", query);
            }
            json.writeObjectFieldStart("requestContext");
            json.writeStringField("accountId", ACCOUNT_ID);
            json.writeStringField("apiId", API_ID);
            json.writeStringField("domainName", domainName);
            json.writeStringField("domainPrefix", domainPrefix(domainName));
            json.writeObjectFieldStart("http");
            json.writeStringField("method", request.method());
            json.writeStringField("path", match.path());
            json.writeStringField("protocol", request.protocol());
            json.writeStringField("sourceIp", request.sourceIp());
            json.writeStringField("userAgent", headers.getOrDefault("user-agent", ""));
            json.writeEndObject();
            json.writeStringField("requestId", request.requestId());
            json.writeStringField("routeKey", match.route().routeKey());
            json.writeStringField("stage", STAGE);
            json.writeStringField("time", TIME.format(request.time()));
            json.writeNumberField("timeEpoch", request.time().toEpochMilli());
            json.writeEndObject();
            boolean base64 = false;
            if (request.body().length > 0) {
                base64 = !isText(headers.get("content-type"));
                json.writeStringField("body", base64
                        ? Base64.getEncoder().encodeToString(request.body())
                        : new String(request.body(), StandardCharsets.UTF_8));
            }
            if (!match.pathParameters().isEmpty()) {
                writeStrings(json, "pathParameters", match.pathParameters());
            }
            json.writeBooleanField("isBase64Encoded", base64);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the event", e);
        }
        return out.toByteArray();
    }

    /**
     * Whether an HTTP API passes a body of this type as text. The documentation says only that a
     * binary body is base64-encoded; this split was observed on real HTTP APIs (reported with
     * ministackorg/ministack#766), and events/subscribe-form.json records the same for an HTML form.
     */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return mediaType.startsWith("text/") || mediaType.equals("application/json")
                || mediaType.equals("application/xml") || mediaType.equals("application/javascript");
    }

    /** Decoded, repeated names joined with commas, a name without {@code =} mapped to an empty value. */
    static Map<String, String> queryParameters(String rawQuery) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQueryPart(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQueryPart(pair.substring(equals + 1));
            if (!name.isEmpty()) {
                parameters.merge(name, value, (first, second) -> first + "," + second);
            }
        }
        return parameters;
    }

    /** As a form decodes it: {@code +} is a space; a malformed escape is kept as it came. */
    private static String decodeQueryPart(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return part;
        }
    }

    /** The first label of the host name; the whole host for an address or a name without dots. */
    private static String domainPrefix(String domainName) {
        String host = domainName;
        if (host.startsWith("[")) {
            return host;
        }
        int colon = host.indexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        if (host.matches("[0-9.]+")) {
            return host;
        }
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static void writeStrings(JsonGenerator json, String field, Map<String, String> values) throws IOException {
        json.writeObjectFieldStart(field);
        for (Map.Entry<String, String> entry : values.entrySet()) {
            json.writeStringField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }
}
