package news.articles.localstack.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import news.articles.tools.PersonalData;
import news.articles.tools.ProjectRoot;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * A bounded load test of the local stack, on loopback: {@value #REQUESTS} requests from
 * {@value #CLIENTS} concurrent clients mixing every read (conditional GETs and unknown slugs among
 * them) with sign-ups (new addresses, repeated ones, form posts). It prints throughput and
 * latencies, never asserts on them (the machine is shared), and checks what must hold under load:
 * no 5xx, a 429 only from the stage's throttle, afterwards exactly one subscriber record and one
 * confirmation email per address that was accepted, and no email or IP address in the logs.
 *
 * <p>The whole output of bin/local's command is kept: the functions' log lines (each function JVM's
 * stdout and stderr) and the access log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LoadTest {

    static final int REQUESTS = 2000;
    static final int CLIENTS = 20;
    /**
     * All clients share 127.0.0.1, and the gateway, like API Gateway, takes sourceIp from the
     * connection, never from X-Forwarded-For: with the default of 20 sign-ups per IP an hour nearly
     * every sign-up here would be refused. Raised to the template's maximum so that the per-IP
     * limit stays out of this test (its own tests are against moto), and any 429 from the function
     * is a failure. The hourly cap on confirmation emails is raised likewise, since the test counts
     * one email per new address.
     */
    static final String PARAMETER_OVERRIDES = "SignUpsPerIpPerHour=100000 ConfirmationEmailsPerHour=100000";
    static final String ADDRESS_DOMAIN = "load-test.example.org";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /** The gateway's own throttle answer; a function's 429 carries a code instead. */
    private static final String THROTTLED_BODY = "{\"message\":\"Too Many Requests\"}";

    /** What a request tries, with the status it must get unless the stage throttles it. */
    enum Kind {
        ARTICLE("GET /articles/{slug}", 200),
        ARTICLE_NOT_MODIFIED("GET /articles/{slug}", 304),
        ARTICLE_UNKNOWN("GET /articles/{slug}", 404),
        LIST("GET /articles", 200),
        RECOMMENDATIONS("GET /articles/{slug}/recommendations", 200),
        RECOMMENDATIONS_UNKNOWN("GET /articles/{slug}/recommendations", 404),
        SUBSCRIBE_JSON("POST /subscriptions", 202),
        SUBSCRIBE_FORM("POST /subscriptions", 202),
        SUBSCRIBE_REPEAT("POST /subscriptions", 202);

        final String route;
        final int expected;

        Kind(String route, int expected) {
            this.route = route;
            this.expected = expected;
        }
    }

    /** How many of each, out of {@value #REQUESTS}. */
    private static final Map<Kind, Integer> MIX = new EnumMap<>(Map.of(
            Kind.ARTICLE, 500,
            Kind.ARTICLE_NOT_MODIFIED, 250,
            Kind.ARTICLE_UNKNOWN, 100,
            Kind.LIST, 300,
            Kind.RECOMMENDATIONS, 300,
            Kind.RECOMMENDATIONS_UNKNOWN, 50,
            Kind.SUBSCRIBE_JSON, 300,
            Kind.SUBSCRIBE_FORM, 100,
            Kind.SUBSCRIBE_REPEAT, 100));

    private static final List<String> LISTINGS = List.of("/articles", "/articles?limit=5", "/articles?limit=50",
            "/articles?tag=ai", "/articles?section=technology&limit=3", "/articles?section=culture");

    record Planned(Kind kind, String path, String etag, String address) {
    }

    record Result(Planned request, int status, long nanos, String body, String failure) {
        boolean throttled() {
            return status == 429 && THROTTLED_BODY.equals(body);
        }
    }

    private StackProcess stack;
    private final List<Result> warmUp = Collections.synchronizedList(new ArrayList<>());
    private final List<Result> results = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> etags = new TreeMap<>();
    private long wallNanos;
    private int runStartLine;

    @BeforeAll
    void startTheStack() throws Exception {
        stack = StackProcess.start("--parameter-overrides", PARAMETER_OVERRIDES);
    }

    @AfterAll
    void stopTheStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void underLoadEveryAnswerIsTheExpectedOneAndNoneIsA5xx() throws Exception {
        warmUp();
        List<Planned> plan = plan(new Random(20261129L));
        runStartLine = stack.output().size();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                // Each client its own connections, as separate readers' browsers would have.
                HttpClient http = client();
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < plan.size(); i = next.getAndIncrement()) {
                        results.add(send(http, plan.get(i)));
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(10, TimeUnit.MINUTES);
            }
        } finally {
            wallNanos = System.nanoTime() - started;
            clients.shutdownNow();
        }
        String summary = summary();
        System.out.println(summary);
        Files.writeString(ProjectRoot.require().resolve("local-stack/target/load-test.md"), summary);

        assertEquals(REQUESTS, results.size());
        List<String> unexpected = new ArrayList<>();
        for (Result result : concat(warmUp, results)) {
            if (result.failure() != null) {
                unexpected.add(describe(result) + " failed: " + result.failure());
            } else if (result.status() >= 500) {
                unexpected.add(describe(result) + " got a 5xx: " + result.status() + " " + result.body());
            } else if (result.throttled()) {
                continue;
            } else if (result.status() != result.request().kind().expected) {
                unexpected.add(describe(result) + " got " + result.status() + " " + result.body());
            } else if (result.status() == 404 && !result.body().contains("\"ARTICLE_NOT_FOUND\"")) {
                unexpected.add(describe(result) + " got a 404 without its code: " + result.body());
            }
        }
        assertTrue(unexpected.isEmpty(), () -> unexpected.size() + " unexpected answers, the first:\n"
                + String.join("\n", unexpected.subList(0, Math.min(20, unexpected.size()))));

        // A route's bucket starts full: it can refuse a request only once it has let a burst through.
        int burst = throttlingBurst();
        Map<String, long[]> passedAndThrottled = new TreeMap<>();
        for (Result result : concat(warmUp, results)) {
            long[] counts = passedAndThrottled.computeIfAbsent(result.request().kind().route, route -> new long[2]);
            counts[result.throttled() ? 1 : 0]++;
        }
        passedAndThrottled.forEach((route, counts) -> assertTrue(counts[1] == 0 || counts[0] >= burst - 1,
                () -> route + " was throttled " + counts[1] + " times after only " + counts[0] + " requests; the burst is " + burst));
    }

    @Test
    @Order(2)
    void afterwardsEachAcceptedAddressHasExactlyOneRecordAndOneConfirmationEmail() throws Exception {
        assertTrue(!results.isEmpty(), "the load ran");
        Set<String> accepted = new TreeSet<>();
        Set<String> tried = new TreeSet<>();
        for (Result result : concat(warmUp, results)) {
            String address = result.request().address();
            if (address != null) {
                tried.add(address);
                if (result.status() == 202) {
                    accepted.add(address);
                }
            }
        }
        assertTrue(accepted.size() > tried.size() / 2, () -> "most sign-ups get through: " + accepted.size() + " of " + tried.size());

        Map<String, String> records = new TreeMap<>();
        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(stack.moto())) {
            for (Map<String, AttributeValue> item : dynamoDb.scanPaginator(ScanRequest.builder()
                    .tableName("SubscribersTable").consistentRead(true).build()).items()) {
                if (item.get("pk").s().startsWith("SUBSCRIBER#")) {
                    String previous = records.put(item.get("email").s(), item.get("status").s());
                    assertEquals(null, previous, "one record per address");
                }
            }
        }
        assertEquals(accepted, records.keySet(), "a record for each accepted address, and no other");
        assertEquals(Set.of("PENDING"), Set.copyOf(records.values()));

        Map<String, Integer> emails = new TreeMap<>();
        for (JsonNode message : JSON.readTree(motoData()).path("ses").path("Message")) {
            for (JsonNode to : message.path("destinations").path("ToAddresses")) {
                emails.merge(to.asText(), 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = accepted.stream().collect(Collectors.toMap(a -> a, a -> 1, (a, b) -> a, TreeMap::new));
        assertEquals(expected, emails, "one confirmation per accepted address, none for a repeat within the cooldown");
    }

    @Test
    @Order(3)
    void theCapturedLogsHoldNoEmailAndNoIpAddress() {
        assertTrue(!results.isEmpty(), "the load ran");
        List<String> logged = stack.outputAfterBanner();
        long functionLines = logged.stream().filter(line -> line.startsWith("[")).count();
        assertTrue(functionLines > 0, "the functions' log lines were captured");
        List<String> leaks = logged.stream()
                // The emulator's own line, naming the loopback Runtime API it serves: Lambda's INIT_START
                // names none, and no function prints it.
                .filter(line -> !line.matches("^\\[\\w+\\] INIT_START Runtime Version: local, .*"))
                // Loopback too: every reader of the load test comes from 127.0.0.1.
                .filter(line -> !PersonalData.find(line).isEmpty())
                .toList();
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " log lines hold an email or IP address, the first:\n"
                + String.join("\n", leaks.subList(0, Math.min(10, leaks.size()))));
    }

    /**
     * Starts every function's environments before the measured run (a cold start takes a second or
     * more on a busy machine, and 20 at once could run into Lambda's 10 s init limit), learns the
     * slugs and their ETags. Its answers are checked like the rest, its sign-ups counted too.
     */
    private void warmUp() throws Exception {
        HttpClient http = client();
        HttpResponse<String> all = http.send(get("/articles?limit=50").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, all.statusCode(), all::body);
        for (JsonNode article : JSON.readTree(all.body()).path("articles")) {
            String slug = article.path("slug").asText();
            HttpResponse<String> one = http.send(get("/articles/" + slug).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, one.statusCode(), one::body);
            etags.put(slug, one.headers().firstValue("etag").orElseThrow());
        }
        assertTrue(etags.size() >= 10, "the sample content is imported: " + etags.keySet());
        String slug = etags.keySet().iterator().next();
        List<Planned> batch = List.of(
                new Planned(Kind.ARTICLE, "/articles/" + slug, null, null),
                new Planned(Kind.LIST, "/articles", null, null),
                new Planned(Kind.RECOMMENDATIONS, "/articles/" + slug + "/recommendations", null, null),
                new Planned(Kind.SUBSCRIBE_JSON, "/subscriptions", null, address("warm-up", 0)));
        // One function at a time, as many at once as it may have environments.
        for (Planned kind : batch) {
            ExecutorService parallel = Executors.newFixedThreadPool(4);
            try {
                List<Future<Result>> sent = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Planned request = kind.address() == null ? kind
                            : new Planned(kind.kind(), kind.path(), null, address("warm-up", i));
                    sent.add(parallel.submit(() -> send(http, request)));
                }
                for (Future<Result> result : sent) {
                    warmUp.add(result.get(2, TimeUnit.MINUTES));
                }
            } finally {
                parallel.shutdownNow();
            }
        }
    }

    private List<Planned> plan(Random random) {
        List<String> slugs = new ArrayList<>(etags.keySet());
        List<Planned> plan = new ArrayList<>();
        List<String> fresh = new ArrayList<>();
        MIX.forEach((kind, count) -> {
            for (int i = 0; i < count; i++) {
                String slug = slugs.get(random.nextInt(slugs.size()));
                plan.add(switch (kind) {
                    case ARTICLE -> new Planned(kind, "/articles/" + slug, null, null);
                    case ARTICLE_NOT_MODIFIED -> new Planned(kind, "/articles/" + slug, etags.get(slug), null);
                    case ARTICLE_UNKNOWN -> new Planned(kind, "/articles/no-such-article-" + i, null, null);
                    case LIST -> new Planned(kind, LISTINGS.get(random.nextInt(LISTINGS.size())), null, null);
                    case RECOMMENDATIONS -> new Planned(kind, "/articles/" + slug + "/recommendations", null, null);
                    case RECOMMENDATIONS_UNKNOWN -> new Planned(kind, "/articles/no-such-article-" + i + "/recommendations", null, null);
                    case SUBSCRIBE_JSON, SUBSCRIBE_FORM -> {
                        String address = address(kind == Kind.SUBSCRIBE_FORM ? "form" : "json", i);
                        fresh.add(address);
                        yield new Planned(kind, "/subscriptions", null, address);
                    }
                    // Filled in below, once every new address is known.
                    case SUBSCRIBE_REPEAT -> null;
                });
            }
        });
        plan.removeIf(planned -> planned == null);
        for (int i = 0; i < MIX.get(Kind.SUBSCRIBE_REPEAT); i++) {
            // Shuffled in with the rest, a repeat may come before, during or after the first sign-up.
            plan.add(new Planned(Kind.SUBSCRIBE_REPEAT, "/subscriptions", null, fresh.get(random.nextInt(fresh.size()))));
        }
        Collections.shuffle(plan, random);
        assertEquals(REQUESTS, plan.size());
        return plan;
    }

    private Result send(HttpClient http, Planned planned) {
        HttpRequest.Builder request;
        if (planned.address() == null) {
            request = get(planned.path());
            if (planned.etag() != null) {
                request.header("if-none-match", planned.etag());
            }
        } else if (planned.kind() == Kind.SUBSCRIBE_FORM) {
            request = HttpRequest.newBuilder(stack.api().resolve(planned.path()))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "email=" + URLEncoder.encode(planned.address(), StandardCharsets.UTF_8)));
        } else {
            request = HttpRequest.newBuilder(stack.api().resolve(planned.path()))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\": \"" + planned.address() + "\"}"));
        }
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            long nanos = System.nanoTime() - started;
            // Bodies are kept only where a check reads them.
            String body = response.statusCode() >= 300 && response.statusCode() != 304 ? response.body() : "";
            return new Result(planned, response.statusCode(), nanos, body, null);
        } catch (IOException | RuntimeException e) {
            return new Result(planned, -1, System.nanoTime() - started, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(planned, -1, System.nanoTime() - started, "", e.toString());
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(stack.api().resolve(path)).timeout(REQUEST_TIMEOUT).GET();
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static String address(String kind, int i) {
        return String.format(Locale.ROOT, "%s.reader.%04d@%s", kind, i, ADDRESS_DOMAIN);
    }

    /** The stage's ThrottlingBurstLimit, as template.yaml sets it. */
    private static int throttlingBurst() {
        Map<?, ?> settings = (Map<?, ?>) SamTemplate.load(ProjectRoot.require().resolve("template.yaml")).resources()
                .get("HttpApi").properties().get("DefaultRouteSettings");
        return Integer.parseInt(String.valueOf(settings.get("ThrottlingBurstLimit")));
    }

    private String motoData() throws Exception {
        HttpResponse<String> data = client().send(HttpRequest.newBuilder(stack.moto().resolve("/moto-api/data.json"))
                .timeout(REQUEST_TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, data.statusCode());
        return data.body();
    }

    /**
     * The table bin/test prints (benchmarks/results.md keeps a run of it): per route and overall,
     * throttled answers counted apart from the latencies.
     */
    private String summary() {
        Map<String, List<Result>> byRoute = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            byRoute.putIfAbsent(kind.route, new ArrayList<>());
        }
        List<Result> all;
        synchronized (results) {
            all = List.copyOf(results);
        }
        all.forEach(result -> byRoute.get(result.request().kind().route).add(result));
        byRoute.put("all", all);

        double seconds = wallNanos / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Load test: %d requests from %d clients in %.1f s, %.0f requests/s; %s%n%n",
                all.size(), CLIENTS, seconds, all.size() / seconds, machine()));
        out.append("| route | requests | 2xx | 304 | 404 | 429 throttled | 5xx | p50 ms | p99 ms | max ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        byRoute.forEach((route, rows) -> {
            List<Long> millis = rows.stream().filter(r -> !r.throttled() && r.failure() == null)
                    .map(r -> r.nanos() / 1_000_000).sorted().toList();
            out.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s | %s | %s |%n",
                    route.equals("all") ? "**all**" : "`" + route + "`", rows.size(),
                    count(rows, s -> s >= 200 && s < 300), count(rows, s -> s == 304), count(rows, s -> s == 404),
                    rows.stream().filter(Result::throttled).count(), count(rows, s -> s >= 500 || s < 0),
                    percentile(millis, 0.50), percentile(millis, 0.99),
                    millis.isEmpty() ? "-" : Long.toString(millis.get(millis.size() - 1))));
        });
        out.append('\n').append("| function | invocations | Duration p50 ms | Duration p99 ms |\n")
                .append("|---|---:|---:|---:|\n");
        functionDurations().forEach((function, millis) -> out.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n",
                function, millis.size(), percentile(millis, 0.50), percentile(millis, 0.99))));
        long signUps = all.stream().filter(r -> r.request().address() != null).count();
        long addresses = all.stream().map(r -> r.request().address()).filter(a -> a != null).distinct().count();
        long forms = all.stream().filter(r -> r.request().kind() == Kind.SUBSCRIBE_FORM).count();
        out.append('\n').append(String.format(Locale.ROOT,
                "Sign-ups: %d for %d distinct addresses (%d form posts, %d repeats). ", signUps, addresses, forms,
                signUps - addresses));
        out.append("Latency: from sending the request to the whole answer, throttled answers left out; Duration: ")
                .append("the function's own time, from its REPORT lines (the rest is waiting for one of its environments, ")
                .append("the gateway and loopback HTTP). ")
                .append("Function environments (JVMs) started, warm-up included, at most 4 a function: ")
                .append(environments().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "))).append(".\n");
        return out.toString();
    }

    /** Each function's REPORT Durations during the measured run, sorted, in whole milliseconds. */
    private Map<String, List<Long>> functionDurations() {
        Pattern report = Pattern.compile("^\\[(\\w+)\\] REPORT .*\\tDuration: ([0-9.]+) ms");
        Map<String, List<Long>> durations = new TreeMap<>();
        List<String> output = stack.output();
        for (String line : output.subList(runStartLine, output.size())) {
            Matcher fields = report.matcher(line);
            if (fields.find()) {
                durations.computeIfAbsent(fields.group(1), f -> new ArrayList<>()).add(Math.round(Double.parseDouble(fields.group(2))));
            }
        }
        durations.values().forEach(Collections::sort);
        return durations;
    }

    private Map<String, Long> environments() {
        Map<String, Long> started = new TreeMap<>();
        for (String line : stack.output()) {
            Matcher init = Pattern.compile("^\\[(\\w+)\\] INIT_START ").matcher(line);
            if (init.find()) {
                started.merge(init.group(1), 1L, Long::sum);
            }
        }
        return started;
    }

    private static String machine() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return String.format(Locale.ROOT, "%s, %d cores, Java %s, load average %.1f at the end, %s",
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), load, LocalDate.now(ZoneOffset.UTC));
    }

    private static long count(List<Result> rows, IntPredicate status) {
        return rows.stream().filter(r -> r.failure() == null && status.test(r.status())).count()
                + (status.test(-1) ? rows.stream().filter(r -> r.failure() != null).count() : 0);
    }

    /** Nearest rank. */
    private static String percentile(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int rank = (int) Math.ceil(p * sorted.size());
        return Long.toString(sorted.get(Math.max(0, rank - 1)));
    }

    private static String describe(Result result) {
        Planned request = result.request();
        return request.kind() + " " + request.path() + (request.address() != null ? " (sign-up)" : "");
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>();
        synchronized (first) {
            all.addAll(first);
        }
        synchronized (second) {
            all.addAll(second);
        }
        return all;
    }
}
