package news.articles.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import news.articles.localstack.LocalStack;
import news.articles.localstack.StackDefinition;
import news.articles.localstack.TemplateResolver;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CORS as a browser meets it on the local stack, run as bin/local runs it: the template's
 * CorsConfiguration with AllowedOrigins as the stack resolves it by default. An allowed origin is
 * echoed on preflights and on the functions' answers; any other origin, and a preflight for a
 * method or header the configuration does not list, gets no Access-Control-Allow-* header at all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> DISALLOWED = List.of(
            "https://evil.example",
            "http://localhost:5174",                // another port
            "https://localhost:5173",               // another scheme
            "http://localhost:5173.evil.example",   // an allowed origin as a prefix
            "http://evil.localhost:5173",
            "null");                                // sandboxed frames and file: pages

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private StackProcess stack;
    private List<String> allowed;
    private String slug;

    @BeforeAll
    void start() throws Exception {
        SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));
        allowed = new StackDefinition(template, TemplateResolver.of(template,
                Map.of("AllowedOrigins", LocalStack.DEFAULT_ALLOWED_ORIGINS, "SenderAddress", LocalStack.DEFAULT_SENDER,
                        "SiteUrl", "http://127.0.0.1:3000"),
                Map.of("ArticlesTable", "ArticlesTable", "SubscribersTable", "SubscribersTable", "EditionsTable",
                        "EditionsTable")))
                .cors().orElseThrow().allowOrigins();
        assertTrue(allowed.size() >= 2, "the local default origins: " + allowed);
        stack = StackProcess.start();
        HttpResponse<String> latest = send(get("/articles?limit=1"));
        assertEquals(200, latest.statusCode(), latest::body);
        slug = JSON.readTree(latest.body()).path("articles").path(0).path("slug").asText();
    }

    @AfterAll
    void stop() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void anAllowedOriginIsGrantedOnPreflightsAndEchoedOnAnswers() throws Exception {
        for (String origin : allowed) {
            HttpResponse<String> preflight = send(preflight("/subscriptions", origin, "POST", "content-type"));
            assertEquals(204, preflight.statusCode());
            assertEquals(origin, header(preflight, "access-control-allow-origin"));
            assertEquals(Set.of("GET", "POST"), values(header(preflight, "access-control-allow-methods")));
            assertEquals(Set.of("content-type", "if-none-match"), values(header(preflight, "access-control-allow-headers")));
            assertEquals("600", header(preflight, "access-control-max-age"));
            assertEquals(null, header(preflight, "access-control-allow-credentials"));

            HttpResponse<String> conditional = send(preflight("/articles/" + slug, origin, "GET", "if-none-match"));
            assertEquals(origin, header(conditional, "access-control-allow-origin"));

            for (HttpRequest.Builder request : List.of(
                    get("/articles/" + slug),
                    get("/articles?limit=2"),
                    get("/articles/" + slug + "/recommendations"),
                    get("/articles/no-such-article"),
                    HttpRequest.newBuilder(stack.api().resolve("/subscriptions"))
                            .header("content-type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"cors.reader@example.org\"}")))) {
                HttpResponse<String> answer = send(request.header("origin", origin));
                assertTrue(answer.statusCode() < 500, answer::body);
                assertEquals(origin, header(answer, "access-control-allow-origin"),
                        () -> answer.request().method() + " " + answer.uri() + " " + answer.statusCode());
                assertEquals(Set.of("etag", "retry-after"), values(header(answer, "access-control-expose-headers")));
            }
        }
    }

    @Test
    void anyOtherOriginGetsNoCorsHeaderOnPreflightsOrAnswers() throws Exception {
        for (String origin : DISALLOWED) {
            HttpResponse<String> preflight = send(preflight("/subscriptions", origin, "POST", "content-type"));
            assertEquals(204, preflight.statusCode());
            assertNoCorsHeaders(preflight, origin);

            HttpResponse<String> article = send(get("/articles/" + slug).header("origin", origin));
            // CORS is the browser's guard, not access control: the answer itself is the same.
            assertEquals(200, article.statusCode());
            assertNoCorsHeaders(article, origin);
        }
        assertNoCorsHeaders(send(get("/articles/" + slug)), "no origin");
    }

    @Test
    void aPreflightForAMethodOrHeaderNotConfiguredGetsNoCorsHeader() throws Exception {
        String origin = allowed.get(0);
        for (String[] asked : new String[][] {
                {"DELETE", ""}, {"PUT", "content-type"}, {"PATCH", ""},
                {"POST", "content-type, authorization"}, {"GET", "x-api-key"}, {"POST", "cookie"}}) {
            HttpResponse<String> preflight = send(preflight("/subscriptions", origin, asked[0], asked[1]));
            assertEquals(204, preflight.statusCode());
            assertNoCorsHeaders(preflight, origin + " asking for " + String.join(" ", asked));
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(stack.api().resolve(path)).GET();
    }

    private HttpRequest.Builder preflight(String path, String origin, String method, String headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(stack.api().resolve(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", origin)
                .header("access-control-request-method", method);
        if (!headers.isEmpty()) {
            request.header("access-control-request-headers", headers);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return ApiAnswers.checked(http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    private static Set<String> values(String list) {
        Set<String> values = new TreeSet<>();
        if (list != null) {
            for (String value : list.split(",")) {
                values.add(value.trim());
            }
        }
        return values;
    }

    private static void assertNoCorsHeaders(HttpResponse<?> response, String context) {
        List<String> granted = new ArrayList<>();
        response.headers().map().keySet().stream()
                .filter(name -> name.toLowerCase(Locale.ROOT).startsWith("access-control-"))
                .forEach(granted::add);
        assertEquals(List.of(), granted, context);
    }
}
