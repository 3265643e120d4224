package news.articles.benchmarks.cold;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What the small one-dependency cost benchmarks share ({@code IdentifierKeyCost}, {@code SqsClientCost}):
 * a fresh JVM with the template's JIT settings running the benchmark's own {@code --child} mode,
 * timed from JVM start to the end of its calls, and the median of the rounds.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** Runs {@code main --child mode endpoint} in a fresh JVM and returns the milliseconds it printed last. */
    public static long run(String classPath, Class<?> main, String mode, URI endpoint) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("java", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-cp", classPath, main.getName(), "--child", mode, endpoint.toString());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("the child failed: " + out);
        }
        String[] lines = out.split("\n");
        return Long.parseLong(lines[lines.length - 1].trim());
    }

    /** In the child: prints the milliseconds since this JVM started, for {@link #run} to read. */
    public static void printElapsed() {
        System.out.println(System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    public static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
