package news.articles.localstack.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.tools.ProjectRoot;

/**
 * bin/local's command in a process of its own, with bin/local's JVM options, on a free port:
 * its whole output is kept (the banner, the access log and every function's log lines), so tests
 * can read what a developer would see in the terminal.
 */
final class StackProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern BANNER_LINE = Pattern.compile(
            "^  (site|API|latest articles|an article|recommendations|outbox|subscribe|invoke|local AWS)\\s{2,}(\\S.*?)(\\s{3}\\(.*\\))?$");
    static final String BANNER_END = "Press Ctrl-C";

    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, String> banner = new LinkedHashMap<>();
    private int bannerEndLine = -1;

    private StackProcess(Process process) {
        this.process = process;
    }

    /** Starts the stack with these extra arguments and waits for its banner. */
    static StackProcess start(String... arguments) throws IOException, InterruptedException {
        Path root = ProjectRoot.require();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // bin/local's own options: the figures printed are those of the command people run.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                "news.articles.localstack.Main", "--port", "0", "--site-port", "0"));
        command.addAll(List.of(arguments));
        StackProcess stack = new StackProcess(
                new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start());
        Thread reader = new Thread(stack::readOutput, "local-stack-output");
        reader.setDaemon(true);
        reader.start();
        try {
            stack.awaitBanner();
        } catch (AssertionError | InterruptedException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            lines.add("(output closed: " + e + ")");
        }
        synchronized (lines) {
            lines.notifyAll();
        }
    }

    private void awaitBanner() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        synchronized (lines) {
            int seen = 0;
            while (bannerEndLine < 0) {
                for (; seen < lines.size(); seen++) {
                    Matcher entry = BANNER_LINE.matcher(lines.get(seen));
                    if (entry.matches()) {
                        banner.put(entry.group(1), entry.group(2).trim());
                    }
                    if (lines.get(seen).contains(BANNER_END)) {
                        bannerEndLine = seen;
                        return;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("no banner within " + START_TIMEOUT + "; output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(1000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            }
        }
    }

    URI api() {
        return URI.create(banner.get("API"));
    }

    URI moto() {
        return URI.create(banner.get("local AWS"));
    }

    Map<String, String> banner() {
        return banner;
    }

    /** Everything printed so far. */
    List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** What was printed after the banner: the access log and the functions' log lines. */
    List<String> outputAfterBanner() {
        List<String> all = output();
        return all.subList(bannerEndLine + 1, all.size());
    }

    /** Stops it as Ctrl-C does (SIGTERM: a test's child may ignore SIGINT) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle child : children) {
            child.destroyForcibly();
        }
    }
}
