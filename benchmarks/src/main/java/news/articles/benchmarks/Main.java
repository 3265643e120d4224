package news.articles.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import news.articles.benchmarks.cold.ColdStarts.FloorTarget;
import news.articles.benchmarks.cold.ColdStarts.FunctionTarget;
import news.articles.benchmarks.cold.ColdStarts.Target;
import news.articles.benchmarks.cold.ColdStarts;
import news.articles.benchmarks.cold.NoopHandler;
import news.articles.benchmarks.cold.ProcessSample;
import news.articles.benchmarks.warm.HandlerBenchmarks;
import news.articles.localstack.FunctionCode;
import news.articles.localstack.FunctionSpec;
import news.articles.localstack.LocalStack;
import news.articles.localstack.StackDefinition;
import news.articles.localstack.TemplateResolver;
import news.articles.localstack.runtime.LambdaProcesses;
import news.articles.tools.Cli;
import news.articles.tools.ProjectRoot;
import news.articles.tools.local.LocalAws;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * bin/benchmark: cold starts of every HTTP function against moto, the floor beside them, the
 * handlers' warm cost under JMH and the artifact's size; prints the tables and adds them to
 * benchmarks/results.md. {@code bin/benchmark --help} lists the options; the README's Benchmarks
 * section says what each measures.
 */
@Command(name = "bin/benchmark", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        sortOptions = false,
        description = {
            "Measures every HTTP function of template.yaml: cold starts in fresh Lambda JVMs under the Runtime"
                    + " Interface Client against moto on loopback, beside a trivial program's start-up (the floor);"
                    + " the handlers' warm cost under JMH; the deployment artifact's size. Prints the tables and adds"
                    + " them to " + Main.RESULTS + ". Takes a few minutes.",
            ""})
public final class Main implements Callable<Integer> {

    static final String RESULTS = "benchmarks/results.md";
    static final String FLOOR = "Floor (trivial program)";
    static final String NOOP = "RIC, no-op handler";
    static final String REFERENCE = "GetArticleFunction";
    static final String BASELINE = " (baseline classes)";
    static final String SNAPSTART = " (SnapStart init, primed)";
    /** Lambda's variable; the local runtime passes a function's own value through (see LambdaJvm). */
    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    /** The sample event of each HTTP function, and the status it answers it with. */
    record SampleEvent(String file, int status) {
    }

    static final Map<String, SampleEvent> EVENTS = Map.of(
            "GetArticleFunction", new SampleEvent("get-article.json", 200),
            "ListRecommendationsFunction", new SampleEvent("list-recommendations.json", 200),
            "ListArticlesFunction", new SampleEvent("list-articles.json", 200),
            "SubscribeFunction", new SampleEvent("subscribe.json", 202),
            "ConfirmSubscriptionFunction", new SampleEvent("confirm-page.json", 200),
            "UnsubscribeFunction", new SampleEvent("unsubscribe-page.json", 200),
            // The archive: it answers 200 with or without an edition stored.
            "NewsletterPageFunction", new SampleEvent("newsletter-archive.json", 200));

    /** The JMH method measuring each function's handler. */
    static final Map<String, String> WARM_BENCHMARKS = Map.of(
            "GetArticleFunction", "getArticle",
            "ListRecommendationsFunction", "listRecommendations",
            "ListArticlesFunction", "listArticles",
            "SubscribeFunction", "subscribe",
            "ConfirmSubscriptionFunction", "confirmSubscription",
            "UnsubscribeFunction", "unsubscribe",
            "NewsletterPageFunction", "newsletterPage");

    @Option(names = "--runs", paramLabel = "N", defaultValue = "20",
            description = "interleaved rounds of cold starts, each target once a round (default: ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "",
            description = "what this run tries: the title of its section in the results file")
    String label;

    @Option(names = "--no-warm", description = "cold starts and artifact only, no JMH")
    boolean noWarm;

    @Option(names = "--no-results", description = "print the tables without adding them to the results file")
    boolean noResults;

    @Option(names = "--java-tool-options", paramLabel = "OPTIONS", defaultValue = "",
            description = "added to every cold JVM's JAVA_TOOL_OPTIONS (the floor's too), as a template change of that"
                    + " variable would: to measure a JVM or SDK setting before putting it in the template")
    String extraToolOptions;

    @Option(names = "--baseline-classes", paramLabel = "DIR",
            description = "also runs each function every round from the function classes in DIR (a copy of"
                    + " functions/target/classes taken before a change), with the same jars: a before and after")
    Path baselineClasses;

    @Option(names = "--snapstart",
            description = "also runs each function every round as Lambda inits a version it publishes with SnapStart"
                    + " (" + INITIALIZATION_TYPE + "=snap-start: the handlers prime themselves; the restore is not"
                    + " measured)")
    boolean snapStart;

    @Spec
    CommandSpec commandSpec;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command; returns the exit status. The tables go to System.out whatever {@code out} is. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new Main(), out, err, args);
    }

    /** These arguments parsed and checked, without running anything; a wrong command line throws. */
    static Main parse(String... args) {
        Main main = new Main();
        Cli.commandLine(main, System.out, System.err).parseArgs(args);
        main.check();
        return main;
    }

    /** The command line, checked beyond what picocli checks. */
    private void check() {
        if (runs < 1) {
            throw new ParameterException(commandSpec.commandLine(), "--runs takes a whole number from 1, not " + runs);
        }
    }

    @Override
    public Integer call() throws Exception {
        check();
        String label = this.label;
        boolean warm = !noWarm;
        boolean record = !noResults;
        Path baselineClasses = this.baselineClasses == null ? null : this.baselineClasses.toAbsolutePath();
        Path root = ProjectRoot.require();
        ZonedDateTime started = ZonedDateTime.now(ZoneOffset.UTC);
        String loadBefore = loadAverage();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        List<Path> taskRoot = FunctionCode.taskRoot(root);

        System.out.println("== artifact");
        long artifactBytes = ArtifactSize.zipBytes(taskRoot);
        System.out.printf(Locale.ROOT, "   %.2f MB zipped%n", mb(artifactBytes));

        Map<String, List<ProcessSample>> cold;
        List<String> functions;
        try (MotoServer moto = MotoServer.start(root.resolve("benchmarks/target/moto"))) {
            Map<String, String> tables = new LinkedHashMap<>();
            for (TableDefinition table : template.tables()) {
                tables.put(table.logicalId(), table.logicalId());
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("SenderAddress", LocalStack.DEFAULT_SENDER);
            parameters.put("SiteUrl", "http://127.0.0.1:3000");
            parameters.put("AllowedOrigins", LocalStack.DEFAULT_ALLOWED_ORIGINS);
            // Every sample sign-up comes from the event's one IP, several times a round: at the default
            // limit they would be answered 429 from the 21st on, without the sign-up's path.
            parameters.put("SignUpsPerIpPerHour", "100000");
            StackDefinition stack = new StackDefinition(template, TemplateResolver.of(template, parameters, tables));
            Map<String, String> platform = MotoClients.functionEnvironment(moto.endpoint());
            List<FunctionSpec> specs = withToolOptions(stack.functions(Optional.empty(), platform), extraToolOptions);
            LocalAws.prepare(moto.endpoint(), template, tables, Set.of(LocalStack.DEFAULT_SENDER), root.resolve("content"));
            // The identifier key (IdentifierKeySecret), which five functions read at init, as bin/local creates it.
            String identifierKey = LocalAws.newIdentifierKey();
            specs.stream().map(spec -> spec.environment().get(LocalAws.IDENTIFIER_KEY_VARIABLE)).filter(Objects::nonNull)
                    .distinct().forEach(secretId -> LocalAws.createSecret(moto.endpoint(), secretId, identifierKey));

            Set<String> routed = stack.routes().stream().map(StackDefinition.RouteBinding::functionLogicalId)
                    .collect(Collectors.toSet());
            List<FunctionSpec> http = specs.stream().filter(spec -> routed.contains(spec.logicalId())).toList();
            functions = http.stream().map(FunctionSpec::logicalId).toList();
            for (String function : functions) {
                if (!EVENTS.containsKey(function)) {
                    throw new IllegalStateException("template.yaml has an HTTP function " + function
                            + " without a sample event here: add it to " + Main.class.getName() + ".EVENTS");
                }
            }
            FunctionSpec reference = http.stream().filter(spec -> spec.logicalId().equals(REFERENCE)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("template.yaml has no " + REFERENCE));

            List<Target> targets = new ArrayList<>();
            targets.add(new FloorTarget(FLOOR, lambdaJvmOptions(reference.memoryMb()), floorEnvironment(reference),
                    root.resolve("benchmarks/target/classes")));
            targets.add(new FunctionTarget(NOOP, new FunctionSpec("NoopFunction", NoopHandler.class.getName() + "::handleRequest",
                    reference.environment(), reference.memoryMb(), reference.timeoutSeconds()),
                    List.of(root.resolve("benchmarks/target/classes")), run -> event(root, "get-article.json"), 200));
            for (FunctionSpec spec : http) {
                SampleEvent sample = EVENTS.get(spec.logicalId());
                byte[] event = event(root, sample.file());
                Function<Integer, byte[]> events = spec.logicalId().equals("SubscribeFunction")
                        ? run -> uniqueAddress(event, run) : run -> event;
                targets.add(new FunctionTarget(spec.logicalId(), spec, taskRoot, events, sample.status()));
                List<Path> baselineRoot = new ArrayList<>(taskRoot);
                if (baselineClasses != null) {
                    baselineRoot.set(0, baselineClasses);
                    targets.add(new FunctionTarget(spec.logicalId() + BASELINE, spec, baselineRoot, events, sample.status()));
                }
                if (snapStart) {
                    Map<String, String> environment = new LinkedHashMap<>(spec.environment());
                    environment.put(INITIALIZATION_TYPE, "snap-start");
                    FunctionSpec primed = new FunctionSpec(spec.logicalId(), spec.handler(), environment, spec.memoryMb(),
                            spec.timeoutSeconds());
                    targets.add(new FunctionTarget(spec.logicalId() + SNAPSTART, primed, taskRoot, events, sample.status()));
                    if (baselineClasses != null) {
                        targets.add(new FunctionTarget(spec.logicalId() + BASELINE + SNAPSTART, primed, baselineRoot, events,
                                sample.status()));
                    }
                }
            }
            System.out.printf("== cold starts: %d interleaved rounds over %d targets, moto at %s%n", runs, targets.size(),
                    moto.endpoint());
            cold = new ColdStarts(LambdaProcesses.runtimeDirectory(), LambdaProcesses.currentJava())
                    .run(targets, runs, System.out);
        }

        Map<String, double[]> warmResults = new LinkedHashMap<>();
        if (warm) {
            System.out.println("== warm: JMH, 1 fork, 3 x 1 s warm-up, 5 x 1 s measurement per handler, Lambda's JVM options");
            warmResults = warm(root, lambdaJvmOptions(1024));
        }

        if (!extraToolOptions.isBlank()) {
            label = (label.isBlank() ? "" : label + " ") + "(JAVA_TOOL_OPTIONS += " + extraToolOptions + ")";
        }
        String load = String.format("Load average (1, 5, 15 min) at the start: %s; at the end: %s (anything else running"
                + " on the machine shows here, and in the numbers).", loadBefore, loadAverage());
        if (snapStart) {
            label = (label.isBlank() ? "" : label + " ") + "(with --snapstart rows)";
        }
        String report = report(started, label, load, runs, cold, functions, warmResults, artifactBytes);
        System.out.println();
        System.out.println(report);
        if (record) {
            writeResults(root.resolve(RESULTS), report);
            System.out.println("written to " + RESULTS);
        }
        return 0;
    }

    /**
     * The options LambdaJvm gives a function's JVM (Lambda's java21 runtime): heap at 85% of the
     * memory size, serial GC, the JDK's CDS archive, C1 only. For the floor and the JMH fork.
     */
    static List<String> lambdaJvmOptions(int memoryMb) {
        return List.of("-XX:MaxHeapSize=" + Math.round(memoryMb * 1024 * 0.85) + "k", "-XX:+UseSerialGC", "-Xshare:auto",
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");
    }

    private static List<FunctionSpec> withToolOptions(List<FunctionSpec> specs, String extra) {
        if (extra.isBlank()) {
            return specs;
        }
        return specs.stream().map(spec -> {
            Map<String, String> environment = new LinkedHashMap<>(spec.environment());
            environment.merge("JAVA_TOOL_OPTIONS", extra, (options, added) -> options + " " + added);
            return new FunctionSpec(spec.logicalId(), spec.handler(), environment, spec.memoryMb(), spec.timeoutSeconds());
        }).toList();
    }

    private static Map<String, String> floorEnvironment(FunctionSpec reference) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", Optional.ofNullable(System.getenv("PATH")).orElse("/usr/bin:/bin"));
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        Optional.ofNullable(reference.environment().get("JAVA_TOOL_OPTIONS"))
                .ifPresent(options -> environment.put("JAVA_TOOL_OPTIONS", options));
        return environment;
    }

    private static Map<String, double[]> warm(Path root, List<String> jvmOptions) throws RunnerException {
        List<String> forkOptions = new ArrayList<>(jvmOptions);
        forkOptions.add("-D" + HandlerBenchmarks.ROOT_PROPERTY + "=" + root);
        Map<String, double[]> results = new LinkedHashMap<>();
        for (RunResult result : new Runner(new OptionsBuilder()
                .include(HandlerBenchmarks.class.getName().replace(".", "\\.") + "\\.")
                .forks(1)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .timeUnit(TimeUnit.MICROSECONDS)
                .jvmArgs(forkOptions.toArray(String[]::new))
                .build()).run()) {
            String benchmark = result.getParams().getBenchmark();
            var statistics = result.getPrimaryResult().getStatistics();
            results.put(benchmark.substring(benchmark.lastIndexOf('.') + 1),
                    new double[] {statistics.getPercentile(50), statistics.getPercentile(99), statistics.getN()});
        }
        return results;
    }

    static String report(ZonedDateTime started, String label, String load, int runs, Map<String, List<ProcessSample>> cold,
            List<String> functions, Map<String, double[]> warm, long artifactBytes) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        if (!label.isBlank()) {
            out.append(": ").append(label);
        }
        out.append("\n\n").append(machine()).append("\n\n").append(load).append("\n\n");
        double floor = Stats.percentile(cold.get(FLOOR), ProcessSample::wallMillis, 50);
        out.append("Cold start, process start to first response, ").append(runs)
                .append(" interleaved runs per row, p50 / p90 (× floor: p50 over the floor's p50):\n\n");
        out.append("| | first response ms | × floor | init ms | after init ms | CPU ms | loaded classes | peak RSS MB |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<ProcessSample>> row : cold.entrySet()) {
            List<ProcessSample> samples = row.getValue();
            double wall = Stats.percentile(samples, ProcessSample::wallMillis, 50);
            out.append("| ").append(row.getKey())
                    .append(" | ").append(pair(samples, ProcessSample::wallMillis, "%.0f"))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f", wall / floor))
                    .append(" | ").append(row.getKey().equals(FLOOR) ? "–" : pair(samples, ProcessSample::initMillis, "%.0f"))
                    .append(" | ").append(row.getKey().equals(FLOOR) ? "–"
                            : pair(samples, sample -> sample.wallMillis() - sample.initMillis(), "%.0f"))
                    .append(" | ").append(pair(samples, ProcessSample::cpuMillis, "%.0f"))
                    .append(" | ").append(pair(samples, ProcessSample::loadedClasses, "%.0f"))
                    .append(" | ").append(pair(samples, ProcessSample::peakRssMb, "%.0f"))
                    .append(" |\n");
        }
        if (functions.stream().anyMatch(function -> cold.containsKey(function + SNAPSTART))) {
            out.append("\n*After init*: from the end of init to the first response, the first invocation's own cost."
                    + " Rows marked SnapStart ran their init as Lambda does when it publishes a version with SnapStart"
                    + " (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start: the handlers' priming runs, then the runtime asks for"
                    + " a restore, answered at once); their init is paid once per version, not by a request, and their"
                    + " after-init time is what a request pays after a restore, on top of the restore itself, which"
                    + " cannot be measured here (no CRaC or Firecracker snapshot on this machine).\n");
        }
        List<String> compared = functions.stream().filter(function -> cold.containsKey(function + BASELINE)).toList();
        if (!compared.isEmpty()) {
            out.append("\nThis code against the baseline classes, same rounds (p50 first response; p50 CPU):\n\n");
            for (String function : compared) {
                double now = Stats.percentile(cold.get(function), ProcessSample::wallMillis, 50);
                double before = Stats.percentile(cold.get(function + BASELINE), ProcessSample::wallMillis, 50);
                double cpuNow = Stats.percentile(cold.get(function), ProcessSample::cpuMillis, 50);
                double cpuBefore = Stats.percentile(cold.get(function + BASELINE), ProcessSample::cpuMillis, 50);
                out.append(String.format(Locale.ROOT, "- %s: %.0f ms against %.0f ms (%+.1f%%); CPU %.0f ms against %.0f ms (%+.1f%%)%n",
                        function, now, before, 100 * (now / before - 1), cpuNow, cpuBefore, 100 * (cpuNow / cpuBefore - 1)));
            }
        }
        List<String> primedCompared = functions.stream()
                .filter(function -> cold.containsKey(function + BASELINE + SNAPSTART) && cold.containsKey(function + SNAPSTART))
                .toList();
        if (!primedCompared.isEmpty()) {
            out.append("\nPrimed (SnapStart init), this code against the baseline classes, same rounds (p50 after init:"
                    + " what a request pays after a restore; p50 init: paid once per published version):\n\n");
            for (String function : primedCompared) {
                List<ProcessSample> now = cold.get(function + SNAPSTART);
                List<ProcessSample> before = cold.get(function + BASELINE + SNAPSTART);
                double afterNow = Stats.percentile(now, sample -> sample.wallMillis() - sample.initMillis(), 50);
                double afterBefore = Stats.percentile(before, sample -> sample.wallMillis() - sample.initMillis(), 50);
                double initNow = Stats.percentile(now, ProcessSample::initMillis, 50);
                double initBefore = Stats.percentile(before, ProcessSample::initMillis, 50);
                out.append(String.format(Locale.ROOT, "- %s: after init %.0f ms against %.0f ms; init %.0f ms against %.0f ms%n",
                        function, afterNow, afterBefore, initNow, initBefore));
            }
        }
        if (!warm.isEmpty()) {
            out.append("\nWarm, the handler alone (stores and mailer in memory), JMH sample time:\n\n");
            out.append("| | p50 µs | p99 µs | samples |\n|---|---:|---:|---:|\n");
            for (String function : functions) {
                double[] result = warm.get(WARM_BENCHMARKS.get(function));
                if (result != null) {
                    out.append(String.format(Locale.ROOT, "| %s | %.1f | %.1f | %.0f |%n", function, result[0], result[1],
                            result[2]));
                }
            }
        }
        out.append(String.format(Locale.ROOT, "%nArtifact (classes + lib/*.jar, zipped as sam build packages it): %.2f MB%n",
                mb(artifactBytes)));

        out.append("\nTargets:\n\n");
        double reference = Stats.percentile(cold.get(REFERENCE), ProcessSample::wallMillis, 50);
        target(out, reference <= 8 * floor, String.format(Locale.ROOT, "%s cold ≤ 8× floor: %.0f ms = %.1f× the floor's %.0f ms",
                REFERENCE, reference, reference / floor, floor));
        for (String function : functions) {
            if (!function.equals(REFERENCE)) {
                double wall = Stats.percentile(cold.get(function), ProcessSample::wallMillis, 50);
                target(out, wall <= 1.5 * reference, String.format(Locale.ROOT, "%s cold ≤ 1.5× %s: %.0f ms = %.2f×",
                        function, REFERENCE, wall, wall / reference));
            }
        }
        if (!warm.isEmpty()) {
            double worst = warm.values().stream().mapToDouble(result -> result[1]).max().orElse(Double.NaN);
            target(out, worst < 1000, String.format(Locale.ROOT, "warm p99 < 1 ms for every handler: worst %.1f µs", worst));
        } else {
            out.append("- not measured: warm p99 (--no-warm)\n");
        }
        target(out, mb(artifactBytes) < 15, String.format(Locale.ROOT, "artifact < 15 MB: %.2f MB", mb(artifactBytes)));
        return out.toString();
    }

    private static void target(StringBuilder out, boolean pass, String text) {
        out.append("- ").append(pass ? "PASS" : "FAIL").append(": ").append(text).append('\n');
    }

    private static String pair(List<ProcessSample> samples, ToDoubleFunction<ProcessSample> value, String format) {
        return String.format(Locale.ROOT, format + " / " + format, Stats.percentile(samples, value, 50),
                Stats.percentile(samples, value, 90));
    }

    /** The machine, the JDK and the date, as the results file records them with each run. */
    static String machine() {
        String model = firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal")
                .map(total -> String.format(Locale.ROOT, "%.1f GB", Long.parseLong(total.replace("kB", "").trim()) / 1024.0 / 1024.0))
                .orElse("?");
        return String.format(Locale.ROOT, "Machine: %d cores (nproc), %s, %s memory; %s %s; JDK %s (%s).",
                Runtime.getRuntime().availableProcessors(), model, memory, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"), System.getProperty("java.vm.name"));
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static Optional<String> firstValue(Path file, String key) {
        try {
            return Files.readAllLines(file).stream().filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Puts the new section first, above the earlier ones, under the file's heading and introduction. */
    public static void writeResults(Path file, String section) throws IOException {
        String existing = Files.exists(file) ? Files.readString(file) : "# Benchmark results\n\n"
                + "Written by `bin/benchmark` (see the README's Benchmarks section), newest run first.\n\n";
        int first = existing.startsWith("## ") ? 0 : existing.indexOf("\n## ");
        String updated = first < 0 ? existing.stripTrailing() + "\n\n" + section
                : existing.substring(0, first == 0 ? 0 : first + 1) + section + "\n" + existing.substring(first == 0 ? 0 : first + 1);
        Files.writeString(file, updated, StandardCharsets.UTF_8);
    }

    private static byte[] event(Path root, String name) {
        try {
            return Files.readAllBytes(root.resolve("events").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The sample sign-up with an address of its own, so every run is a first sign-up. */
    private static byte[] uniqueAddress(byte[] event, int run) {
        String json = new String(event, StandardCharsets.UTF_8);
        String address = "reader+" + run + "-" + System.nanoTime() + "@example.com";
        String replaced = json.replace("reader@example.com", address);
        if (replaced.equals(json)) {
            throw new IllegalStateException("events/subscribe.json no longer signs up reader@example.com");
        }
        return replaced.getBytes(StandardCharsets.UTF_8);
    }

    private static double mb(long bytes) {
        return bytes / 1024.0 / 1024.0;
    }
}
