package news.articles.localstack.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** A response as the gateway sends it: status, headers in order (names may repeat), body. */
record GatewayResponse(int status, List<Map.Entry<String, String>> headers, byte[] body) {

    static final String JSON = "application/json";

    GatewayResponse {
        headers = List.copyOf(Objects.requireNonNull(headers, "headers"));
        Objects.requireNonNull(body, "body");
    }

    /** One of API Gateway's own answers: {@code {"message":"Not Found"}} and the like. */
    static GatewayResponse message(int status, String message) {
        return new GatewayResponse(status, List.of(Map.entry("Content-Type", JSON)),
                ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    static GatewayResponse notFound() {
        return message(404, "Not Found");
    }

    /** A {@code 302 Found} to {@code location}, without a body. */
    static GatewayResponse redirect(URI location) {
        return new GatewayResponse(302, List.of(Map.entry("Location", location.toString())), new byte[0]);
    }

    static GatewayResponse internalServerError() {
        return message(500, "Internal Server Error");
    }

    GatewayResponse withHeaders(Map<String, String> extra) {
        if (extra.isEmpty()) {
            return this;
        }
        List<Map.Entry<String, String>> all = new ArrayList<>(headers.size() + extra.size());
        for (Map.Entry<String, String> header : headers) {
            if (extra.keySet().stream().noneMatch(name -> name.equalsIgnoreCase(header.getKey()))) {
                all.add(header);
            }
        }
        all.addAll(extra.entrySet());
        return new GatewayResponse(status, all, body);
    }

    /** The first value of a header, by case-insensitive name; null if absent. */
    String header(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return headers.stream().filter(h -> h.getKey().toLowerCase(Locale.ROOT).equals(lower))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
