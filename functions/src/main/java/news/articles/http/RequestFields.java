package news.articles.http;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import news.articles.json.Json;

/**
 * The string fields of a request body sent as JSON or as an HTML form
 * ({@code application/x-www-form-urlencoded}), so a plain form works without JavaScript.
 */
public final class RequestFields {

    private final Map<String, Object> fields;

    private RequestFields(Map<String, Object> fields) {
        this.fields = fields;
    }

    public static RequestFields of(HttpRequest request) {
        String mediaType = request.mediaType().orElse("");
        String text = request.bodyText();
        if (mediaType.equals("application/json") || mediaType.endsWith("+json")) {
            return new RequestFields(jsonObject(text));
        }
        if (mediaType.equals("application/x-www-form-urlencoded")) {
            return new RequestFields(form(text));
        }
        throw new ClientErrorException(415, "UNSUPPORTED_MEDIA_TYPE",
                "Send the body as application/json or application/x-www-form-urlencoded.");
    }

    /** The field's text; throws a 400 naming the field when it is present but not a string. */
    public Optional<String> string(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text) {
            return Optional.of(text);
        }
        throw new ClientErrorException(400, "INVALID_FIELD", "The field '" + name + "' must be a string.");
    }

    private static Map<String, Object> jsonObject(String text) {
        Object document;
        try {
            document = Json.read(text);
        } catch (IOException e) {
            throw new ClientErrorException(400, "INVALID_JSON", "The request body is not valid JSON.");
        }
        if (!(document instanceof Map<?, ?> object)) {
            throw new ClientErrorException(400, "INVALID_JSON", "The request body must be a JSON object.");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        object.forEach((key, value) -> fields.put((String) key, value));
        return fields;
    }

    private static Map<String, Object> form(String text) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return fields;
        }
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                if (fields.putIfAbsent(name, value) != null) {
                    throw new ClientErrorException(400, "INVALID_FORM", "The form repeats a field.");
                }
            } catch (IllegalArgumentException e) {
                throw new ClientErrorException(400, "INVALID_FORM", "The form body is not validly URL-encoded.");
            }
        }
        return fields;
    }
}
