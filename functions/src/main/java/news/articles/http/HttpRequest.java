package news.articles.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP request as API Gateway (HTTP API, payload 2.0) hands it to a function: header names
 * lower-cased, repeated headers and query parameters joined with commas.
 */
public record HttpRequest(
        String method,
        String path,
        String rawQueryString,
        Map<String, String> headers,
        Map<String, String> queryParameters,
        Map<String, String> pathParameters,
        Optional<String> body,
        boolean bodyBase64Encoded,
        String sourceIp,
        String route) {

    /** Larger bodies are refused before they are decoded; nothing we accept comes near it. */
    public static final int MAX_BODY_BYTES = 8 * 1024;

    public HttpRequest {
        method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQueryString, "rawQueryString");
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
        queryParameters = Map.copyOf(Objects.requireNonNull(queryParameters, "queryParameters"));
        pathParameters = Map.copyOf(Objects.requireNonNull(pathParameters, "pathParameters"));
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(route, "route");
    }

    /** A request whose route is not known (built by hand, not read from API Gateway's event). */
    public HttpRequest(String method, String path, String rawQueryString, Map<String, String> headers,
            Map<String, String> queryParameters, Map<String, String> pathParameters, Optional<String> body,
            boolean bodyBase64Encoded, String sourceIp) {
        this(method, path, rawQueryString, headers, queryParameters, pathParameters, body, bodyBase64Encoded, sourceIp,
                UNKNOWN_ROUTE);
    }

    /** The route of a request whose event named none, or one that is not a route's shape. */
    public static final String UNKNOWN_ROUTE = "unknown";

    /** {@code name} in lower case, as API Gateway delivers header names. */
    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> queryParameter(String name) {
        return Optional.ofNullable(queryParameters.get(name));
    }

    public Optional<String> pathParameter(String name) {
        return Optional.ofNullable(pathParameters.get(name));
    }

    /** The media type of the body, lower-cased and without parameters such as charset. */
    public Optional<String> mediaType() {
        return header("content-type").map(value -> {
            int semicolon = value.indexOf(';');
            return (semicolon < 0 ? value : value.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        });
    }

    /** The body as UTF-8 text, within {@link #MAX_BODY_BYTES}; empty when there is none. */
    public String bodyText() {
        if (body.isEmpty()) {
            return "";
        }
        String raw = body.get();
        byte[] bytes;
        if (bodyBase64Encoded) {
            if (raw.length() > (MAX_BODY_BYTES / 3 + 1) * 4) {
                throw tooLarge();
            }
            try {
                bytes = Base64.getDecoder().decode(raw);
            } catch (IllegalArgumentException e) {
                throw new ClientErrorException(400, "INVALID_BODY", "The request body is not valid base64.");
            }
        } else {
            if (raw.length() > MAX_BODY_BYTES) {
                throw tooLarge();
            }
            bytes = raw.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ClientErrorException(400, "INVALID_BODY", "The request body is not UTF-8 text.");
        }
    }

    private static ClientErrorException tooLarge() {
        return new ClientErrorException(413, "BODY_TOO_LARGE",
                "The request body is larger than " + MAX_BODY_BYTES + " bytes.");
    }
}
