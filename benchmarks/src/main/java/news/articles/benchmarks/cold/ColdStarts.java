package news.articles.benchmarks.cold;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.localstack.FunctionInvoker.Invocation;
import news.articles.localstack.FunctionInvoker.Outcome;
import news.articles.localstack.FunctionSpec;
import news.articles.localstack.runtime.LambdaProcesses;

/**
 * Cold starts, interleaved: each round starts every target once, in a fresh JVM, in turn, so that
 * whatever drifts on the machine during the run touches every target alike.
 */
public final class ColdStarts {

    /** Lambda's REPORT field for the init phase: from process start to the runtime's first /next. */
    private static final Pattern INIT_DURATION = Pattern.compile("Init Duration: ([0-9.]+) ms");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path runtimeDirectory;
    private final Path java;

    public ColdStarts(Path runtimeDirectory, Path java) {
        this.runtimeDirectory = Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
        this.java = Objects.requireNonNull(java, "java");
    }

    /** Something to start cold: a function under the runtime client, or the floor program. */
    public sealed interface Target permits FunctionTarget, FloorTarget {
        String name();
    }

    /**
     * A function of the template on its sample event; {@code event} gives the event of each run
     * (the run's number in, so that a sign-up can use a new address each time).
     */
    public record FunctionTarget(String name, FunctionSpec spec, List<Path> taskRoot, Function<Integer, byte[]> event,
            int expectedStatus) implements Target {
    }

    /** The trivial program, started with the same JVM options and JAVA_TOOL_OPTIONS as the functions. */
    public record FloorTarget(String name, List<String> jvmOptions, Map<String, String> environment, Path classpath)
            implements Target {
    }

    /** {@code runs} rounds over the targets; the samples per target, in target order. */
    public Map<String, List<ProcessSample>> run(List<Target> targets, int runs, java.io.PrintStream progress) {
        Map<String, List<ProcessSample>> samples = new LinkedHashMap<>();
        targets.forEach(target -> samples.put(target.name(), new ArrayList<>()));
        for (int run = 1; run <= runs; run++) {
            StringBuilder line = new StringBuilder(String.format("   round %2d/%d:", run, runs));
            for (Target target : targets) {
                ProcessSample sample = target instanceof FunctionTarget function
                        ? function(function, run)
                        : floor((FloorTarget) target);
                samples.get(target.name()).add(sample);
                line.append(String.format(" %s %.0f ms", shortName(target.name()), sample.wallMillis()));
            }
            progress.println(line);
        }
        return samples;
    }

    private ProcessSample function(FunctionTarget target, int run) {
        List<String> log = new ArrayList<>();
        byte[] event = target.event().apply(run);
        try (LambdaProcesses processes = new LambdaProcesses(List.of(target.spec()), target.taskRoot(), runtimeDirectory,
                java, 1, line -> {
                    synchronized (log) {
                        log.add(line);
                    }
                })) {
            long start = System.nanoTime();
            Invocation invocation = processes.invoke(target.spec().logicalId(), event);
            double wall = (System.nanoTime() - start) / 1_000_000.0;
            long pid = processes.environments().get(0).pid();
            ProcessSample sample = ProcessSample.of(pid, wall, initMillis(log));
            check(target, invocation, log);
            return sample;
        }
    }

    private ProcessSample floor(FloorTarget target) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(target.jvmOptions());
        command.add("-cp");
        command.add(target.classpath().toString());
        command.add(Hello.class.getName());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(target.environment());
        long start = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        try {
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line;
            List<String> lines = new ArrayList<>();
            // JAVA_TOOL_OPTIONS makes the JVM print "Picked up ..." first, as it does for the functions.
            while ((line = output.readLine()) != null && !line.equals("hello")) {
                lines.add(line);
            }
            double wall = (System.nanoTime() - start) / 1_000_000.0;
            if (line == null) {
                throw new IllegalStateException("the floor program ended without saying hello: " + lines);
            }
            return ProcessSample.of(process.pid(), wall, wall);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static double initMillis(List<String> log) {
        synchronized (log) {
            for (String line : log) {
                Matcher matcher = INIT_DURATION.matcher(line);
                if (matcher.find()) {
                    return Double.parseDouble(matcher.group(1));
                }
            }
        }
        return Double.NaN;
    }

    /** A run that did not answer as the sample event should is no measurement: it stops the benchmark. */
    private static void check(FunctionTarget target, Invocation invocation, List<String> log) {
        String payload = new String(invocation.payload(), StandardCharsets.UTF_8);
        int status = -1;
        if (invocation.outcome() == Outcome.SUCCESS) {
            try {
                JsonNode response = JSON.readTree(payload);
                status = response.path("statusCode").asInt(-1);
            } catch (IOException e) {
                // reported below
            }
        }
        if (status != target.expectedStatus()) {
            synchronized (log) {
                throw new IllegalStateException(target.name() + " answered " + invocation.outcome() + " " + status
                        + " instead of " + target.expectedStatus() + ": " + payload + "\nits log:\n  " + String.join("\n  ", log));
            }
        }
    }

    private static String shortName(String name) {
        return name.replace("Function", "");
    }
}
