package news.articles.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.tools.ProjectRoot;
import news.articles.tools.moto.MotoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The local stack's command, run as a developer runs it (its own JVM, started by bin/local's
 * java line) and driven over HTTP: the banner's URLs, API Gateway's answers, CORS, the outbox and
 * the confirmation link, and a clean stop.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackCommandTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern BANNER_LINE = Pattern.compile("^  (site|routes|API|latest articles|sections|an article|recommendations|outbox|subscribe|invoke|local AWS)\\s{2,}(\\S.*?)(\\s{3}\\(.*\\))?$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final List<String> log = new ArrayList<>();
    private final Map<String, String> banner = new LinkedHashMap<>();
    private Process stack;
    private List<ProcessHandle> children = List.of();

    @BeforeAll
    void startTheCommand() throws Exception {
        Path root = ProjectRoot.require();
        ProcessBuilder command = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "news.articles.localstack.Main", "--port", "0", "--site-port", "0")
                .directory(root.toFile())
                .redirectErrorStream(true);
        stack = command.start();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(stack.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output closed: " + e + ")");
            }
        }, "local-stack-output");
        reader.setDaemon(true);
        reader.start();

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            String line = output.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no banner within " + START_TIMEOUT + "; output:\n" + String.join("\n", log));
            }
            log.add(line);
            Matcher entry = BANNER_LINE.matcher(line);
            if (entry.matches()) {
                banner.put(entry.group(1), entry.group(2).trim());
            }
            if (line.contains("Press Ctrl-C")) {
                break;
            }
        }
        children = stack.descendants().toList();
    }

    @AfterAll
    void stopIfStillRunning() {
        if (stack != null && stack.isAlive()) {
            stack.destroyForcibly();
        }
    }

    @Test
    @Order(1)
    void theBannerUrlsAnswer() throws Exception {
        HttpResponse<String> article = get(banner.get("an article"), Map.of());
        assertEquals(200, article.statusCode(), article::body);
        assertTrue(article.headers().firstValue("etag").isPresent());
        assertEquals("application/json; charset=utf-8", article.headers().firstValue("content-type").orElseThrow());
        JsonNode body = JSON.readTree(article.body());
        assertTrue(body.path("bodyHtml").asText().startsWith("<"), "the article's HTML body");
        assertEquals(banner.get("API") + "/articles/" + body.path("slug").asText(), body.path("canonicalUrl").asText(),
                "SiteUrl follows the local port");

        HttpResponse<String> latest = get(banner.get("latest articles"), Map.of());
        assertEquals(200, latest.statusCode(), latest::body);
        assertEquals(5, JSON.readTree(latest.body()).path("articles").size());

        HttpResponse<String> recommendations = get(banner.get("recommendations"), Map.of());
        assertEquals(200, recommendations.statusCode(), recommendations::body);
        assertEquals(3, JSON.readTree(recommendations.body()).path("recommended").size());

        HttpResponse<String> site = get(banner.get("site"), Map.of());
        assertEquals(200, site.statusCode(), "the banner's first link: " + banner.get("site"));
        assertTrue(site.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));
        // The page names the API where this stack put it, not bin/local's default port.
        assertTrue(site.body().contains(banner.get("API")), site::body);

        HttpResponse<String> routes = get(banner.get("routes"), Map.of());
        assertEquals(200, routes.statusCode(), "the routes index: " + banner.get("routes"));
        assertTrue(routes.body().contains("/sections"), routes::body);

        HttpResponse<String> sections = get(banner.get("sections"), Map.of());
        assertEquals(200, sections.statusCode(), sections::body);
        assertTrue(JSON.readTree(sections.body()).path("sections").size() > 1, sections::body);

        HttpResponse<String> outbox = get(banner.get("outbox"), Map.of());
        assertEquals(200, outbox.statusCode());
        assertTrue(outbox.headers().firstValue("content-type").orElseThrow().startsWith("text/html"));

        assertEquals("curl -X POST '" + banner.get("API") + "/_local/invoke/NewsletterFunction?time=2026-11-20T09:00:00Z'",
                banner.get("invoke"), "the banner shows how to send an edition for a week with sample articles");

        HttpResponse<String> notModified = get(banner.get("an article"),
                Map.of("if-none-match", article.headers().firstValue("etag").orElseThrow()));
        assertEquals(304, notModified.statusCode());
    }

    @Test
    @Order(2)
    void anUnknownRouteGetsApiGatewaysNotFound() throws Exception {
        HttpResponse<String> response = get(banner.get("API") + "/no/such/route", Map.of());
        assertEquals(404, response.statusCode());
        assertEquals("{\"message\":\"Not Found\"}", response.body());
    }

    @Test
    @Order(3)
    void preflightsAreAnsweredForAllowedOriginsOnly() throws Exception {
        HttpResponse<String> allowed = preflight("http://localhost:5173");
        assertEquals(204, allowed.statusCode());
        assertEquals("http://localhost:5173", allowed.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertTrue(allowed.headers().firstValue("access-control-allow-methods").orElseThrow().contains("POST"));

        HttpResponse<String> refused = preflight("https://elsewhere.example");
        assertNull(refused.headers().firstValue("access-control-allow-origin").orElse(null),
                "a disallowed origin gets no CORS grant");

        HttpResponse<String> simple = get(banner.get("an article"), Map.of("origin", "http://localhost:5173"));
        assertEquals("http://localhost:5173", simple.headers().firstValue("access-control-allow-origin").orElseThrow());
    }

    @Test
    @Order(4)
    void subscribingPutsAnEmailInTheOutboxWhoseLinkConfirms() throws Exception {
        String address = "e2e.reader@example.com";
        HttpResponse<String> accepted = ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(banner.get("API") + "/subscriptions"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + address + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(202, accepted.statusCode(), accepted::body);

        JsonNode emails = JSON.readTree(get(banner.get("outbox") + ".json", Map.of()).body());
        JsonNode email = null;
        for (JsonNode candidate : emails.path("emails")) {
            if (candidate.path("to").toString().contains(address)) {
                email = candidate;
            }
        }
        assertTrue(email != null, () -> "no email to the subscriber in " + emails);
        Matcher link = Pattern.compile("href=\"(http[^\"]+/subscriptions/confirm\\?token=[^\"]+)\"").matcher(email.path("body").asText());
        assertTrue(link.find(), "a confirmation link in the email");
        String url = link.group(1).replace("&amp;", "&");
        assertTrue(url.startsWith(banner.get("API")), "the link leads to this local API: " + url);

        HttpResponse<String> page = get(url, Map.of("accept", "text/html"));
        assertEquals(200, page.statusCode(), page::body);
        Matcher token = Pattern.compile("name=\"token\" value=\"([^\"]+)\"").matcher(page.body());
        assertTrue(token.find(), page.body());
        assertEquals("PENDING", subscriberStatus(address), "opening the link changes nothing");

        HttpResponse<String> confirmed = ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(banner.get("API") + "/subscriptions/confirm"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString()));
        assertEquals(200, confirmed.statusCode(), confirmed::body);
        assertTrue(confirmed.body().contains("You are subscribed"));
        assertEquals("CONFIRMED", subscriberStatus(address));

        // The one-click unsubscribe a mail client sends, with the email's unsubscribe link.
        Matcher unsubscribeLink = Pattern.compile("href=\"(http[^\"]+/subscriptions/unsubscribe\\?token=[^\"]+)\"")
                .matcher(email.path("body").asText());
        assertTrue(unsubscribeLink.find(), "an unsubscribe link in the email");
        HttpResponse<String> unsubscribed = http.send(HttpRequest.newBuilder(URI.create(unsubscribeLink.group(1).replace("&amp;", "&")))
                .header("content-type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, unsubscribed.statusCode(), unsubscribed::body);
        assertEquals("UNSUBSCRIBED", subscriberStatus(address));

        // The functions' metric lines, summed: they reach the log through each function's output, so after the answers.
        Map<String, Long> expected = Map.of("SignUpsAccepted", 1L, "ConfirmationEmailsSent", 1L, "Confirmations", 1L,
                "UnsubscribesOneClick", 1L);
        JsonNode metrics = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            HttpResponse<String> answer = get(banner.get("API") + "/_local/metrics", Map.of());
            assertEquals(200, answer.statusCode(), answer::body);
            metrics = JSON.readTree(answer.body());
            JsonNode seen = metrics;
            if (expected.keySet().stream().allMatch(name -> seen.path(name).asLong() == expected.get(name))) {
                break;
            }
            Thread.sleep(100);
        }
        for (Map.Entry<String, Long> metric : expected.entrySet()) {
            assertEquals(metric.getValue().longValue(), metrics.path(metric.getKey()).asLong(), metric.getKey() + " in " + metrics);
        }
    }

    @Test
    @Order(5)
    void ctrlCStopsEveryProcessAndFreesEveryPort() throws Exception {
        URI api = URI.create(banner.get("API"));
        URI moto = URI.create(banner.get("local AWS"));
        children = stack.descendants().toList();
        assertTrue(children.size() >= 2, () -> "moto and the function JVMs run as child processes: " + children.size());
        // A shell that starts a job in the background without job control makes it ignore SIGINT
        // (POSIX), and so does its JVM: there Ctrl-C could never reach it, and SIGTERM is what stops it.
        String signal = ignoresSigint(stack.pid()) ? "-TERM" : "-INT";
        new ProcessBuilder("kill", signal, Long.toString(stack.pid())).start().waitFor();
        assertTrue(stack.waitFor(30, TimeUnit.SECONDS), "the stack stops on SIGINT");
        List<ProcessHandle> all = new ArrayList<>(children);
        for (ProcessHandle child : all) {
            child.onExit().get(10, TimeUnit.SECONDS);
            assertFalse(child.isAlive(), () -> "left running: " + child.info().command().orElse("?"));
        }
        assertFalse(listening(api.getPort()), "the API port is free");
        assertFalse(listening(moto.getPort()), "moto's port is free");
    }

    private HttpResponse<String> get(String url, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        return ApiAnswers.checked(http.send(request.build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> preflight(String origin) throws Exception {
        return ApiAnswers.checked(http.send(HttpRequest.newBuilder(URI.create(banner.get("API") + "/subscriptions"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("origin", origin)
                .header("access-control-request-method", "POST")
                .header("access-control-request-headers", "content-type")
                .build(), HttpResponse.BodyHandlers.ofString()));
    }

    private String subscriberStatus(String address) {
        URI moto = URI.create(banner.get("local AWS"));
        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto)) {
            String id = news.articles.subscription.SubscriberId.of(news.articles.subscription.EmailAddress.parse(address),
                    news.articles.tools.local.LocalAws.identifierKey(moto, "IdentifierKeySecret"));
            Map<String, AttributeValue> item = dynamoDb.getItem(request -> request.tableName("SubscribersTable")
                    .key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + id))).consistentRead(true)).item();
            return item.get("status").s();
        }
    }

    /** Bit 2 (SIGINT) of the process's ignored-signals mask in /proc. */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2L) != 0;
            }
        }
        return false;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            // A socket whose ephemeral port equals the target can connect to itself (TCP simultaneous open).
            return socket.getLocalPort() != port;
        } catch (ConnectException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
