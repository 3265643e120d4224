package news.articles.benchmarks.latency;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import news.articles.benchmarks.Main;
import news.articles.article.RecommendationService;
import news.articles.aws.AwsClients;
import news.articles.config.ArticlesConfig;
import news.articles.config.Environment;
import news.articles.handler.GetArticleHandler;
import news.articles.handler.ListArticlesHandler;
import news.articles.handler.ListRecommendationsHandler;
import news.articles.store.dynamodb.DynamoDbArticleStore;
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
 * proxy ({@link MotoProxy}); each route's handler in process, built as Lambda builds it (real SDK
 * clients, URL-connection HTTP client), on its sample event from {@code events/} over
 * {@code content/}'s articles, plus the recommendations route with its queries run one after another
 * (the code before they ran at the same time) for comparison. Warm-up calls first, then each route's
 * calls one after another, timed end to end (the handler's {@code handleRequest}, JSON in and out).
 *
 * <p>Every route is timed twice: with no delay, then with {@code --delay-ms} on every DynamoDB call.
 * moto's own time per call is large and noisy here, so the figure that says how many round trips a
 * request waits is the difference of the two medians over the delay: {@code (p50 with delay − p50
 * without) / delay}, the number of delays a request sits through one after another. Prints p50/p99 per
 * route, the DynamoDB calls per request and that figure, and adds them to benchmarks/results.md.
 */
@Command(name = "bin/benchmark-latency", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the read routes end to end with a fixed delay on every DynamoDB call (moto behind the"
                + " fault proxy) and adds the figures to benchmarks/results.md.")
public final class DynamoDbLatencyBenchmark implements Callable<Integer> {

    static final String RESULTS = "benchmarks/results.md";
    private static final String IDENTIFIER_KEY_SECRET = "benchmark-identifier-key";

    @Option(names = "--delay-ms", paramLabel = "MS", defaultValue = "25",
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
                    "list-recommendations.json"),
            new Route("GET /articles/{slug}/recommendations, queries one after another",
                    DynamoDbLatencyBenchmark::recommendationsOneQueryAtATime, "list-recommendations.json"));

    /** The recommendations handler as it was before its queries ran at the same time: in the caller's thread. */
    private static RequestStreamHandler recommendationsOneQueryAtATime(Environment environment) {
        ArticlesConfig config = ArticlesConfig.from(environment);
        RecommendationService sequential = new RecommendationService(
                new DynamoDbArticleStore(AwsClients.dynamoDb(config.aws()), config.articlesTable()), Clock.systemUTC());
        return new ListRecommendationsHandler(
                config.recommendationHalfLife().map(sequential::withHalfLife).orElse(sequential), config.siteUrl());
    }

    /** One route's figures, without and with the delay. */
    private record Measured(Route route, Timing undelayed, Timing delayed) {

        /** How many delays a request waits for one after another: the medians' difference over the delay. */
        double roundTripsWaited(int delayMs) {
            return (delayed.p50Ms() - undelayed.p50Ms()) / delayMs;
        }
    }

    private record Timing(double p50Ms, double p99Ms, double dynamoDbCalls) {
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
            // The listing's cursor is keyed: the functions read the key at init, from moto itself.
            LocalAws.createSecret(moto.endpoint(), IDENTIFIER_KEY_SECRET, LocalAws.newIdentifierKey());
            proxy.secretsFrom(moto.endpoint());
            Map<String, String> variables = new HashMap<>(MotoClients.functionEnvironment(proxy.endpoint()));
            variables.putAll(Map.of("ARTICLES_TABLE", "ArticlesTable", "SITE_URL", "http://127.0.0.1:3000",
                    "SITE_NAME", "The Newsroom", "RECOMMENDATION_HALF_LIFE_DAYS", "30",
                    LocalAws.IDENTIFIER_KEY_VARIABLE, IDENTIFIER_KEY_SECRET));
            Environment environment = new Environment(variables);

            for (Route route : ROUTES) {
                RequestStreamHandler handler = route.handler().apply(environment);
                byte[] event = Files.readAllBytes(root.resolve("events").resolve(route.event()));
                // A zero delay is a fault too: the proxy counts the calls it meets.
                proxy.heal();
                proxy.fail(MotoProxy.anyDynamoDb(), MotoProxy.slow(Duration.ZERO));
                Timing undelayed = time(route, handler, event, proxy);
                proxy.heal();
                proxy.fail(MotoProxy.anyDynamoDb(), MotoProxy.slow(Duration.ofMillis(delayMs)));
                Timing delayed = time(route, handler, event, proxy);
                Measured measured = new Measured(route, undelayed, delayed);
                results.add(measured);
                System.out.printf(Locale.ROOT,
                        "%-68s p50 %6.1f / %6.1f ms  p99 %6.1f / %6.1f ms  %4.1f calls  %4.1f round trips waited%n",
                        route.name(), undelayed.p50Ms(), delayed.p50Ms(), undelayed.p99Ms(), delayed.p99Ms(),
                        delayed.dynamoDbCalls(), measured.roundTripsWaited(delayMs));
            }
        }
        String section = results(started, loadAtStart, results);
        System.out.println(section);
        if (!noResults) {
            Main.writeResults(root.resolve(RESULTS), section);
        }
        return 0;
    }

    /** Warm-up calls, then the timed ones; the proxy counts the DynamoDB calls of the timed ones. */
    private Timing time(Route route, RequestStreamHandler handler, byte[] event, MotoProxy proxy) {
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
        Arrays.sort(nanos);
        return new Timing(percentile(nanos, 0.50), percentile(nanos, 0.99), perRequest);
    }

    private String results(ZonedDateTime started, String loadAtStart, List<Measured> results) {
        StringBuilder table = new StringBuilder();
        for (Measured measured : results) {
            table.append(String.format(Locale.ROOT, "| `%s` | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |%n",
                    measured.route().name(), measured.undelayed().p50Ms(), measured.delayed().p50Ms(),
                    measured.undelayed().p99Ms(), measured.delayed().p99Ms(), measured.delayed().dynamoDbCalls(),
                    measured.roundTripsWaited(delayMs)));
        }
        return String.format(Locale.ROOT, """
                ## %s: read routes with %d ms on every DynamoDB call%s (`bin/benchmark-latency --delay-ms %d`)

                Machine: %s, %d cores, Java %s; load average %s at the start, %s at the end. moto 5.2.1 on loopback
                behind the fault proxy; the handlers in process with the real SDK clients; per route %d warm-up calls,
                then %d timed calls one after another, on the route's sample event over `content/`, first with no
                delay, then with the proxy waiting %d ms before forwarding each DynamoDB call. Round trips waited =
                (p50 with the delay − p50 without) / %d ms: how many delays a request sits through one after another.

                | route | p50 ms, no delay | p50 ms, %d ms delay | p99 ms, no delay | p99 ms, %d ms delay | DynamoDB calls per request | round trips waited |
                |---|---:|---:|---:|---:|---:|---:|
                %s""",
                started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")), delayMs,
                label.isBlank() ? "" : ": " + label, delayMs,
                System.getProperty("os.arch"), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                loadAtStart, loadAverage(), warmUp, calls, delayMs, delayMs, delayMs, delayMs, table);
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
