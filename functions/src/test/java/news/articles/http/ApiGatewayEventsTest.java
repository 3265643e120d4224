package news.articles.http;

import static news.articles.testing.JsonTree.at;
import static news.articles.testing.JsonTree.integer;
import static news.articles.testing.JsonTree.object;
import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import news.articles.http.ApiGatewayEvents.MalformedEventException;
import news.articles.json.Json;
import news.articles.testing.JsonTree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ApiGatewayEventsTest {

    /** As API Gateway sends it, after the example in the payload 2.0 documentation. */
    private static final String FORM_POST = """
            {
              "version": "2.0",
              "routeKey": "POST /subscriptions/confirm",
              "rawPath": "/subscriptions/confirm",
              "rawQueryString": "utm_source=email&lang=en",
              "cookies": ["session=abc123", "theme=dark"],
              "headers": {
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Content-Type": "application/x-www-form-urlencoded",
                "content-length": "25",
                "Host": "abc123.execute-api.eu-west-1.amazonaws.com",
                "X-Forwarded-For": "198.51.100.7",
                "user-agent": "Mozilla/5.0 (X11; Linux x86_64)"
              },
              "queryStringParameters": {"utm_source": "email", "lang": "en"},
              "pathParameters": {"slug": "heat-pumps"},
              "stageVariables": {"stage": "prod"},
              "requestContext": {
                "accountId": "123456789012",
                "apiId": "abc123",
                "domainName": "abc123.execute-api.eu-west-1.amazonaws.com",
                "domainPrefix": "abc123",
                "http": {
                  "method": "post",
                  "path": "/subscriptions/confirm",
                  "protocol": "HTTP/1.1",
                  "sourceIp": "198.51.100.7",
                  "userAgent": "Mozilla/5.0 (X11; Linux x86_64)"
                },
                "requestId": "JKJaXmPLvHcESHA=",
                "routeKey": "POST /subscriptions/confirm",
                "stage": "$default",
                "time": "02/Jun/2025:09:30:00 +0000",
                "timeEpoch": 1748856600000
              },
              "body": "dG9rZW49YWJjLmRlZiZ4PTErMiUyMQ==",
              "isBase64Encoded": true
            }
            """;

    @Test
    void readsAPayload2Event() {
        HttpRequest request = read(FORM_POST);

        assertEquals("POST", request.method());
        assertEquals("/subscriptions/confirm", request.path());
        assertEquals("utm_source=email&lang=en", request.rawQueryString());
        assertEquals(Optional.of("application/x-www-form-urlencoded"), request.header("content-type"));
        assertEquals(Optional.of("application/x-www-form-urlencoded"), request.mediaType());
        assertEquals(Optional.of("abc123.execute-api.eu-west-1.amazonaws.com"), request.header("host"));
        assertEquals(Optional.of("198.51.100.7"), request.header("x-forwarded-for"));
        assertEquals(Optional.of("session=abc123; theme=dark"), request.header("cookie"));
        assertEquals(Optional.of("email"), request.queryParameter("utm_source"));
        assertEquals(Optional.of("en"), request.queryParameter("lang"));
        assertEquals(Optional.of("heat-pumps"), request.pathParameter("slug"));
        assertEquals(Optional.empty(), request.pathParameter("other"));
        assertTrue(request.bodyBase64Encoded());
        assertEquals("token=abc.def&x=1+2%21", request.bodyText());
        assertEquals("198.51.100.7", request.sourceIp());
    }

    @Test
    void headerNamesAreLowerCasedAndOnlyLowerCaseNamesFindThem() {
        HttpRequest request = read(FORM_POST);

        assertTrue(request.headers().keySet().stream().allMatch(name -> name.equals(name.toLowerCase())),
                request.headers().keySet().toString());
        assertEquals(Optional.empty(), request.header("Content-Type"));
    }

    @Test
    void keepsACookieHeaderOverTheCookiesArray() {
        HttpRequest request = read("""
                {"rawPath": "/", "cookies": ["a=1"], "headers": {"Cookie": "b=2"},
                 "requestContext": {"http": {"method": "GET"}}}
                """);

        assertEquals(Optional.of("b=2"), request.header("cookie"));
    }

    @Test
    void aMinimalEventHasEmptyDefaults() {
        HttpRequest request = read("{\"requestContext\": {\"http\": {\"method\": \"GET\", \"path\": \"/articles/x\"}}}");

        assertEquals("GET", request.method());
        assertEquals("/articles/x", request.path());
        assertEquals("", request.rawQueryString());
        assertEquals(Map.of(), request.headers());
        assertEquals(Map.of(), request.queryParameters());
        assertEquals(Map.of(), request.pathParameters());
        assertEquals(Optional.empty(), request.body());
        assertEquals("", request.bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "not json", "<xml/>", "{", "{\"requestContext\": {\"http\": {\"method\": \"GET\"}}} trailing",
        "[]", "[{\"requestContext\": {\"http\": {\"method\": \"GET\"}}}]", "\"GET\"", "42", "null", "true",
        "{}", "{\"requestContext\": {}}", "{\"requestContext\": {\"http\": {}}}",
        "{\"requestContext\": {\"http\": {\"method\": 7}}}", "{\"requestContext\": {\"http\": {\"method\": null}}}",
        "{\"requestContext\": \"GET\"}", "{\"httpMethod\": \"GET\", \"path\": \"/\"}",
        "{\"a\": 1, \"a\": 2, \"requestContext\": {\"http\": {\"method\": \"GET\"}}}"})
    void rejectsWhatIsNotAnHttpApiEvent(String event) {
        assertThrows(MalformedEventException.class, () -> read(event));
    }

    @Test
    void rejectsEventsNestedDeeperThanAnyRealOne() {
        String deep = "{\"requestContext\": {\"http\": {\"method\": \"GET\"}}, \"body\": " + "[".repeat(100) + "]".repeat(100) + "}";
        assertThrows(MalformedEventException.class, () -> read(deep));
    }

    @Test
    void writesTheResponseThatApiGatewayExpects() throws IOException {
        HttpResponse response = HttpResponse.json(201, "{\"name\":\"Zoë \\\"Z\\\"\"}").withHeader("etag", "\"abc\"");
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ApiGatewayEvents.write(response, out);

        Object written = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(201, integer(written, "statusCode"));
        assertEquals(Map.of(
                "content-type", "application/json; charset=utf-8",
                "x-content-type-options", "nosniff",
                "cache-control", "no-store",
                "etag", "\"abc\""), object(written, "headers"));
        assertEquals("{\"name\":\"Zoë \\\"Z\\\"\"}", string(written, "body"));
        assertEquals(Boolean.FALSE, at(written, "isBase64Encoded"));
        assertEquals("Zoë \"Z\"", string(JsonTree.parse(string(written, "body")), "name"));
    }

    /**
     * The event a function builds to answer itself before a snapshot (SnapStart priming) has the
     * shape of API Gateway's own: every field it has is one of the documented example's, holding
     * the same kind of value, and it holds exactly what the request says.
     */
    @Test
    void anEventBuiltHereHasTheShapeOfApiGatewaysOwn() throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", "1");
        query.put("tag", "ai");
        Object built = JsonTree.parse(new String(ApiGatewayEvents.event("GET", "/articles", Map.of(), query,
                Map.of("accept", "application/json"), null), StandardCharsets.UTF_8));

        assertEquals(JsonTree.parse("""
                {"version": "2.0", "rawPath": "/articles", "rawQueryString": "limit=1&tag=ai",
                 "headers": {"accept": "application/json"}, "queryStringParameters": {"limit": "1", "tag": "ai"},
                 "pathParameters": {}, "requestContext": {"http": {"method": "GET", "path": "/articles", "sourceIp": ""}},
                 "isBase64Encoded": false}
                """), built);
        assertShapedLike(JsonTree.parse(FORM_POST), built, "event");
        Object withBody = JsonTree.parse(new String(
                ApiGatewayEvents.event("POST", "/subscriptions", Map.of(), Map.of(), Map.of(), "{}"), StandardCharsets.UTF_8));
        assertEquals("{}", string(withBody, "body"));
        assertShapedLike(JsonTree.parse(FORM_POST), withBody, "event");
    }

    /** Each field of {@code built} is in {@code gateway} with a value of the same kind, objects field by field. */
    private static void assertShapedLike(Object gateway, Object built, String where) {
        if (built instanceof Map<?, ?> fields) {
            assertTrue(gateway instanceof Map<?, ?>, where + " is an object in API Gateway's event");
            Map<?, ?> gatewayFields = (Map<?, ?>) gateway;
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                String path = where + "." + field.getKey();
                assertTrue(gatewayFields.containsKey(field.getKey()), path + " is not in API Gateway's event");
                Object gatewayValue = gatewayFields.get(field.getKey());
                // Headers, parameters: the names are the request's own; each value is a string.
                if (Set.of("headers", "queryStringParameters", "pathParameters").contains(String.valueOf(field.getKey()))) {
                    assertTrue(gatewayValue instanceof Map<?, ?> && field.getValue() instanceof Map<?, ?> values
                            && values.values().stream().allMatch(String.class::isInstance), path);
                } else {
                    assertShapedLike(gatewayValue, field.getValue(), path);
                }
            }
        } else {
            assertEquals(gateway.getClass(), built.getClass(), where);
        }
    }

    /** The runtime reads what the handler wrote: nothing may stay in a buffer. */
    @Test
    void theResponseIsFlushedToTheRuntimesStream() throws IOException {
        ByteArrayOutputStream runtime = new ByteArrayOutputStream();
        BufferedOutputStream buffered = new BufferedOutputStream(runtime, 1 << 16);

        ApiGatewayEvents.write(HttpResponse.json(200, "{}"), buffered);

        assertEquals(200, integer(JsonTree.parse(runtime.toString(StandardCharsets.UTF_8)), "statusCode"));
    }

    private static HttpRequest read(String event) {
        return ApiGatewayEvents.read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEventBuiltHereReadsBackAsTheRequestItDescribes() throws IOException {
        byte[] event = ApiGatewayEvents.event("POST", "/subscriptions/unsubscribe", Map.of("id", "7"),
                Map.of("token", "abc.def"), Map.of("content-type", "application/x-www-form-urlencoded"),
                "List-Unsubscribe=One-Click");

        HttpRequest request = ApiGatewayEvents.read(new ByteArrayInputStream(event));

        assertEquals("POST", request.method());
        assertEquals("/subscriptions/unsubscribe", request.path());
        assertEquals(Optional.of("abc.def"), request.queryParameter("token"));
        assertEquals(Optional.of("7"), request.pathParameter("id"));
        assertEquals(Optional.of("application/x-www-form-urlencoded"), request.header("content-type"));
        assertEquals(Optional.of("List-Unsubscribe=One-Click"), request.body());
    }
}
