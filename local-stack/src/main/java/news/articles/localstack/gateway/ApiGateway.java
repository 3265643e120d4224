package news.articles.localstack.gateway;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import news.articles.localstack.FunctionInvoker;

/**
 * The HTTP front of the local stack: an API Gateway HTTP API with Lambda proxy integrations
 * (payload format 2.0) on a loopback port.
 *
 * <p>Per request: a CORS preflight is answered here when CORS is configured; otherwise the body is
 * read (over 10 MB: 413), the route selected (none: 404), the route's throttle consulted (429), the
 * function invoked with the payload 2.0 event and its result mapped back as API Gateway maps it: a
 * function error is a 500, no answer within the integration timeout a 503. Every response carries an
 * {@code apigw-requestid}, the event's {@code requestContext.requestId}. Integration responses get the
 * configured CORS headers for an allowed origin. Pages under {@code /_local/} show the routes and the
 * emails the functions sent. Once {@link #redirectHomeTo} is called, {@code GET /} redirects to the
 * site's home: locally the API's URL stands in for {@code SiteUrl}, so the "Back to" links of the
 * API's own pages would otherwise end on a 404.
 *
 * <p>One access-log line per request: time, method, path (never the query string, which may carry
 * tokens), status, duration and function; no client address, no email address.
 */
public final class ApiGateway implements AutoCloseable {

    /** The longest an HTTP API waits for a Lambda integration, and its default. */
    public static final Duration DEFAULT_INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    /** HTTP APIs' payload size quota: 10 MB. */
    public static final int PAYLOAD_LIMIT_BYTES = 10 * 1024 * 1024;

    private static final int REQUEST_THREADS = 32;
    /** A body over the limit is read and dropped up to this size, so the client gets its 413. */
    private static final long DRAIN_LIMIT_BYTES = 4L * PAYLOAD_LIMIT_BYTES;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);
    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(5);
    private static final long OUTBOX_REFRESH_SPACING = 4;
    private static final Duration OUTBOX_REFRESH_MIN_PAUSE = Duration.ofMillis(100);

    private final InetSocketAddress bindAddress;
    private final Router router;
    private final CorsPolicy cors;
    private final Throttle throttle;
    private final FunctionInvoker invoker;
    private final Outbox outbox;
    private final Consumer<String> accessLog;
    private final Duration integrationTimeout;
    private final LocalPages localPages;
    private final InvokeEndpoint invokeEndpoint;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object outboxRefresh = new Object();
    private boolean outboxRefreshWanted;
    private boolean outboxRefresherRunning;
    private final ThreadPoolExecutor requestThreads;
    private final ThreadPoolExecutor invocationThreads;
    private HttpServer server;
    private volatile boolean closed;
    private volatile URI home;

    /** Access log to standard output, the default integration timeout. */
    public ApiGateway(InetSocketAddress bindAddress, List<Route> routes, CorsPolicy cors, Throttle throttle,
            FunctionInvoker invoker, Outbox outbox) {
        this(bindAddress, routes, cors, throttle, invoker, outbox, System.out::println, DEFAULT_INTEGRATION_TIMEOUT);
    }

    /** Access log to {@code accessLog}, the default integration timeout. */
    public ApiGateway(InetSocketAddress bindAddress, List<Route> routes, CorsPolicy cors, Throttle throttle,
            FunctionInvoker invoker, Outbox outbox, PrintStream accessLog) {
        this(bindAddress, routes, cors, throttle, invoker, outbox, Objects.requireNonNull(accessLog, "accessLog")::println,
                DEFAULT_INTEGRATION_TIMEOUT);
    }

    /**
     * @param throttle null for no throttling
     * @param accessLog receives one line per request
     * @param integrationTimeout how long to wait for a function before answering 503, at most 30 s
     */
    public ApiGateway(InetSocketAddress bindAddress, List<Route> routes, CorsPolicy cors, Throttle throttle,
            FunctionInvoker invoker, Outbox outbox, Consumer<String> accessLog, Duration integrationTimeout) {
        this(bindAddress, routes, cors, throttle, invoker, outbox, accessLog, integrationTimeout,
                routes.stream().map(Route::functionLogicalId).distinct().toList(), SampleEvents.none());
    }

    /**
     * @param functions every function {@code POST /_local/invoke/{Function}} may invoke
     * @param samples the events of their triggers, for an invocation without a body
     */
    public ApiGateway(InetSocketAddress bindAddress, List<Route> routes, CorsPolicy cors, Throttle throttle,
            FunctionInvoker invoker, Outbox outbox, Consumer<String> accessLog, Duration integrationTimeout,
            List<String> functions, SampleEvents samples) {
        this(bindAddress, routes, cors, throttle, invoker, outbox, accessLog, integrationTimeout, functions, samples,
                new LocalMetrics());
    }

    /** @param metrics the functions' business metrics, summed, for {@code GET /_local/metrics} */
    public ApiGateway(InetSocketAddress bindAddress, List<Route> routes, CorsPolicy cors, Throttle throttle,
            FunctionInvoker invoker, Outbox outbox, Consumer<String> accessLog, Duration integrationTimeout,
            List<String> functions, SampleEvents samples, LocalMetrics metrics) {
        this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
        this.router = new Router(Objects.requireNonNull(routes, "routes"));
        this.cors = Objects.requireNonNull(cors, "cors");
        this.throttle = throttle;
        this.invoker = Objects.requireNonNull(invoker, "invoker");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.accessLog = Objects.requireNonNull(accessLog, "accessLog");
        this.integrationTimeout = Objects.requireNonNull(integrationTimeout, "integrationTimeout");
        if (integrationTimeout.isNegative() || integrationTimeout.isZero()
                || integrationTimeout.compareTo(DEFAULT_INTEGRATION_TIMEOUT) > 0) {
            throw new IllegalArgumentException("integration timeout " + integrationTimeout + " is not within (0, 30 s]");
        }
        for (Route route : routes) {
            if (!route.isDefault() && LocalPages.handles(route.pathTemplate())) {
                throw new IllegalArgumentException("route " + route.routeKey() + " is under " + LocalPages.PREFIX
                        + ", which the local pages use");
            }
        }
        this.localPages = new LocalPages(routes, outbox, functions, metrics);
        this.invokeEndpoint = new InvokeEndpoint(invoker, functions, routes, samples, Instant::now);
        this.requestThreads = new ThreadPoolExecutor(REQUEST_THREADS, REQUEST_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads("api-gateway-request-"));
        this.requestThreads.allowCoreThreadTimeOut(true);
        // A request whose integration timed out leaves its invocation running until the function's own
        // timeout, as in AWS: so these are not bounded by the request threads.
        this.invocationThreads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
                new SynchronousQueue<>(), threads("api-gateway-invoke-"));
    }

    /**
     * Answers {@code GET /} and {@code HEAD /} with a {@code 302} to {@code site}. On AWS a CDN serves
     * the site at {@code SiteUrl} and sends {@code /subscriptions/*} and {@code /newsletter*} to the API;
     * locally {@code SiteUrl} is the API's own URL and the site is served on a port of its own.
     */
    public void redirectHomeTo(URI site) {
        this.home = Objects.requireNonNull(site, "site");
    }

    /** Binds the address and starts serving; throws {@link UncheckedIOException} when the port is taken. */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the gateway is closed");
        }
        if (server != null) {
            throw new IllegalStateException("the gateway is already started");
        }
        HttpServer created;
        try {
            created = HttpServer.create(bindAddress, 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + bindAddress + ": " + e.getMessage(), e);
        }
        created.createContext("/", this::handle);
        created.setExecutor(requestThreads);
        created.start();
        server = created;
    }

    /** The port it listens on (the actual one when the bind address said 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("the gateway is not started");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, for banners and tests. */
    public URI endpoint() {
        InetSocketAddress address;
        synchronized (this) {
            if (server == null) {
                throw new IllegalStateException("the gateway is not started");
            }
            address = server.getAddress();
        }
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort());
    }

    /**
     * Stops accepting, gives requests in flight a moment, closes the socket and every connection, and
     * joins the threads: afterwards nothing listens. Does not close the invoker.
     */
    @Override
    public void close() {
        HttpServer running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = server;
        }
        if (running != null) {
            long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(10));
            }
            // Closes the listening socket and every connection, then joins the dispatcher thread.
            running.stop(0);
        }
        requestThreads.shutdownNow();
        invocationThreads.shutdownNow();
        await(requestThreads);
        await(invocationThreads);
    }

    private void handle(HttpExchange exchange) {
        inFlight.incrementAndGet();
        long started = System.nanoTime();
        Instant time = Instant.now();
        String requestId = requestId();
        String method = exchange.getRequestMethod();
        String rawPath = Optional.ofNullable(exchange.getRequestURI().getRawPath()).orElse("/");
        Handled handled;
        try {
            if (InvokeEndpoint.handles(rawPath)) {
                handled = invoke(exchange, method, rawPath, requestId);
            } else if (LocalPages.handles(rawPath)) {
                handled = new Handled(localPages.respond(method, rawPath), null);
            } else if (home != null && rawPath.equals("/") && (method.equals("GET") || method.equals("HEAD"))) {
                handled = new Handled(GatewayResponse.redirect(home), null);
            } else {
                handled = api(exchange, method, rawPath, requestId, time);
            }
        } catch (IOException | RuntimeException e) {
            handled = new Handled(GatewayResponse.internalServerError(), null);
        }
        // Logged before the answer leaves, so that a client that has its answer also finds it logged.
        log(time, method, rawPath, handled, started);
        try {
            send(exchange, method, handled.response(), requestId);
        } catch (IOException e) {
            // The client went away; there is nobody left to answer.
        } finally {
            exchange.close();
            inFlight.decrementAndGet();
        }
        if (handled.functionLogicalId() != null) {
            refreshOutbox();
        }
    }

    private Handled api(HttpExchange exchange, String method, String rawPath, String requestId, Instant time)
            throws IOException {
        Headers requestHeaders = exchange.getRequestHeaders();
        String origin = requestHeaders.getFirst("Origin");
        if (cors.configured() && method.equals("OPTIONS") && origin != null
                && requestHeaders.getFirst("Access-Control-Request-Method") != null) {
            // API Gateway answers the preflight itself; to an origin, a method or headers it does not
            // allow, without CORS headers.
            Map<String, String> granted = cors.preflightHeaders(origin,
                    requestHeaders.getFirst("Access-Control-Request-Method"), joined(requestHeaders, "Access-Control-Request-Headers"));
            return new Handled(new GatewayResponse(204, new ArrayList<>(granted.entrySet()), new byte[0]), null);
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            return new Handled(GatewayResponse.message(413, "Request Entity Too Large"), null);
        }
        Optional<Router.Match> match = router.match(method, rawPath);
        if (match.isEmpty()) {
            return new Handled(GatewayResponse.notFound(), null);
        }
        Route route = match.get().route();
        if (throttle != null && !throttle.tryAcquire(route.routeKey())) {
            return new Handled(GatewayResponse.message(429, "Too Many Requests"), null);
        }
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        Map<String, List<String>> headers = forwardedHeaders(requestHeaders, sourceIp,
                exchange.getLocalAddress().getPort(), time);
        byte[] event = ProxyEvent.build(new ProxyEvent.Request(method,
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""), headers, body, sourceIp,
                exchange.getProtocol(), requestId, time), match.get());
        GatewayResponse response = invoke(route.functionLogicalId(), event);
        if (cors.configured()) {
            response = response.withHeaders(cors.responseHeaders(origin));
        }
        return new Handled(response, route.functionLogicalId());
    }

    /** {@code POST /_local/invoke/{Function}}: from this machine only, like the gateway's socket. */
    private Handled invoke(HttpExchange exchange, String method, String rawPath, String requestId) throws IOException {
        if (!exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
            return new Handled(GatewayResponse.message(403, "Forbidden"), null);
        }
        byte[] body = readBody(exchange);
        if (body == null) {
            return new Handled(GatewayResponse.message(413, "Request Entity Too Large"), null);
        }
        InvokeEndpoint.Answer answer = invokeEndpoint.respond(method, rawPath, exchange.getRequestURI().getRawQuery(),
                body, requestId);
        return new Handled(answer.response(), answer.functionLogicalId());
    }

    private GatewayResponse invoke(String functionLogicalId, byte[] event) {
        Future<FunctionInvoker.Invocation> invocation;
        try {
            invocation = invocationThreads.submit(() -> invoker.invoke(functionLogicalId, event));
        } catch (RejectedExecutionException e) {
            return GatewayResponse.internalServerError();
        }
        try {
            return IntegrationResponse.map(invocation.get(integrationTimeout.toNanos(), TimeUnit.NANOSECONDS),
                    cors.configured());
        } catch (TimeoutException e) {
            // API Gateway stops waiting; the function runs on to its own timeout.
            return GatewayResponse.message(503, "Service Unavailable");
        } catch (ExecutionException e) {
            return GatewayResponse.internalServerError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return GatewayResponse.internalServerError();
        }
    }

    /**
     * The request's headers with those API Gateway adds: X-Forwarded-For (the client appended),
     * X-Forwarded-Port, X-Forwarded-Proto (http here, https in AWS) and X-Amzn-Trace-Id.
     */
    private static Map<String, List<String>> forwardedHeaders(Headers requestHeaders, String sourceIp, int port,
            Instant time) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        requestHeaders.forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> new ArrayList<>()).addAll(values));
        List<String> forwardedFor = headers.remove("x-forwarded-for");
        headers.put("x-forwarded-for", List.of(forwardedFor == null || forwardedFor.isEmpty()
                ? sourceIp : String.join(",", forwardedFor) + ", " + sourceIp));
        headers.put("x-forwarded-port", List.of(Integer.toString(port)));
        headers.put("x-forwarded-proto", List.of("http"));
        headers.computeIfAbsent("x-amzn-trace-id", key -> List.of(traceId(time)));
        return headers;
    }

    /** The values of a header that may be repeated, joined with commas; null when absent. */
    private static String joined(Headers headers, String name) {
        List<String> values = headers.get(name);
        return values == null ? null : String.join(",", values);
    }

    /** The body, or null when it is over the payload limit. */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > DRAIN_LIMIT_BYTES) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // The server has already refused a malformed length; read what comes.
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                total += read;
                if (total <= PAYLOAD_LIMIT_BYTES) {
                    body.write(buffer, 0, read);
                } else if (total > DRAIN_LIMIT_BYTES) {
                    break;
                }
            }
        }
        return total > PAYLOAD_LIMIT_BYTES ? null : body.toByteArray();
    }

    private static void send(HttpExchange exchange, String method, GatewayResponse response, String requestId)
            throws IOException {
        Headers headers = exchange.getResponseHeaders();
        for (Map.Entry<String, String> header : response.headers()) {
            headers.add(header.getKey(), header.getValue());
        }
        headers.set("apigw-requestid", requestId);
        int status = response.status();
        byte[] body = response.body();
        boolean withoutBody = body.length == 0 || method.equals("HEAD") || status == 204 || status == 304;
        exchange.sendResponseHeaders(status, withoutBody ? -1 : body.length);
        if (!withoutBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private void log(Instant time, String method, String rawPath, Handled handled, long started) {
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String function = handled.functionLogicalId() == null ? "-" : handled.functionLogicalId();
        try {
            accessLog.accept(time + " " + method + " " + loggablePath(rawPath) + " " + handled.response().status()
                    + " " + millis + " ms " + function);
        } catch (RuntimeException e) {
            // A broken log sink must not break the API.
        }
    }

    /** The raw path, shortened, with any segment that may hold an email address blanked. */
    static String loggablePath(String rawPath) {
        String[] segments = rawPath.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String lower = segments[i].toLowerCase(Locale.ROOT);
            if (lower.contains("@") || lower.contains("%40")) {
                segments[i] = "[redacted]";
            }
        }
        String path = String.join("/", segments);
        return path.length() > 200 ? path.substring(0, 200) + "..." : path;
    }

    /**
     * Asks for a refresh of the outbox after an invocation. Reading moto's sent mail means a dump of
     * moto's whole state (a quarter of a second once the content is imported, more as subscribers
     * accumulate): one per request had 20 clients' dumps queue up in moto and slowed every request
     * behind them. So one refresh runs at a time, requests made meanwhile share the next one, and
     * after each the refresher pauses {@value #OUTBOX_REFRESH_SPACING}× as long as the refresh took
     * (at least {@link #OUTBOX_REFRESH_MIN_PAUSE}): moto spends at most a fifth of its time on it,
     * and a message is stamped within about a second of the request that sent it. The outbox pages
     * still refresh when read.
     */
    private void refreshOutbox() {
        synchronized (outboxRefresh) {
            outboxRefreshWanted = true;
            if (outboxRefresherRunning) {
                return;
            }
            outboxRefresherRunning = true;
        }
        try {
            invocationThreads.execute(this::refreshOutboxWhileWanted);
        } catch (RejectedExecutionException e) {
            synchronized (outboxRefresh) {
                outboxRefresherRunning = false;
            }
        }
    }

    private void refreshOutboxWhileWanted() {
        while (true) {
            synchronized (outboxRefresh) {
                if (!outboxRefreshWanted || closed) {
                    outboxRefresherRunning = false;
                    return;
                }
                outboxRefreshWanted = false;
            }
            long started = System.nanoTime();
            try {
                outbox.refresh();
            } catch (RuntimeException e) {
                // moto may be down; the outbox page says so when it cannot refresh.
            }
            long took = System.nanoTime() - started;
            sleep(Duration.ofNanos(Math.max(OUTBOX_REFRESH_MIN_PAUSE.toNanos(), OUTBOX_REFRESH_SPACING * took)));
            if (Thread.currentThread().isInterrupted()) {
                synchronized (outboxRefresh) {
                    outboxRefresherRunning = false;
                }
                return;
            }
        }
    }

    /** Like API Gateway's: 11 random bytes in base64, 16 characters ending in '='. */
    private static String requestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** X-Ray's format: Root=1-{epoch seconds, 8 hex}-{96 random bits, 24 hex}. */
    private static String traceId(Instant time) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return String.format("Root=1-%08x-%08x%016x", time.getEpochSecond(), random.nextInt(), random.nextLong());
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    private static void await(ExecutorService executor) {
        try {
            executor.awaitTermination(JOIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Handled(GatewayResponse response, String functionLogicalId) {
    }
}
