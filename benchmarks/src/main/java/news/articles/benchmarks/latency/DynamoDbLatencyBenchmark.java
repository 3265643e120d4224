package news.articles.benchmarks.latency;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import news.articles.benchmarks.Main;
import news.articles.config.Environment;
import news.articles.handler.GetArticleHandler;
import news.articles.handler.ListArticlesHandler;
import news.articles.handler.ListRecommendationsHandler;
import news.articles.tools.Cli;
import news.articles.tools.ProjectRoot;
import news.articles.tools.local.LocalAws;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * bin/benchmark-latency: the read routes' warm latency when every DynamoDB call takes a fixed extra
 * time, as it does from Lambda to DynamoDB. moto on loopback behind the integration tests' fault
 * proxy ({@link MotoProxy}), which delays every DynamoDB call by {@code --delay-ms}; each route's
 * handler in process, built as Lambda builds it (real SDK clients, URL-connection HTTP client), on
 * its sample event from {@code events/} over {@code content/}'s articles. Warm-up calls first,
 * then each route's calls one after another, timed end to end (the handler's {@code handleRequest},
 * JSON in and out). Prints p50/p99 per route, the DynamoDB calls per request and what the delay
 * alone accounts for, and adds them to benchmarks/results.md.
 */
@Command(name = "bin/benchmark-latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the read routes end to end with a fixed delay on every DynamoDB call (moto behind the"
                + " fault proxy) and adds the figures to benchmarks/results.md.")
public final class DynamoDbLatencyBenchmark implements Callable<Integer> {

    static final String RESULTS = "benchmarks/results.md";

    @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "5",
            description = "added to every DynamoDB call (default: ${DEFAULT-VALUE})")
    int delayMs;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "200",
            description = "timed calls per route (default: ${DEFAULT-VALUE})")
    int calls;

    @Option(names = "--warm-up", paramLabel = "N", defaultValue = "100",
            description = "untimed calls per route first (default: ${DEFAULT-VALUE})")
    int warmUp;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "",
            description = "what this run measures, for the section's title")
    String label;

    @Option(names = "--no-results", description = "print the figures without adding them to the results file")
    boolean noResults;

    /** A route: its name, its handler built from the environment, its sample event. */
    private record Route(String name, Function<Environment, RequestStreamHandler> handler, String event) {
    }

    private static final List<Route> ROUTES = List.of(
            new Route("GET /articles/{slug}", GetArticleHandler::new, "get-article.json"),
            new Route("GET /articles", ListArticlesHandler::new, "list-articles.json"),
            new Route("GET /articles?tag=...", ListArticlesHandler::new, "list-articles-tag.json"),
            new Route("GET /articles/{slug}/recommendations", ListRecommendationsHandler::new,
                    "list-recommendations.json"));

    /** One route's figures. */
    private record Measured(Route route, double p50Ms, double p99Ms, double dynamoDbCalls) {
    }

    public static void main(String[] args) {
        System.exit(Cli.execute(new DynamoDbLatencyBenchmark(), System.out, System.err, List.of(args)));
    }

    @Override
    public Integer call() throws Exception {
        Path root = ProjectRoot.require();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadAtStart = loadAverage();
        List<Measured> results = new ArrayList<>();
        try (MotoServer moto = MotoServer.start(root.resolve("benchmarks/target/moto"));
                MotoProxy proxy = new MotoProxy(moto.endpoint())) {
            Map<String, String> tables = new LinkedHashMap<>();
            for (TableDefinition table : template.tables()) {
                tables.put(table.logicalId(), table.logicalId());
            }
            LocalAws.prepare(moto.endpoint(), template, tables, Set.of("newsletter@example.com"), root.resolve("content"));
            proxy.fail(MotoProxy.anyDynamoDb(), MotoProxy.slow(Duration.ofMillis(delayMs)));
            Map<String, String> variables = new HashMap<>(MotoClients.functionEnvironment(proxy.endpoint()));
            variables.putAll(Map.of("ARTICLES_TABLE", "ArticlesTable", "SITE_URL", "http://127.0.0.1:3000",
                    "SITE_NAME", "The Newsroom", "RECOMMENDATION_HALF_LIFE_DAYS", "30"));
            Environment environment = new Environment(variables);

            for (Route route : ROUTES) {
                RequestStreamHandler handler = route.handler().apply(environment);
                byte[] event = Files.readAllBytes(root.resolve("events").resolve(route.event()));
                for (int i = 0; i < warmUp; i++) {
                    invoke(handler, event);
                }
                int callsBefore = proxy.faulted().size();
                long[] nanos = new long[calls];
                for (int i = 0; i < calls; i++) {
                    long start = System.nanoTime();
                    String answer = invoke(handler, event);
                    nanos[i] = System.nanoTime() - start;
                    if (!answer.contains("\"statusCode\":200")) {
                        throw new IllegalStateException(route.name() + " answered " + answer);
                    }
                }
                double perRequest = (double) (proxy.faulted().size() - callsBefore) / calls;
                java.util.Arrays.sort(nanos);
                Measured measured = new Measured(route, percentile(nanos, 0.50), percentile(nanos, 0.99), perRequest);
                results.add(measured);
                System.out.printf(Locale.ROOT, "%-40s p50 %6.1f ms  p99 %6.1f ms  %.1f DynamoDB calls%n",
                        route.name(), measured.p50Ms(), measured.p99Ms(), measured.dynamoDbCalls());
            }
        }
        String section = results(started, loadAtStart, results);
        System.out.println(section);
        if (!noResults) {
            Main.writeResults(root.resolve(RESULTS), section);
        }
        return 0;
    }

    private String results(ZonedDateTime started, String loadAtStart, List<Measured> results) {
        // moto's own time per call dwarfs a few milliseconds here, so a round trip is measured, not assumed:
        // the article route makes exactly one call.
        double roundTrip = results.get(0).p50Ms();
        StringBuilder table = new StringBuilder();
        for (Measured measured : results) {
            table.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %.1f |%n", measured.route().name(),
                    measured.p50Ms(), measured.p99Ms(), measured.dynamoDbCalls(), measured.p50Ms() / roundTrip));
        }
        return String.format(Locale.ROOT, """
                ## %s: read routes with %d ms on every DynamoDB call%s (`bin/benchmark-latency --delay-ms %d`)

                Machine: %s, %d cores, Java %s; load average %s at the start, %s at the end. moto 5.2.1 on loopback
                behind the fault proxy, which waits %d ms before forwarding each DynamoDB call; the handlers in process
                with the real SDK clients; %d warm-up calls, then %d timed calls per route, one after another, on the
                route's sample event over `content/`.

                | route | p50 ms | p99 ms | DynamoDB calls per request | p50 in round trips (× the one-GetItem route's p50) |
                |---|---:|---:|---:|---:|
                %s""",
                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), delayMs,
                label.isBlank() ? "" : ": " + label, delayMs,
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadAtStart, loadAverage(), delayMs, warmUp, calls, table);
    }

    private static double percentile(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String invoke(RequestStreamHandler handler, byte[] event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
