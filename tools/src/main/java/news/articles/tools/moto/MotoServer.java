package news.articles.tools.moto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import news.articles.tools.ProjectRoot;

/** A {@code moto_server} child process on a free loopback port: AWS for tests, over real HTTP. */
public final class MotoServer implements AutoCloseable {

    /** Names the executable to run, when it is neither on the PATH nor in the repository's .venv. */
    public static final String EXECUTABLE_VARIABLE = "MOTO_SERVER";
    public static final String INSTALL_HINT =
            "install it with `pip install \"moto[server]==5.2.1\"`, or run the README's test command, which sets up .venv";

    static final String EXECUTABLE_NAME = "moto_server";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    /** The free port is closed before moto binds it, so another process may take it in between. */
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 30;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final URI endpoint;
    private final Path logFile;
    private final HttpClient http;
    private final Thread shutdownHook;
    private boolean closed;

    private MotoServer(Process process, int port, Path logFile) {
        this.process = process;
        this.port = port;
        this.endpoint = URI.create("http://" + HOST + ":" + port);
        this.logFile = logFile;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        // Should the JVM end without close() (a killed test run), moto must not outlive it.
        this.shutdownHook = new Thread(() -> destroy(true), "moto-server-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts moto with its log in target/moto under the working directory, which Maven sets to the module's. */
    public static MotoServer start() {
        return start(Path.of("target", "moto"));
    }

    public static MotoServer start(Path logDirectory) {
        Objects.requireNonNull(logDirectory, "logDirectory");
        Path executable = locateExecutable(System.getenv(), Path.of(""));
        try {
            Files.createDirectories(logDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create moto's log folder " + logDirectory, e);
        }
        MotoServerException failure = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = freePort();
            Path logFile = logDirectory.resolve("moto-" + port + ".log").toAbsolutePath();
            Process process;
            try {
                ProcessBuilder builder = new ProcessBuilder(
                        executable.toString(), "-H", HOST, "-p", Integer.toString(port))
                        .redirectErrorStream(true)
                        .redirectOutput(logFile.toFile());
                builder.environment().put("PYTHONUNBUFFERED", "1");
                process = builder.start();
            } catch (IOException e) {
                throw new MotoServerException("cannot run " + executable + ": " + e.getMessage(), e);
            }
            MotoServer server = new MotoServer(process, port, logFile);
            try {
                server.awaitReady();
                return server;
            } catch (MotoServerException e) {
                server.close();
                failure = e;
                if (!tail(logFile).contains("Address already in use")) {
                    break;
                }
            }
        }
        throw failure;
    }

    /**
     * {@value #EXECUTABLE_VARIABLE} if set, else {@code moto_server} on the PATH, else the
     * repository's {@code .venv/bin/moto_server}, the repository being the nearest folder at or
     * above {@code workingDirectory} that holds template.yaml.
     */
    static Path locateExecutable(Map<String, String> environment, Path workingDirectory) {
        String configured = environment.get(EXECUTABLE_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
                throw new MotoServerException(EXECUTABLE_VARIABLE + " is " + path + ", which is not an executable file");
            }
            return path;
        }
        String searchPath = environment.getOrDefault("PATH", "");
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (!folder.isEmpty()) {
                Path candidate = Path.of(folder, EXECUTABLE_NAME);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        Optional<Path> venv = ProjectRoot.find(workingDirectory)
                .map(root -> root.resolve(".venv").resolve("bin").resolve(EXECUTABLE_NAME))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate));
        return venv.orElseThrow(() -> new MotoServerException(EXECUTABLE_NAME + " was not found: not in "
                + EXECUTABLE_VARIABLE + ", on the PATH or in the repository's .venv/bin; " + INSTALL_HINT));
    }

    /** The base URL to give the SDK as its endpoint override. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return port;
    }

    /** Where moto's output goes: read it when a request fails in a way the SDK does not explain. */
    public Path logFile() {
        return logFile;
    }

    /** Forgets everything: every table, item, identity and sent message. */
    public void reset() {
        send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                .POST(HttpRequest.BodyPublishers.noBody()), "reset");
    }

    /** Every message SES accepted since the start or the last reset, oldest first. */
    public List<SentEmail> sentEmails() {
        // data.json is every backend's whole state: with thousands of items and emails (NewsletterDeliveryTest)
        // moto takes well over the usual 10 s to write it on a busy machine.
        String body = send(HttpRequest.newBuilder(endpoint.resolve("/moto-api/data.json")).GET(), "read data.json",
                DATA_TIMEOUT);
        JsonNode messages;
        try {
            messages = JSON.readTree(body).path("ses").path("Message");
        } catch (IOException e) {
            throw new MotoServerException("moto's data.json is not JSON", e);
        }
        List<SentEmail> emails = new ArrayList<>();
        for (JsonNode message : messages) {
            List<String> to = new ArrayList<>();
            message.path("destinations").path("ToAddresses").forEach(address -> to.add(address.asText()));
            emails.add(new SentEmail(
                    message.path("id").asText(),
                    message.path("source").asText(),
                    to,
                    message.path("subject").asText(),
                    message.path("body").asText()));
        }
        return emails;
    }

    /** Stops moto and its children, then waits until the port is free again. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook does the same work.
        }
        destroy(false);
        awaitPortFree();
    }

    @Override
    public String toString() {
        return "moto_server at " + endpoint + " (log " + logFile + ")";
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                .timeout(Duration.ofSeconds(1)).GET().build();
        while (true) {
            if (!process.isAlive()) {
                throw new MotoServerException("moto_server exited with status " + process.exitValue()
                        + " before answering on port " + port + "; the end of its output (" + logFile + "):\n"
                        + tail(logFile));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MotoServerException("interrupted while waiting for moto_server", e);
            }
            if (System.nanoTime() > deadline) {
                throw new MotoServerException("moto_server did not answer on " + endpoint + " within "
                        + START_TIMEOUT.toSeconds() + " s; the end of its output (" + logFile + "):\n" + tail(logFile));
            }
            sleep(POLL_INTERVAL);
        }
    }

    private String send(HttpRequest.Builder request, String action) {
        return send(request, action, Duration.ofSeconds(10));
    }

    private String send(HttpRequest.Builder request, String action, Duration timeout) {
        try {
            HttpResponse<String> response = http.send(request.timeout(timeout).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                throw new MotoServerException("moto could not " + action + ": HTTP " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new MotoServerException("moto could not " + action + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MotoServerException("interrupted while asking moto to " + action, e);
        }
    }

    /**
     * The children are listed before the parent goes: once it is gone they belong to init and are
     * no longer its descendants. A pyenv shim, for one, may stand between us and Python.
     */
    private void destroy(boolean forcibly) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (ProcessHandle handle : tree) {
            if (forcibly) {
                handle.destroyForcibly();
            } else {
                handle.destroy();
            }
        }
        if (forcibly) {
            return;
        }
        if (!awaitExit(tree, STOP_TIMEOUT)) {
            tree.forEach(ProcessHandle::destroyForcibly);
            awaitExit(tree, STOP_TIMEOUT);
        }
    }

    private static boolean awaitExit(List<ProcessHandle> tree, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle handle : tree) {
            long remaining = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                return false;
            }
        }
        return true;
    }

    private void awaitPortFree() {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        while (true) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port));
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new MotoServerException("port " + port + " is still in use after moto_server stopped", e);
                }
            }
            sleep(POLL_INTERVAL);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    private static String tail(Path file) {
        try {
            // Decoding leniently: a log line that is not UTF-8 must not hide the rest.
            List<String> lines = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MotoServerException("interrupted while waiting for moto_server", e);
        }
    }
}
