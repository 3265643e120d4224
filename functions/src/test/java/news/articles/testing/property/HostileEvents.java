package news.articles.testing.property;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * API Gateway HTTP API (payload 2.0) events for one route, from well-formed to hostile: odd
 * methods, paths, path parameters, query strings, headers and bodies, events of the wrong shape or
 * version, and input that is not JSON or not even UTF-8.
 */
public final class HostileEvents {

    private static final JsonFactory JSON = new JsonFactory();

    /** What a route reads, so that generated events reach its code and not just its first check. */
    public record Route(String path, List<String> methods, List<String> pathParameters, List<String> queryNames,
            List<String> bodyFields) {
        public Route {
            methods = List.copyOf(methods);
            pathParameters = List.copyOf(pathParameters);
            queryNames = List.copyOf(queryNames);
            bodyFields = List.copyOf(bodyFields);
        }
    }

    /** The bytes a function is invoked with; shown as text (lossy) when a property fails. */
    public record RawEvent(byte[] bytes) {
        @Override
        public String toString() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private final Route route;
    private final Gen<String> pathValues;
    private final Gen<String> fieldValues;

    /**
     * {@code pathValues} for the route's path parameters and {@code fieldValues} for its body fields
     * and query parameters: the near-misses of what the route accepts, such as slugs or tokens.
     */
    public HostileEvents(Route route, Gen<String> pathValues, Gen<String> fieldValues) {
        this.route = route;
        this.pathValues = pathValues;
        this.fieldValues = Gen.frequency(3, fieldValues, 1, HostileText.any());
    }

    public Gen<RawEvent> events() {
        return Gen.frequency(
                12, random -> render(event(random), random.nextInt(3) == 0),
                3, random -> render(mutate(event(random), random), random.nextBoolean()),
                2, this::notAnEvent);
    }

    private Obj event(Random random) {
        String method = Gen.frequency(8, Gen.of(route.methods()), 1, Gen.of("HEAD", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE"),
                1, Gen.of("get", "post", "", "G\u0000ET", "GET\r\n", "\u00c9", "X".repeat(300))).next(random);
        String path = Gen.frequency(4, Gen.constant(route.path()), 1, HostileText.around(Gen.constant(route.path())),
                1, HostileText.any()).next(random);
        Obj headers = headers(random);
        Obj query = new Obj();
        StringBuilder rawQuery = new StringBuilder();
        int parameters = random.nextInt(4);
        for (int i = 0; i < parameters; i++) {
            String name = Gen.frequency(4, Gen.of(route.queryNames().isEmpty() ? List.of("q") : route.queryNames()),
                    1, HostileText.any()).next(random);
            String value = random.nextInt(5) == 0
                    ? fieldValues.next(random) + "," + fieldValues.next(random) // a repeated parameter, as API Gateway joins it
                    : fieldValues.next(random);
            query.put(name, value);
            rawQuery.append(rawQuery.length() == 0 ? "" : "&").append(encode(name)).append('=').append(encode(value));
        }
        Obj event = new Obj()
                .put("version", "2.0")
                .put("routeKey", method + " " + route.path())
                .put("rawPath", path)
                .put("rawQueryString", random.nextInt(8) == 0 ? HostileText.any().next(random) : rawQuery.toString());
        if (random.nextInt(6) == 0) {
            event.put("cookies", List.of(HostileText.any().next(random), "session=abc"));
        }
        event.put("headers", headers);
        if (!query.isEmpty() || random.nextInt(4) == 0) {
            event.put("queryStringParameters", query);
        }
        Obj pathParameters = new Obj();
        for (String name : route.pathParameters()) {
            if (random.nextInt(10) != 0) {
                pathParameters.put(name, pathValues.next(random));
            }
        }
        if (!pathParameters.isEmpty()) {
            event.put("pathParameters", pathParameters);
        }
        event.put("requestContext", new Obj()
                .put("accountId", "123456789012")
                .put("apiId", "abc123")
                .put("domainName", "abc123.execute-api.eu-west-1.amazonaws.com")
                .put("http", new Obj()
                        .put("method", method)
                        .put("path", path)
                        .put("protocol", "HTTP/1.1")
                        .put("sourceIp", Gen.frequency(5, Gen.constant("198.51.100.7"), 1, Gen.constant("2001:db8::7"), 1, HostileText.any()).next(random))
                        .put("userAgent", "test"))
                .put("requestId", "JKJaXmPLvHcESHA=")
                .put("routeKey", method + " " + route.path())
                .put("stage", "$default")
                .put("timeEpoch", 1748856600000L));
        body(random, event, headers);
        return event;
    }

    private Obj headers(Random random) {
        Obj headers = new Obj();
        headers.put(oddCase("host", random), "abc123.execute-api.eu-west-1.amazonaws.com");
        if (random.nextInt(4) != 0) {
            headers.put(oddCase("user-agent", random), Gen.frequency(3, Gen.constant("Mozilla/5.0 (test)"), 2, HostileText.any()).next(random));
        }
        if (random.nextInt(3) != 0) {
            headers.put(oddCase("accept", random), Gen.frequency(
                    4, Gen.of("*/*", "application/json", "text/html,application/xhtml+xml,*/*;q=0.8", "TEXT/HTML", "text/html;q=0",
                            "application/json, text/html", ""),
                    1, HostileText.any()).next(random));
        }
        if (random.nextInt(4) == 0) {
            headers.put(oddCase("if-none-match", random), Gen.of("*", "W/\"x\"", "\"a\", \"b\"", "\"\"", ",,,", "W/", "\"x\"\r\nSet-Cookie: a=b",
                    "\"" + "a".repeat(10_000) + "\"").next(random));
        }
        int extra = random.nextInt(3);
        for (int i = 0; i < extra; i++) {
            headers.put(Gen.frequency(2, Gen.of("x-forwarded-for", "cookie", "origin", "referer", "x-amzn-trace-id", "content-length",
                    "transfer-encoding", "X-Custom"), 1, HostileText.any()).next(random), HostileText.any().next(random));
        }
        if (random.nextInt(10) == 0) {
            headers.put("accept", "application/json"); // a second header of one name: the parser must not choke
        }
        return headers;
    }

    private void body(Random random, Obj event, Obj headers) {
        switch (random.nextInt(10)) {
            case 0 -> {
                // no body at all, sometimes with a content type
                if (random.nextBoolean()) {
                    headers.put("content-type", contentType(random));
                }
                event.put("isBase64Encoded", false);
            }
            case 1, 2, 3 -> {
                headers.put(oddCase("content-type", random), Gen.frequency(5, Gen.of("application/json", "application/json; charset=utf-8",
                        "Application/JSON", "application/problem+json"), 1, Gen.of(contentType(random))).next(random));
                putBody(random, event, jsonBody(random));
            }
            case 4, 5 -> {
                headers.put(oddCase("content-type", random), Gen.frequency(5, Gen.of("application/x-www-form-urlencoded",
                        "application/x-www-form-urlencoded; charset=UTF-8"), 1, Gen.of(contentType(random))).next(random));
                putBody(random, event, formBody(random));
            }
            case 6 -> {
                headers.put("content-type", contentType(random));
                byte[] binary = Gen.bytes(0, 3000).next(random);
                event.put("body", Base64.getEncoder().encodeToString(binary));
                event.put("isBase64Encoded", true);
            }
            case 7 -> {
                headers.put("content-type", Gen.of("application/json", "application/x-www-form-urlencoded").next(random));
                event.put("body", Gen.of("@@@", "abc", "YWJj\n", "YW Jj", "YWJj====", "-_-_", "\u00e9", "====", "Y",
                        "e30", HostileText.any().next(random)).next(random));
                event.put("isBase64Encoded", true);
            }
            case 8 -> {
                headers.put("content-type", Gen.of("application/json", "application/x-www-form-urlencoded", "text/plain").next(random));
                String text = HostileText.huge(200_000).next(random);
                putBody(random, event, text);
            }
            default -> {
                headers.put("content-type", contentType(random));
                putBody(random, event, HostileText.any().next(random));
            }
        }
    }

    private static void putBody(Random random, Obj event, String text) {
        if (random.nextInt(3) == 0) {
            // API Gateway base64-encodes bodies it does not take for text, forms among them.
            event.put("body", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            event.put("isBase64Encoded", true);
        } else {
            event.put("body", text);
            event.put("isBase64Encoded", false);
        }
    }

    private static String contentType(Random random) {
        return Gen.frequency(3, Gen.of("text/plain", "multipart/form-data; boundary=x", "application/xml", "", ";",
                        "application/json;;;", "application/jsonx", "application/x-www-form-urlencodedx", "json",
                        "application/json\r\nX-Injected: 1", "APPLICATION/X-WWW-FORM-URLENCODED"),
                1, HostileText.any()).next(random);
    }

    private String jsonBody(Random random) {
        String field = route.bodyFields().isEmpty() ? "email" : Gen.of(route.bodyFields()).next(random);
        return switch (random.nextInt(9)) {
            case 0 -> jsonObject(field, quote(fieldValues.next(random), random.nextBoolean()));
            case 1 -> jsonObject(field, Gen.of("1", "-0", "1e999999", "9".repeat(2000), "true", "false", "null", "[]", "{}",
                    "[\"reader@example.com\"]", "{\"email\":\"reader@example.com\"}", "\"\"").next(random));
            case 2 -> Gen.of("", " ", "{", "}", "{\"" + field + "\":}", "{'" + field + "':'x'}", "{\"" + field + "\":\"x\",}",
                    "{}{}", "{\"" + field + "\":\"x\"} trailing", "[]", "null", "\"string\"", "42", "\ufeff{}",
                    "{\"" + field + "\":NaN}", "{/*c*/}", "{\"" + field + "\":\"a\",\"" + field + "\":\"b\"}",
                    "{\"" + field + "\":\"\\ud800\"}", "{\"" + field + "\":\"\\u0000\"}", "{\"" + field + "\":\"\\x41\"}",
                    "{\"\\ud800\":1}").next(random);
            case 3 -> {
                int depth = Gen.of(33, 100, 1000, 3000).next(random);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                yield "{\"" + field + "\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}";
            }
            case 4 -> {
                String valid = jsonObject(field, quote(fieldValues.next(random), false));
                yield valid.substring(0, random.nextInt(valid.length() + 1));
            }
            case 5 -> {
                StringBuilder members = new StringBuilder("{");
                int count = random.nextInt(5);
                for (int i = 0; i < count; i++) {
                    members.append(i == 0 ? "" : ",").append(quote(Gen.frequency(2, Gen.of(route.bodyFields().isEmpty()
                            ? List.of("x") : route.bodyFields()), 1, HostileText.any()).next(random), random.nextBoolean()))
                            .append(':').append(quote(fieldValues.next(random), random.nextBoolean()));
                }
                yield members.append('}').toString();
            }
            default -> jsonObject(field, quote(fieldValues.next(random), false));
        };
    }

    private String formBody(Random random) {
        String field = route.bodyFields().isEmpty() ? "email" : Gen.of(route.bodyFields()).next(random);
        return switch (random.nextInt(6)) {
            case 0 -> field + "=" + encode(fieldValues.next(random));
            case 1 -> field + "=" + fieldValues.next(random); // not encoded at all
            case 2 -> Gen.of("", "=", "&&&", field, field + "=", "=x", field + "=%", field + "=%zz", field + "=%e9%80",
                    field + "=a&" + field + "=b", field + "=a&website=http%3A%2F%2Fspam", "List-Unsubscribe=One-Click",
                    field + "=a+b%2B", "%ff=1", field + "=%00").next(random);
            case 3 -> field + "=" + encode(fieldValues.next(random)) + "&" + encode(HostileText.any().next(random)) + "="
                    + encode(HostileText.any().next(random));
            default -> field + "=" + encode(fieldValues.next(random));
        };
    }

    private Obj mutate(Obj event, Random random) {
        switch (random.nextInt(14)) {
            case 0 -> event.remove("requestContext");
            case 1 -> event.put("requestContext", Gen.of("x", "", List.of(), 1).next(random));
            case 2 -> ((Obj) event.get("requestContext")).remove("http");
            case 3 -> ((Obj) ((Obj) event.get("requestContext")).get("http")).put("method", Gen.of(1, List.of("GET"), new Obj()).next(random));
            case 4 -> {
                // a REST API (payload 1.0) event sent to an HTTP API function
                event.put("version", "1.0");
                event.put("httpMethod", route.methods().get(0));
                event.put("resource", route.path());
                ((Obj) event.get("requestContext")).remove("http");
                ((Obj) event.get("requestContext")).put("httpMethod", route.methods().get(0));
            }
            case 5 -> event.put("version", Gen.of("3.0", "", "2", "2.0.0").next(random));
            case 6 -> event.put("headers", Gen.of(List.of("accept: */*"), "accept: */*", 1).next(random));
            case 7 -> ((Obj) event.get("headers")).put("accept", Gen.of(1, List.of("text/html"), new Obj()).next(random));
            case 8 -> event.put("queryStringParameters", Gen.of(List.of("limit=1"), "limit=1", new Obj().put("limit", 5)).next(random));
            case 9 -> event.put("pathParameters", new Obj().put("slug", Gen.of(1, List.of("a"), new Obj(), true).next(random)));
            case 10 -> event.put("body", Gen.of(1, new Obj().put("email", "reader@example.com"), List.of("x"), true).next(random));
            case 11 -> event.put("isBase64Encoded", Gen.of("true", 1, "false", "yes").next(random));
            case 12 -> event.putDuplicate(Gen.of("headers", "body", "requestContext", "version").next(random), "x");
            default -> event.putDuplicate("unknown", HostileText.any().next(random));
        }
        return event;
    }

    private RawEvent notAnEvent(Random random) {
        byte[] bytes = switch (random.nextInt(8)) {
            case 0 -> Gen.bytes(0, 200).next(random);
            case 1 -> HostileText.any().next(random).getBytes(StandardCharsets.UTF_8);
            case 2 -> Gen.of("", " ", "[]", "null", "42", "\"event\"", "{", "{}", "{\"requestContext\":null}", "\ufeff{}",
                    "{\"version\":\"2.0\",\"requestContext\":{\"http\":{}}}").next(random).getBytes(StandardCharsets.UTF_8);
            case 3 -> ("[".repeat(Gen.of(100, 5000, 50_000).next(random))).getBytes(StandardCharsets.UTF_8);
            case 4 -> {
                byte[] valid = render(event(random), false).bytes();
                yield java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            }
            case 5 -> {
                byte[] valid = render(event(random), false).bytes();
                valid[random.nextInt(valid.length)] = (byte) (0x80 + random.nextInt(0x80)); // no longer UTF-8
                yield valid;
            }
            case 6 -> ("\ufeff" + render(event(random), false)).getBytes(StandardCharsets.UTF_8);
            default -> Gen.of("{\"Records\":[]}", "<xml/>", "GET / HTTP/1.1\r\n\r\n").next(random).getBytes(StandardCharsets.UTF_8);
        };
        return new RawEvent(bytes);
    }

    private static String oddCase(String name, Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> name.toUpperCase(java.util.Locale.ROOT);
            case 1 -> {
                StringBuilder mixed = new StringBuilder(name.length());
                for (char c : name.toCharArray()) {
                    mixed.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
                }
                yield mixed.toString();
            }
            default -> name;
        };
    }

    private static String jsonObject(String field, String valueJson) {
        return "{\"" + field + "\":" + valueJson + "}";
    }

    /** A JSON string literal; with {@code escapeAll}, every non-ASCII character as a \\u escape, so lone surrogates survive. */
    public static String quote(String text, boolean escapeAll) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = generator(out, escapeAll)) {
            json.writeString(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static RawEvent render(Obj event, boolean escapeNonAscii) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = generator(out, escapeNonAscii)) {
            write(json, event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new RawEvent(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static JsonGenerator generator(StringWriter out, boolean escapeNonAscii) throws IOException {
        JsonGenerator json = JSON.createGenerator(out);
        if (escapeNonAscii) {
            json.enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
        }
        return json;
    }

    private static void write(JsonGenerator json, Object value) throws IOException {
        if (value instanceof Obj object) {
            json.writeStartObject();
            for (Map.Entry<String, Object> entry : object.entries) {
                json.writeFieldName(entry.getKey());
                write(json, entry.getValue());
            }
            json.writeEndObject();
        } else if (value instanceof List<?> list) {
            json.writeStartArray();
            for (Object element : list) {
                write(json, element);
            }
            json.writeEndArray();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof Integer number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean bool) {
            json.writeBoolean(bool);
        } else if (value == null) {
            json.writeNull();
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass());
        }
    }

    /** A JSON object that keeps its members' order and may repeat a name, as hostile JSON can. */
    static final class Obj {
        private final List<Map.Entry<String, Object>> entries = new ArrayList<>();

        Obj put(String name, Object value) {
            remove(name);
            entries.add(new SimpleEntry<>(name, value));
            return this;
        }

        Obj putDuplicate(String name, Object value) {
            entries.add(new SimpleEntry<>(name, value));
            return this;
        }

        Object get(String name) {
            return entries.stream().filter(entry -> entry.getKey().equals(name)).map(Map.Entry::getValue).findFirst().orElse(null);
        }

        void remove(String name) {
            entries.removeIf(entry -> entry.getKey().equals(name));
        }

        boolean isEmpty() {
            return entries.isEmpty();
        }
    }
}
