package news.articles.localstack;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleSummary;
import news.articles.localstack.gateway.ApiGateway;
import news.articles.localstack.gateway.CorsPolicy;
import news.articles.localstack.gateway.MotoOutbox;
import news.articles.localstack.gateway.Route;
import news.articles.localstack.gateway.Throttle;
import news.articles.localstack.inprocess.InProcessFunctions;
import news.articles.localstack.site.SiteServer;
import news.articles.localstack.runtime.LambdaProcesses;
import news.articles.localstack.sqs.EventSourceMappings;
import news.articles.localstack.sqs.LocalQueue;
import news.articles.localstack.sqs.LocalQueues;
import news.articles.localstack.sqs.SqsEventSource;
import news.articles.localstack.sqs.SqsEventSourceMapping;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.local.LocalAws;
import news.articles.tools.local.SamEnvFile;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole API on this machine: moto, the template's tables with the sample content and its
 * queues, each function in its own JVM under the Lambda Runtime Interface Client, an API
 * Gateway-like HTTP front (with {@code POST /_local/invoke/{Function}}), and Lambda's event
 * source mappings for the functions' SQS events. Closing it stops every process it started and frees every port.
 */
public final class LocalStack implements AutoCloseable {

    /** Sent by default to the subscription functions; moto verifies it, so mail goes out. */
    public static final String DEFAULT_SENDER = "newsletter@example.com";
    /** Front-end dev servers that may call the API from a browser (Vite, webpack's usual ports). */
    public static final String DEFAULT_ALLOWED_ORIGINS = "http://localhost:5173,http://127.0.0.1:5173,http://localhost:8080";
    public static final String OUTBOX_PATH = "/_local/outbox";
    public static final String INVOKE_PATH = "/_local/invoke/";
    /** Where bin/local serves site/ by default: a front-end dev server's usual port, an allowed origin. */
    public static final int DEFAULT_SITE_PORT = 5173;
    /** The week the banner's invoke example runs: the sample articles are dated before it. */
    static final String SAMPLE_SCHEDULED_TIME = "2026-11-20T09:00:00Z";

    private final MotoServer moto;
    private final FunctionInvoker functions;
    private final ApiGateway gateway;
    private final EventSourceMappings mappings;
    private final SiteServer site;
    private final URI baseUrl;
    private final Banner banner;

    /** How to run the stack; {@code port} and {@code sitePort} 0 pick a free one. */
    public record Options(Path root, int port, int sitePort, Map<String, String> parameterOverrides,
            Optional<Path> envVars, boolean inProcess) {
        public Options {
            Objects.requireNonNull(root, "root");
            parameterOverrides = Map.copyOf(Objects.requireNonNull(parameterOverrides, "parameterOverrides"));
            Objects.requireNonNull(envVars, "envVars");
        }
    }

    /** What the banner shows. */
    public record Banner(URI site, URI routes, URI api, URI articles, URI sections, URI article, URI recommendations, URI outbox,
            String subscribeCommand, String invokeCommand, URI localAws, List<String> functions) {
    }

    private LocalStack(MotoServer moto, FunctionInvoker functions, ApiGateway gateway, EventSourceMappings mappings,
            SiteServer site, URI baseUrl, Banner banner) {
        this.moto = moto;
        this.functions = functions;
        this.gateway = gateway;
        this.mappings = mappings;
        this.site = site;
        this.baseUrl = baseUrl;
        this.banner = banner;
    }

    public static LocalStack start(Options options, PrintStream log) {
        Path root = options.root();
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        MotoServer moto = MotoServer.start(root.resolve("local-stack/target/moto"));
        FunctionInvoker functions = null;
        ApiGateway gateway = null;
        EventSourceMappings mappings = null;
        SiteServer site = null;
        try {
            // The front's port is chosen first: links in emails and canonical URLs point at it.
            int port = options.port() == 0 ? FreePort.pick() : options.port();
            URI baseUrl = URI.create("http://127.0.0.1:" + port);
            int sitePort = options.sitePort() == 0 ? FreePort.pick() : options.sitePort();
            String siteOrigin = "http://127.0.0.1:" + sitePort;

            Map<String, String> tables = new LinkedHashMap<>();
            for (TableDefinition table : template.tables()) {
                tables.put(table.logicalId(), table.logicalId());
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("SenderAddress", DEFAULT_SENDER);
            parameters.put("SiteUrl", baseUrl.toString());
            // The site's own origin is allowed wherever --site-port puts it, unless the origins are overridden.
            parameters.put("AllowedOrigins", List.of(DEFAULT_ALLOWED_ORIGINS.split(",")).contains(siteOrigin)
                    ? DEFAULT_ALLOWED_ORIGINS : DEFAULT_ALLOWED_ORIGINS + "," + siteOrigin);
            parameters.putAll(options.parameterOverrides());
            // Queues are named before anything resolves, so that functions get their URLs and ARNs.
            TemplateResolver withoutQueues = TemplateResolver.of(template, parameters, tables);
            Map<String, LocalQueue> queues = LocalQueues.plan(template, withoutQueues, moto.endpoint());
            TemplateResolver resolver = withoutQueues.withQueues(queues);
            StackDefinition stack = new StackDefinition(template, resolver);
            List<SqsEventSource> sqsSources = stack.sqsEventSources(queues);
            Optional<SamEnvFile> envFile = options.envVars().map(SamEnvFile::load);

            Map<String, String> platform = MotoClients.functionEnvironment(moto.endpoint());
            List<FunctionSpec> specs = stack.functions(envFile, platform);

            Set<String> senders = new LinkedHashSet<>();
            specs.forEach(spec -> Optional.ofNullable(spec.environment().get("SENDER_ADDRESS")).ifPresent(senders::add));
            LocalAws.Preparation prepared = LocalAws.prepare(moto.endpoint(), template, tables, senders,
                    root.resolve("content"));
            log.printf("local AWS: moto at %s, tables %s, %d articles imported, sender %s verified%n",
                    moto.endpoint(), prepared.tables().values(), prepared.content().entries().size(), senders);
            // The identifier key, as the template's IdentifierKeySecret: generated afresh at each start.
            Set<String> keySecrets = new LinkedHashSet<>();
            specs.forEach(spec -> Optional.ofNullable(spec.environment().get(LocalAws.IDENTIFIER_KEY_VARIABLE))
                    .filter(id -> !id.isBlank()).ifPresent(keySecrets::add));
            String identifierKey = LocalAws.newIdentifierKey();
            keySecrets.forEach(secretId -> LocalAws.createSecret(moto.endpoint(), secretId, identifierKey));
            try (SqsClient sqs = MotoClients.sqs(moto.endpoint(), SqsEventSourceMapping.DEFAULT_POLL_WAIT)) {
                LocalQueues.create(sqs, template, resolver, queues);
            }
            if (!queues.isEmpty()) {
                log.printf("local AWS: queues %s%n", queues.keySet());
            }

            List<java.nio.file.Path> taskRoot = FunctionCode.taskRoot(root);
            // The functions' metric lines (EMF) pass through here on their way to the log: /_local/metrics sums them.
            news.articles.localstack.gateway.LocalMetrics metrics = new news.articles.localstack.gateway.LocalMetrics();
            if (options.inProcess() || !LambdaProcesses.platformSupported()) {
                log.println("functions: called in this JVM" + (options.inProcess() ? " (--in-process)"
                        : ": the Lambda Runtime Interface Client runs on Linux only") + "; see docs/local-stack.md for how that differs");
                functions = new InProcessFunctions(specs, taskRoot, metrics.tap(log::println));
            } else {
                functions = new LambdaProcesses(specs, taskRoot, metrics.tap(log::println));
            }
            List<Route> routes = new ArrayList<>();
            stack.routes().forEach(route -> routes.add(new Route(route.method(), route.path(), route.functionLogicalId())));
            CorsPolicy cors = stack.cors()
                    .map(c -> new CorsPolicy(c.allowOrigins(), c.allowMethods(), c.allowHeaders(), c.exposeHeaders(),
                            c.maxAgeSeconds(), c.allowCredentials()))
                    .orElse(CorsPolicy.none());
            Throttle throttle = stack.throttling().map(t -> new Throttle(t.ratePerSecond(), t.burst())).orElse(null);
            List<String> functionIds = specs.stream().map(FunctionSpec::logicalId).toList();
            gateway = new ApiGateway(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), routes, cors,
                    throttle, functions, new MotoOutbox(moto), log::println, stack.integrationTimeout(), functionIds,
                    new TriggerEvents(stack, sqsSources), metrics);
            if (baseUrl.toString().equals(parameters.get("SiteUrl"))) {
                gateway.redirectHomeTo(URI.create(siteOrigin + "/"));
            }
            gateway.start();
            mappings = EventSourceMappings.start(sqsSources, moto.endpoint(), functions, log::println,
                    SqsEventSourceMapping.DEFAULT_POLL_WAIT);

            site = SiteServer.start(root.resolve("site"), new InetSocketAddress(InetAddress.getLoopbackAddress(), sitePort),
                    baseUrl, log::println);

            String slug = newestArticle(moto, tables.get("ArticlesTable"));
            Banner banner = new Banner(site.endpoint(), baseUrl.resolve("/_local/"), baseUrl,
                    baseUrl.resolve("/articles?limit=5"),
                    baseUrl.resolve("/sections"),
                    baseUrl.resolve("/articles/" + slug),
                    baseUrl.resolve("/articles/" + slug + "/recommendations"),
                    baseUrl.resolve(OUTBOX_PATH),
                    "curl -i " + baseUrl.resolve("/subscriptions")
                            + " -H 'content-type: application/json' -d '{\"email\": \"reader@example.com\"}'",
                    invokeCommand(baseUrl, stack, functionIds),
                    moto.endpoint(),
                    functionIds);
            return new LocalStack(moto, functions, gateway, mappings, site, baseUrl, banner);
        } catch (RuntimeException e) {
            closeQuietly(site);
            closeQuietly(gateway);
            closeQuietly(mappings);
            closeQuietly(functions);
            closeQuietly(moto);
            throw e;
        }
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public Banner banner() {
        return banner;
    }

    /**
     * Stops the site and the front first, so no request reaches a stopped function, then the queue pollers, then
     * the functions, then moto.
     */
    @Override
    public void close() {
        closeQuietly(site);
        closeQuietly(gateway);
        closeQuietly(mappings);
        closeQuietly(functions);
        closeQuietly(moto);
    }

    /**
     * The banner's example: a run of the first scheduled function for a week that has sample
     * articles, else an invocation of the first function with its sample event.
     */
    static String invokeCommand(URI baseUrl, StackDefinition stack, List<String> functionIds) {
        Optional<String> scheduled = functionIds.stream().filter(id -> stack.schedule(id).isPresent()).findFirst();
        String function = scheduled.orElse(functionIds.isEmpty() ? "{FunctionLogicalId}" : functionIds.get(0));
        return "curl -X POST '" + baseUrl.resolve(INVOKE_PATH + function)
                + (scheduled.isPresent() ? "?time=" + SAMPLE_SCHEDULED_TIME : "") + "'";
    }

    private static String newestArticle(MotoServer moto, String articlesTable) {
        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint())) {
            List<ArticleSummary> latest = new DynamoDbArticleStore(dynamoDb, articlesTable)
                    .list(ArticleQuery.latest(Clock.systemUTC().instant(), 1)).items();
            if (latest.isEmpty()) {
                throw new IllegalStateException("content/ holds no published article");
            }
            return latest.get(0).slug();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("while stopping: " + e);
        }
    }

}
