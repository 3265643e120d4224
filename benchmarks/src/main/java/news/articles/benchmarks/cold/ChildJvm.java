package news.articles.benchmarks.cold;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import news.articles.localstack.FunctionCode;

/**
 * What the small one-dependency cost benchmarks share ({@code IdentifierKeyCost}, {@code SqsClientCost}):
 * a fresh JVM with the template's JIT settings running the benchmark's own {@code --child} mode,
 * timed from JVM start to the end of its calls, and the median of the rounds.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** The functions' code as Lambda lays it out, then the benchmarks' classes and their own dependencies. */
    public static String classPath(Path root) {
        StringBuilder classPath = new StringBuilder();
        for (Path entry : FunctionCode.taskRoot(root)) {
            classPath.append(entry).append(File.pathSeparator);
        }
        classPath.append(root.resolve("benchmarks/target/classes"));
        // The benchmark's own dependencies (tools, local-stack) come from its jar's lib folder.
        classPath.append(File.pathSeparator).append(root.resolve("benchmarks/target/lib/*"));
        return classPath.toString();
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
