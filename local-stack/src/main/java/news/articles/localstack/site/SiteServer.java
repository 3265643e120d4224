package news.articles.localstack.site;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Serves {@code site/} (the reference article page: static HTML, CSS and JavaScript) on its own
 * loopback port, as a front-end dev server would: the page then calls the API cross-origin, as a
 * real site does. The pages name the API by {@link #DEFAULT_API_BASE_URL}; when the API listens
 * elsewhere, that origin is rewritten in the HTML served, so the scripts (which read it from a
 * meta tag) and the no-JavaScript form post both reach it.
 */
public final class SiteServer implements AutoCloseable {

    /** The API's URL as written in site/*.html: bin/local's default. */
    public static final String DEFAULT_API_BASE_URL = "http://127.0.0.1:3000";

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "txt", "text/plain; charset=utf-8");

    private final Path root;
    private final String apiBaseUrl;
    private final Consumer<String> accessLog;
    private final HttpServer server;
    private final ExecutorService threads;

    private SiteServer(Path root, String apiBaseUrl, Consumer<String> accessLog, HttpServer server,
            ExecutorService threads) {
        this.root = root;
        this.apiBaseUrl = apiBaseUrl;
        this.accessLog = accessLog;
        this.server = server;
        this.threads = threads;
    }

    /**
     * Starts serving {@code siteRoot} on {@code address}; throws {@link UncheckedIOException} when the port is taken.
     *
     * @param apiBaseUrl the API's base URL, without a trailing slash
     */
    public static SiteServer start(Path siteRoot, InetSocketAddress address, URI apiBaseUrl, Consumer<String> accessLog) {
        Path root = Objects.requireNonNull(siteRoot, "siteRoot").toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("no site folder at " + root);
        }
        HttpServer server;
        try {
            server = HttpServer.create(Objects.requireNonNull(address, "address"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the site on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService threads = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "site-server");
            thread.setDaemon(true);
            return thread;
        });
        String api = Objects.requireNonNull(apiBaseUrl, "apiBaseUrl").toString().replaceAll("/+$", "");
        SiteServer site = new SiteServer(root, api, Objects.requireNonNull(accessLog, "accessLog"), server, threads);
        server.createContext("/", site::handle);
        server.setExecutor(threads);
        server.start();
        return site;
    }

    /** {@code http://127.0.0.1:port/}. */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        return URI.create("http://" + address.getAddress().getHostAddress() + ":" + address.getPort() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            respond(exchange);
        } catch (IOException | RuntimeException e) {
            if (exchange.getResponseCode() == -1) {
                log(exchange, 500);
                exchange.sendResponseHeaders(500, -1);
            }
        } finally {
            exchange.close();
        }
    }

    /** Written before the answer goes out, so whoever got the answer finds its line. */
    private void log(HttpExchange exchange, int status) {
        // The path only: a query string may carry anything a reader typed.
        accessLog.accept("site " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath() + " " + status);
    }

    private int respond(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            return send(exchange, 405, "text/plain; charset=utf-8", "Method Not Allowed\n".getBytes(StandardCharsets.UTF_8));
        }
        Path file = resolve(exchange.getRequestURI().getPath());
        if (file == null) {
            return send(exchange, 404, "text/plain; charset=utf-8", "Not Found\n".getBytes(StandardCharsets.UTF_8));
        }
        String extension = extension(file);
        byte[] body = Files.readAllBytes(file);
        if (extension.equals("html") && !apiBaseUrl.equals(DEFAULT_API_BASE_URL)) {
            body = new String(body, StandardCharsets.UTF_8).replace(DEFAULT_API_BASE_URL, apiBaseUrl)
                    .getBytes(StandardCharsets.UTF_8);
        }
        // A dev server: edits show on reload.
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        return send(exchange, 200, TYPES.getOrDefault(extension, "application/octet-stream"), body);
    }

    /** The file a path names inside the site folder, {@code index.html} for a folder; null when there is none. */
    private Path resolve(String path) {
        if (path == null || !path.startsWith("/") || path.contains("\0")) {
            return null;
        }
        Path file = root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root)) {
            return null;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        return Files.isRegularFile(file) ? file : null;
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private int send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        log(exchange, status);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        return status;
    }
}
