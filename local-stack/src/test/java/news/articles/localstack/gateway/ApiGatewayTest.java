package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import news.articles.localstack.FunctionInvoker.Invocation;
import news.articles.localstack.FunctionInvoker.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ApiGatewayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALLOWED_ORIGIN = "https://www.example.com";
    private static final List<Route> ROUTES = List.of(
            new Route("GET", "/articles/{slug}", "GetArticleFunction"),
            new Route("GET", "/articles/{slug}/recommendations", "ListRecommendationsFunction"),
            new Route("POST", "/subscriptions", "SubscribeFunction"),
            new Route("GET", "/subscriptions/confirm", "ConfirmSubscriptionFunction"),
            new Route("POST", "/subscriptions/confirm", "ConfirmSubscriptionFunction"));
    private static final CorsPolicy CORS = new CorsPolicy(List.of(ALLOWED_ORIGIN), List.of("GET", "POST"),
            List.of("content-type", "if-none-match"), List.of("etag", "retry-after"), Optional.of(600), false);

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final FakeInvoker invoker = new FakeInvoker();
    private final List<String> accessLog = new CopyOnWriteArrayList<>();
    private final List<ApiGateway> started = new ArrayList<>();

    @AfterEach
    void closeGateways() {
        started.forEach(ApiGateway::close);
    }

    private ApiGateway start(CorsPolicy cors, Throttle throttle, Outbox outbox, Duration integrationTimeout) {
        ApiGateway gateway = new ApiGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ROUTES, cors,
                throttle, invoker, outbox, accessLog::add, integrationTimeout);
        started.add(gateway);
        gateway.start();
        return gateway;
    }

    private ApiGateway start() {
        return start(CORS, null, Outbox.empty(), ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static HttpRequest.Builder request(ApiGateway gateway, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(gateway.endpoint() + pathAndQuery));
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> iterator = node.fieldNames();
        iterator.forEachRemaining(names::add);
        return names;
    }

    private static void assertGatewayMessage(HttpResponse<byte[]> response, int status, String message)
            throws IOException {
        assertEquals(status, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
        assertEquals(JSON.createObjectNode().put("message", message), json(response));
        assertTrue(response.headers().firstValue("apigw-requestid").isPresent());
    }

    @Nested
    class TheEvent {

        @Test
        void ofAGetWithQueryCookiesAndRepeatedHeadersHasEveryField() throws IOException {
            ApiGateway gateway = start();
            Instant before = Instant.now().minusMillis(1);
            HttpResponse<byte[]> response = send(request(gateway,
                    "/articles/caf%C3%A9-au-lait?limit=5&tag=a&tag=b&flag&q=a+b%26c")
                    .header("Cookie", "session=abc; theme=dark")
                    .header("X-Multi", "one")
                    .header("X-Multi", "two")
                    .header("User-Agent", "event-test/1.0")
                    .header("Accept", "application/json")
                    .GET());
            Instant after = Instant.now().plusMillis(1);
            assertEquals(200, response.statusCode());

            FakeInvoker.Call call = invoker.onlyCall();
            assertEquals("GetArticleFunction", call.functionLogicalId());
            JsonNode event = call.json();
            assertEquals(List.of("version", "routeKey", "rawPath", "rawQueryString", "cookies", "headers",
                    "queryStringParameters", "requestContext", "pathParameters", "isBase64Encoded"), fieldNames(event));
            assertEquals("2.0", event.get("version").asText());
            assertEquals("GET /articles/{slug}", event.get("routeKey").asText());
            assertEquals("/articles/café-au-lait", event.get("rawPath").asText());
            assertEquals("limit=5&tag=a&tag=b&flag&q=a+b%26c", event.get("rawQueryString").asText());
            assertEquals(JSON.readTree("[\"session=abc\",\"theme=dark\"]"), event.get("cookies"));

            JsonNode headers = event.get("headers");
            String host = "127.0.0.1:" + gateway.port();
            assertEquals("one,two", headers.get("x-multi").asText());
            assertEquals("event-test/1.0", headers.get("user-agent").asText());
            assertEquals("application/json", headers.get("accept").asText());
            assertEquals(host, headers.get("host").asText());
            assertEquals("127.0.0.1", headers.get("x-forwarded-for").asText());
            assertEquals(Integer.toString(gateway.port()), headers.get("x-forwarded-port").asText());
            assertEquals("http", headers.get("x-forwarded-proto").asText());
            assertTrue(headers.get("x-amzn-trace-id").asText().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"));
            assertNull(headers.get("cookie"), "the Cookie header goes to cookies");
            fieldNames(headers).forEach(name -> assertEquals(name.toLowerCase(Locale.ROOT), name));

            assertEquals(JSON.readTree("{\"limit\":\"5\",\"tag\":\"a,b\",\"flag\":\"\",\"q\":\"a b&c\"}"),
                    event.get("queryStringParameters"));
            assertEquals(JSON.readTree("{\"slug\":\"café-au-lait\"}"), event.get("pathParameters"));
            assertFalse(event.has("body"));
            assertFalse(event.get("isBase64Encoded").asBoolean());
            assertFalse(event.has("stageVariables"));

            JsonNode context = event.get("requestContext");
            assertEquals(List.of("accountId", "apiId", "domainName", "domainPrefix", "http", "requestId", "routeKey",
                    "stage", "time", "timeEpoch"), fieldNames(context));
            assertEquals("123456789012", context.get("accountId").asText());
            assertEquals("local", context.get("apiId").asText());
            assertEquals(host, context.get("domainName").asText());
            assertEquals("127.0.0.1", context.get("domainPrefix").asText());
            assertEquals(JSON.readTree("{\"method\":\"GET\",\"path\":\"/articles/café-au-lait\",\"protocol\":\"HTTP/1.1\","
                    + "\"sourceIp\":\"127.0.0.1\",\"userAgent\":\"event-test/1.0\"}"), context.get("http"));
            assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(),
                    context.get("requestId").asText());
            assertTrue(context.get("requestId").asText().matches("[A-Za-z0-9+/]{15}="));
            assertEquals("GET /articles/{slug}", context.get("routeKey").asText());
            assertEquals("$default", context.get("stage").asText());
            Instant time = Instant.ofEpochMilli(context.get("timeEpoch").asLong());
            assertFalse(time.isBefore(before) || time.isAfter(after), time + " not within the request");
            assertEquals(DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss '+0000'", Locale.ENGLISH)
                    .withZone(ZoneOffset.UTC).format(time), context.get("time").asText());
        }

        @Test
        void withoutQueryCookiesOrParametersLeavesThoseFieldsOut() throws IOException {
            ApiGateway gateway = start();
            send(request(gateway, "/subscriptions/confirm").GET());
            JsonNode event = invoker.onlyCall().json();
            assertEquals("", event.get("rawQueryString").asText());
            assertFalse(event.has("queryStringParameters"));
            assertFalse(event.has("cookies"));
            assertFalse(event.has("pathParameters"));
            assertFalse(event.has("body"));
            assertEquals("GET /subscriptions/confirm", event.get("routeKey").asText());
        }

        @Test
        void ofAFormPostCarriesTheBodyInBase64() throws IOException {
            ApiGateway gateway = start();
            String form = "email=form.reader%40example.com";
            send(request(gateway, "/subscriptions")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(form)));
            JsonNode event = invoker.onlyCall().json();
            assertEquals("POST /subscriptions", event.get("routeKey").asText());
            assertTrue(event.get("isBase64Encoded").asBoolean());
            assertEquals(form, new String(Base64.getDecoder().decode(event.get("body").asText()), StandardCharsets.UTF_8));
            assertEquals("application/x-www-form-urlencoded", event.get("headers").get("content-type").asText());
            assertEquals(Integer.toString(form.length()), event.get("headers").get("content-length").asText());
            assertEquals("POST", event.get("requestContext").get("http").get("method").asText());
        }

        @Test
        void ofAJsonPostCarriesTheBodyAsText() throws IOException {
            ApiGateway gateway = start();
            String body = "{\"email\": \"Zoë@example.com\"}";
            send(request(gateway, "/subscriptions")
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
            JsonNode event = invoker.onlyCall().json();
            assertFalse(event.get("isBase64Encoded").asBoolean());
            assertEquals(body, event.get("body").asText());
        }

        @Test
        void ofABodyWithoutContentTypeIsBase64() throws IOException {
            ApiGateway gateway = start();
            send(request(gateway, "/subscriptions").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, (byte) 255})));
            JsonNode event = invoker.onlyCall().json();
            assertTrue(event.get("isBase64Encoded").asBoolean());
            assertEquals("AQL/", event.get("body").asText());
        }

        @Test
        void appendsTheClientToAnXForwardedForItWasSent() throws IOException {
            ApiGateway gateway = start();
            send(request(gateway, "/subscriptions/confirm").header("X-Forwarded-For", "203.0.113.10").GET());
            assertEquals("203.0.113.10, 127.0.0.1",
                    invoker.onlyCall().json().get("headers").get("x-forwarded-for").asText());
        }
    }

    @Nested
    class TheResponse {

        @Test
        void takesStatusHeadersCookiesAndBodyFromTheFunction() {
            ApiGateway gateway = start();
            invoker.answer(FakeInvoker.success("{\"statusCode\": 201, \"headers\": {\"Content-Type\": \"text/html; "
                    + "charset=utf-8\", \"X-Custom\": \"yes\", \"Content-Length\": \"999\"}, \"cookies\": [\"a=1; Path=/\", "
                    + "\"b=2; HttpOnly\"], \"body\": \"<p>created</p>\", \"isBase64Encoded\": false}"));
            HttpResponse<byte[]> response = send(request(gateway, "/subscriptions")
                    .POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(201, response.statusCode());
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("yes", response.headers().firstValue("x-custom").orElseThrow());
            assertEquals(List.of("a=1; Path=/", "b=2; HttpOnly"), response.headers().allValues("set-cookie"));
            assertEquals("<p>created</p>", text(response));
            assertEquals(List.of(Long.toString(response.body().length)), response.headers().allValues("content-length"));
        }

        @Test
        void decodesABase64Body() {
            ApiGateway gateway = start();
            byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
            invoker.answer(FakeInvoker.success("{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"},"
                    + "\"body\":\"" + Base64.getEncoder().encodeToString(png) + "\",\"isBase64Encoded\":true}"));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").GET());
            assertEquals(200, response.statusCode());
            assertArrayEquals(png, response.body());
        }

        @Test
        void namesTextPlainWhenTheFunctionNamesNoContentType() {
            ApiGateway gateway = start();
            invoker.answer(FakeInvoker.success("{\"statusCode\":400,\"body\":\"no\"}"));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").GET());
            assertEquals(400, response.statusCode());
            assertEquals("text/plain; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
        }

        @Test
        void sendsNoBodyWithA204OrA304() {
            ApiGateway gateway = start();
            invoker.answer(FakeInvoker.success("{\"statusCode\":304,\"headers\":{\"ETag\":\"\\\"v1\\\"\"},\"body\":\"ignored\"}"));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").header("If-None-Match", "\"v1\"").GET());
            assertEquals(304, response.statusCode());
            assertEquals(0, response.body().length);
            assertEquals("\"v1\"", response.headers().firstValue("etag").orElseThrow());
        }

        @Test
        void infersA200JsonResponseWhenThereIsNoStatusCode() {
            ApiGateway gateway = start();
            String payload = "{\"message\": \"Hello from Lambda!\", \"body\": \"not this\"}";
            invoker.answer(FakeInvoker.success(payload));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").GET());
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
            assertEquals(payload, text(response));
        }

        @Test
        void passesAPayloadThatIsNotJsonAsTheBodyOfA200AsObserved() {
            ApiGateway gateway = start();
            invoker.answer(FakeInvoker.success("{\"name\": \"John Doe\", \"age\":"));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").GET());
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
            assertEquals("{\"name\": \"John Doe\", \"age\":", text(response));
        }

        @Test
        void answers500ForAMalformedResponse() throws IOException {
            ApiGateway gateway = start();
            for (String payload : List.of("{\"statusCode\":\"200\"}", "{\"statusCode\":99}", "{\"statusCode\":200,\"body\":{}}",
                    "{\"statusCode\":200,\"headers\":[]}", "{\"statusCode\":200,\"cookies\":\"a=1\"}",
                    "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}")) {
                invoker.answer(FakeInvoker.success(payload));
                assertGatewayMessage(send(request(gateway, "/articles/x").GET()), 500, "Internal Server Error");
            }
        }

        @Test
        void answers500ForAFunctionErrorAndForAFunctionThatTimedOut() throws IOException {
            ApiGateway gateway = start();
            invoker.answer(new Invocation(Outcome.FUNCTION_ERROR,
                    "{\"errorMessage\":\"boom\",\"errorType\":\"java.lang.IllegalStateException\"}".getBytes(StandardCharsets.UTF_8)));
            HttpResponse<byte[]> error = send(request(gateway, "/articles/x").GET());
            assertGatewayMessage(error, 500, "Internal Server Error");
            assertFalse(text(error).contains("boom"));

            invoker.answer(new Invocation(Outcome.TIMEOUT, new byte[0]));
            assertGatewayMessage(send(request(gateway, "/articles/x").GET()), 500, "Internal Server Error");

            invoker.answer(call -> {
                throw new IllegalStateException("the runtime is gone");
            });
            assertGatewayMessage(send(request(gateway, "/articles/x").GET()), 500, "Internal Server Error");
        }

        @Test
        void answers503WhenTheIntegrationTimesOut() throws IOException {
            ApiGateway gateway = start(CORS, null, Outbox.empty(), Duration.ofMillis(200));
            CountDownLatch release = new CountDownLatch(1);
            invoker.answer(call -> {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return FakeInvoker.success("{\"statusCode\":200}");
            });
            try {
                assertGatewayMessage(send(request(gateway, "/articles/x").GET()), 503, "Service Unavailable");
            } finally {
                release.countDown();
            }
        }

        @Test
        void givesEveryResponseItsOwnRequestId() {
            ApiGateway gateway = start();
            String first = send(request(gateway, "/articles/x").GET()).headers().firstValue("apigw-requestid").orElseThrow();
            String second = send(request(gateway, "/nowhere").GET()).headers().firstValue("apigw-requestid").orElseThrow();
            assertNotEquals(first, second);
        }
    }

    @Nested
    class ApiGatewaysOwnAnswers {

        @Test
        void notFoundForAnUnknownPath() throws IOException {
            ApiGateway gateway = start();
            assertGatewayMessage(send(request(gateway, "/nowhere").GET()), 404, "Not Found");
            assertGatewayMessage(send(request(gateway, "/articles/a/b/c").GET()), 404, "Not Found");
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void theRootRedirectsToTheSiteOnlyWhenAskedTo() throws IOException {
            ApiGateway plain = start();
            assertGatewayMessage(send(request(plain, "/").GET()), 404, "Not Found");

            ApiGateway gateway = new ApiGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ROUTES, CORS,
                    null, invoker, Outbox.empty(), accessLog::add, ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            started.add(gateway);
            gateway.redirectHomeTo(URI.create("http://127.0.0.1:5173/"));
            gateway.start();
            HttpResponse<byte[]> home = send(request(gateway, "/").GET());
            assertEquals(302, home.statusCode());
            assertEquals("http://127.0.0.1:5173/", home.headers().firstValue("location").orElseThrow());
            assertEquals(0, home.body().length);
            assertEquals(302, send(request(gateway, "/").method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode());
            // Only the root, and only for reading: every other path is the API's.
            assertGatewayMessage(send(request(gateway, "/").POST(HttpRequest.BodyPublishers.noBody())), 404, "Not Found");
            assertGatewayMessage(send(request(gateway, "/nowhere").GET()), 404, "Not Found");
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void notFoundForAWrongMethodOnAnExistingPath() throws IOException {
            ApiGateway gateway = start();
            assertGatewayMessage(send(request(gateway, "/subscriptions").GET()), 404, "Not Found");
            assertGatewayMessage(send(request(gateway, "/articles/x").DELETE()), 404, "Not Found");
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void requestEntityTooLargeOverTenMegabytes() throws IOException {
            ApiGateway gateway = start();
            HttpResponse<byte[]> tooLarge = send(request(gateway, "/subscriptions")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiGateway.PAYLOAD_LIMIT_BYTES + 1])));
            assertGatewayMessage(tooLarge, 413, "Request Entity Too Large");
            assertTrue(invoker.calls().isEmpty());

            HttpResponse<byte[]> atTheLimit = send(request(gateway, "/subscriptions")
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[ApiGateway.PAYLOAD_LIMIT_BYTES])));
            assertEquals(200, atTheLimit.statusCode());
            assertEquals(1, invoker.calls().size());
        }

        @Test
        void tooManyRequestsPastTheRoutesBurst() throws IOException {
            ApiGateway gateway = start(CORS, new Throttle(0, 2), Outbox.empty(), ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            assertEquals(200, send(request(gateway, "/articles/a").GET()).statusCode());
            assertEquals(200, send(request(gateway, "/articles/b").GET()).statusCode());
            assertGatewayMessage(send(request(gateway, "/articles/c").GET()), 429, "Too Many Requests");
            assertEquals(2, invoker.calls().size());
            // Another route has its own bucket.
            assertEquals(200, send(request(gateway, "/subscriptions/confirm").GET()).statusCode());
        }
    }

    @Nested
    class Cors {

        @Test
        void answersAPreflightFromAnAllowedOriginItself() {
            ApiGateway gateway = start();
            HttpResponse<byte[]> response = send(request(gateway, "/subscriptions")
                    .header("Origin", ALLOWED_ORIGIN)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, response.statusCode());
            assertEquals(ALLOWED_ORIGIN, response.headers().firstValue("access-control-allow-origin").orElseThrow());
            assertEquals("GET,POST", response.headers().firstValue("access-control-allow-methods").orElseThrow());
            assertEquals("content-type,if-none-match",
                    response.headers().firstValue("access-control-allow-headers").orElseThrow());
            assertEquals("600", response.headers().firstValue("access-control-max-age").orElseThrow());
            assertTrue(response.headers().firstValue("access-control-allow-credentials").isEmpty());
            assertTrue(response.headers().firstValue("apigw-requestid").isPresent());
            assertEquals(0, response.body().length);
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void answersAPreflightFromAnotherOriginWithoutCorsHeaders() {
            ApiGateway gateway = start();
            HttpResponse<byte[]> response = send(request(gateway, "/subscriptions")
                    .header("Origin", "https://evil.example")
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
            assertEquals(204, response.statusCode());
            response.headers().map().keySet().forEach(name -> assertFalse(name.toLowerCase(Locale.ROOT)
                    .startsWith("access-control-"), name));
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void answersAPreflightForAMethodOrHeaderItDoesNotAllowWithoutCorsHeaders() {
            ApiGateway gateway = start();
            for (String[] asked : new String[][] {{"DELETE", "content-type"}, {"POST", "content-type, x-api-key"}}) {
                HttpResponse<byte[]> response = send(request(gateway, "/subscriptions")
                        .header("Origin", ALLOWED_ORIGIN)
                        .header("Access-Control-Request-Method", asked[0])
                        .header("Access-Control-Request-Headers", asked[1])
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
                assertEquals(204, response.statusCode());
                response.headers().map().keySet().forEach(name -> assertFalse(name.toLowerCase(Locale.ROOT)
                        .startsWith("access-control-"), String.join(" ", asked) + ": " + name));
            }
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void routesAnOptionsRequestThatIsNotAPreflight() throws IOException {
            ApiGateway gateway = start();
            assertGatewayMessage(send(request(gateway, "/subscriptions")
                    .header("Origin", ALLOWED_ORIGIN).method("OPTIONS", HttpRequest.BodyPublishers.noBody())),
                    404, "Not Found");
        }

        @Test
        void withoutACorsConfigurationAPreflightIsJustARequest() throws IOException {
            ApiGateway gateway = start(CorsPolicy.none(), null, Outbox.empty(), ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            assertGatewayMessage(send(request(gateway, "/subscriptions")
                    .header("Origin", ALLOWED_ORIGIN)
                    .header("Access-Control-Request-Method", "POST")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())), 404, "Not Found");
        }

        @Test
        void addsItsHeadersForAnAllowedOriginOverTheFunctions() {
            ApiGateway gateway = start();
            invoker.answer(FakeInvoker.success("{\"statusCode\":200,\"headers\":{\"Access-Control-Allow-Origin\":\"*\","
                    + "\"access-control-allow-credentials\":\"true\",\"ETag\":\"\\\"v1\\\"\"},\"body\":\"{}\"}"));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").header("Origin", ALLOWED_ORIGIN).GET());
            assertEquals(List.of(ALLOWED_ORIGIN), response.headers().allValues("access-control-allow-origin"));
            assertEquals("etag,retry-after", response.headers().firstValue("access-control-expose-headers").orElseThrow());
            assertTrue(response.headers().firstValue("access-control-allow-credentials").isEmpty());
            assertEquals("\"v1\"", response.headers().firstValue("etag").orElseThrow());
        }

        @Test
        void addsNothingForAnotherOriginOrNoOriginAndDropsTheFunctions() {
            ApiGateway gateway = start();
            invoker.answer(FakeInvoker.success("{\"statusCode\":200,\"headers\":{\"Access-Control-Allow-Origin\":\"*\"}}"));
            for (HttpRequest.Builder request : List.of(
                    request(gateway, "/articles/x").header("Origin", "https://evil.example").GET(),
                    request(gateway, "/articles/x").GET())) {
                HttpResponse<byte[]> response = send(request);
                assertEquals(200, response.statusCode());
                response.headers().map().keySet().forEach(name -> assertFalse(name.toLowerCase(Locale.ROOT)
                        .startsWith("access-control-"), name));
            }
        }

        @Test
        void withoutACorsConfigurationTheFunctionsHeadersPass() {
            ApiGateway gateway = start(CorsPolicy.none(), null, Outbox.empty(), ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            invoker.answer(FakeInvoker.success("{\"statusCode\":200,\"headers\":{\"Access-Control-Allow-Origin\":\"*\"}}"));
            HttpResponse<byte[]> response = send(request(gateway, "/articles/x").header("Origin", ALLOWED_ORIGIN).GET());
            assertEquals("*", response.headers().firstValue("access-control-allow-origin").orElseThrow());
        }
    }

    @Nested
    class LocalPagesOverHttp {

        private final Outbox outbox = () -> List.of(
                new OutboxEmail(Instant.parse("2026-03-01T10:05:00Z"), "newsletter@example.com",
                        List.of("reader@example.com"), "Confirm <script>alert(1)</script>",
                        "<p>Hello \"reader\" & welcome</p><a href=\"http://127.0.0.1:3000/subscriptions/confirm?token=abc.def\">"
                                + "Confirm</a><script>alert(2)</script>"),
                new OutboxEmail(Instant.parse("2026-03-01T10:00:00Z"), "newsletter@example.com",
                        List.of("a@example.com", "b@example.com"), "Plain", "Visit https://news.example/x now"));

        @Test
        void theOutboxPageEscapesEverythingAndLinksTheConfirmation() {
            ApiGateway gateway = start(CORS, null, outbox, ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            HttpResponse<byte[]> response = send(request(gateway, "/_local/outbox").GET());
            assertEquals(200, response.statusCode());
            assertEquals("text/html; charset=utf-8", response.headers().firstValue("content-type").orElseThrow());
            assertTrue(response.headers().firstValue("content-security-policy").orElseThrow().contains("default-src 'none'"));
            String page = text(response);
            assertFalse(page.contains("<script>"), page);
            assertTrue(page.contains("Confirm &lt;script&gt;alert(1)&lt;/script&gt;"));
            assertTrue(page.contains("<iframe sandbox=\"\""));
            assertTrue(page.contains("srcdoc=\"&lt;p&gt;Hello &quot;reader&quot; &amp; welcome"));
            assertTrue(page.contains("<a href=\"http://127.0.0.1:3000/subscriptions/confirm?token=abc.def\""));
            assertTrue(page.contains("2026-03-01 10:05:00 UTC"));
            assertTrue(page.contains("a@example.com, b@example.com"));
            assertTrue(page.indexOf("Confirm &lt;script") < page.indexOf("Plain"), "newest first");
            assertTrue(page.contains("<pre>Visit https://news.example/x now</pre>"));
            assertTrue(invoker.calls().isEmpty());
        }

        @Test
        void theOutboxAsJson() throws IOException {
            ApiGateway gateway = start(CORS, null, outbox, ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            HttpResponse<byte[]> response = send(request(gateway, "/_local/outbox.json").GET());
            assertEquals(200, response.statusCode());
            assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
            JsonNode emails = json(response).get("emails");
            assertEquals(2, emails.size());
            JsonNode first = emails.get(0);
            assertEquals("2026-03-01T10:05:00Z", first.get("sentAt").asText());
            assertEquals("newsletter@example.com", first.get("from").asText());
            assertEquals(JSON.readTree("[\"reader@example.com\"]"), first.get("to"));
            assertEquals("Confirm <script>alert(1)</script>", first.get("subject").asText());
            assertTrue(first.get("body").asText().startsWith("<p>Hello"));
            assertEquals(JSON.readTree("[\"http://127.0.0.1:3000/subscriptions/confirm?token=abc.def\"]"), first.get("links"));
        }

        @Test
        void theIndexListsTheRoutes() {
            ApiGateway gateway = start();
            for (String path : List.of("/_local/", "/_local")) {
                HttpResponse<byte[]> response = send(request(gateway, path).GET());
                assertEquals(200, response.statusCode());
                String page = text(response);
                assertTrue(page.contains("<a href=\"/_local/outbox\">"));
                assertTrue(page.contains("<td>GET</td><td><code>/articles/{slug}/recommendations</code></td>"
                        + "<td>ListRecommendationsFunction</td>"), page);
                assertTrue(page.contains("<a href=\"/subscriptions/confirm\">"));
            }
        }

        @Test
        void otherLocalPathsAndMethods() throws IOException {
            ApiGateway gateway = start();
            assertGatewayMessage(send(request(gateway, "/_local/nothing").GET()), 404, "Not Found");
            HttpResponse<byte[]> post = send(request(gateway, "/_local/outbox").POST(HttpRequest.BodyPublishers.noBody()));
            assertEquals(405, post.statusCode());
            assertEquals("GET, HEAD", post.headers().firstValue("allow").orElseThrow());
        }

        @Test
        void refreshesTheOutboxAfterEveryInvocation() {
            List<String> refreshes = new CopyOnWriteArrayList<>();
            Outbox counting = new Outbox() {
                @Override
                public List<OutboxEmail> emails() {
                    return List.of();
                }

                @Override
                public void refresh() {
                    refreshes.add("refresh");
                }
            };
            ApiGateway gateway = start(CORS, null, counting, ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            send(request(gateway, "/subscriptions").POST(HttpRequest.BodyPublishers.noBody()));
            send(request(gateway, "/nowhere").GET());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (refreshes.isEmpty() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            }
            assertEquals(1, refreshes.size(), "after the invocation only, not after the 404");
            send(request(gateway, "/_local/outbox.json").GET());
            assertEquals(2, refreshes.size());
        }

        @Test
        void routesUnderTheLocalPrefixAreRefused() {
            assertThrows(IllegalArgumentException.class, () -> new ApiGateway(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    List.of(new Route("GET", "/_local/outbox", "f")), CORS, null, invoker, Outbox.empty()));
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void theAccessLogHasOneLinePerRequestWithoutQueryClientOrEmail() {
            ApiGateway gateway = start();
            send(request(gateway, "/subscriptions/confirm?token=secret-token-value").GET());
            send(request(gateway, "/articles/someone%40example.com").GET());
            send(request(gateway, "/nowhere?email=reader@example.com").GET());
            send(request(gateway, "/_local/outbox.json").GET());
            assertEquals(4, accessLog.size(), accessLog.toString());
            String confirm = accessLog.get(0);
            assertTrue(confirm.matches("\\S+Z GET /subscriptions/confirm 200 \\d+ ms ConfirmSubscriptionFunction"), confirm);
            assertTrue(accessLog.get(1).matches("\\S+ GET /articles/\\[redacted\\] 200 \\d+ ms GetArticleFunction"),
                    accessLog.get(1));
            assertTrue(accessLog.get(2).matches("\\S+ GET /nowhere 404 \\d+ ms -"), accessLog.get(2));
            assertTrue(accessLog.get(3).matches("\\S+ GET /_local/outbox.json 200 \\d+ ms -"), accessLog.get(3));
            for (String line : accessLog) {
                assertFalse(line.contains("secret") || line.contains("@") || line.contains("127.0.0.1")
                        || line.contains("?"), line);
            }
        }

        @Test
        void closeFreesThePort() throws IOException {
            ApiGateway gateway = start();
            int port = gateway.port();
            assertEquals(200, send(request(gateway, "/articles/x").GET()).statusCode());
            gateway.close();
            gateway.close();
            assertThrows(ConnectException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            }
            assertThrows(IllegalStateException.class, gateway::start);
        }

        @Test
        void closeDoesNotWaitForAHungFunction() {
            ApiGateway gateway = start();
            CountDownLatch entered = new CountDownLatch(1);
            invoker.answer(call -> {
                entered.countDown();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return FakeInvoker.success("{}");
            });
            http.sendAsync(request(gateway, "/articles/x").GET().build(), HttpResponse.BodyHandlers.discarding());
            try {
                assertTrue(entered.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            long started = System.nanoTime();
            gateway.close();
            assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(8));
        }

        @Test
        void aTakenPortFailsTheStart() throws IOException {
            try (ServerSocket taken = new ServerSocket()) {
                taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ApiGateway gateway = new ApiGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort()),
                        ROUTES, CORS, null, invoker, Outbox.empty(), accessLog::add, ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
                started.add(gateway);
                assertThrows(java.io.UncheckedIOException.class, gateway::start);
            }
        }

        @Test
        void refusesAnIntegrationTimeoutOverThirtySeconds() {
            assertThrows(IllegalArgumentException.class, () -> new ApiGateway(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), ROUTES, CORS, null, invoker,
                    Outbox.empty(), line -> { }, Duration.ofSeconds(31)));
        }

        @Test
        void answersHeadWithoutABody() {
            ApiGateway gateway = new ApiGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    List.of(new Route("ANY", "/{proxy+}", "Any")), CORS, null, invoker, Outbox.empty(), accessLog::add,
                    ApiGateway.DEFAULT_INTEGRATION_TIMEOUT);
            started.add(gateway);
            gateway.start();
            invoker.answer(FakeInvoker.success("{\"statusCode\":200,\"body\":\"hello\"}"));
            HttpResponse<byte[]> response = send(request(gateway, "/a/b").method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, response.statusCode());
            assertEquals(0, response.body().length);
            assertEquals(Map.of("proxy", "a/b").toString(),
                    JSON.convertValue(invoker.onlyCall().json().get("pathParameters"), Map.class).toString());
            assertEquals("ANY /{proxy+}", invoker.onlyCall().json().get("routeKey").asText());
        }
    }
}
