package news.articles.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import news.articles.tools.Cli;
import news.articles.tools.ProjectRoot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code bin/local}: starts the local stack, prints where to go, and stops it all on Ctrl-C. */
@Command(name = "bin/local", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class, sortOptions = false,
        description = {
            "Runs the whole API on this machine without Docker: moto for DynamoDB and SES, every function of"
                    + " template.yaml in its own JVM under the Lambda Runtime Interface Client, and an HTTP front on"
                    + " 127.0.0.1 that answers as API Gateway does. Ctrl-C (or SIGTERM) stops everything.",
            ""})
public final class Main implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", defaultValue = "3000",
            description = "where the API listens, on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free port)")
    int port;

    @Option(names = "--site-port", paramLabel = "N", defaultValue = "" + LocalStack.DEFAULT_SITE_PORT,
            description = "where site/ (the reference article page) is served, on 127.0.0.1 (default: ${DEFAULT-VALUE};"
                    + " 0 picks a free port); its origin is allowed unless --parameter-overrides sets AllowedOrigins")
    int sitePort;

    @Option(names = "--parameter-overrides", paramLabel = "'Name=Value ...'",
            description = "template parameters, as for sam deploy: 'SiteName=\"My site\" SenderAddress=a@b.c'; given"
                    + " twice, they add up, the later value of a name winning")
    List<String> parameterOverrides = new ArrayList<>();

    @Option(names = "--env-vars", paramLabel = "FILE",
            description = "a sam local env file (events/env.json's format) applied over the template's environment;"
                    + " LOCAL_AWS_ENDPOINT and the AWS settings stay the local stack's")
    Path envVars;

    @Option(names = "--in-process", description = "call the handlers in this JVM instead (the default where the Runtime"
            + " Interface Client cannot run)")
    boolean inProcess;

    @Spec
    CommandSpec spec;

    private final PrintStream out;
    private final PrintStream err;

    private Main(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        // 0 once stopped: the shutdown hook is running, and System.exit would wait for it forever.
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command; returns the exit status once the stack has stopped, at once for --help or a wrong command line. */
    static int run(List<String> args, PrintStream out, PrintStream err) {
        return Cli.execute(new Main(out, err), out, err, args);
    }

    /** The options these arguments give, as {@code bin/local} would run with them; a wrong command line throws. */
    static LocalStack.Options parse(List<String> args) {
        Main main = new Main(System.out, System.err);
        Cli.commandLine(main, System.out, System.err).parseArgs(args.toArray(String[]::new));
        return main.options();
    }

    /** The command line, checked beyond what picocli checks. */
    private LocalStack.Options options() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port takes 0 to 65535");
        }
        if (sitePort < 0 || sitePort > 65535) {
            throw new ParameterException(spec.commandLine(), "--site-port takes 0 to 65535");
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String text : parameterOverrides) {
            try {
                overrides.putAll(ParameterOverrides.parse(text));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        return new LocalStack.Options(ProjectRoot.require(), port, sitePort, overrides, Optional.ofNullable(envVars), inProcess);
    }

    @Override
    public Integer call() throws InterruptedException {
        LocalStack.Options options = options();
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(options, out);
        } catch (RuntimeException e) {
            err.println(spec.name() + ": could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping: site, API, queue pollers, functions, moto");
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        printBanner(stack.banner(), (System.nanoTime() - started) / 1_000_000, out);
        stopped.await();
        return 0;
    }

    static void printBanner(LocalStack.Banner banner, long startMillis, PrintStream out) {
        out.println();
        out.println("Article pages API, running locally (ready in " + startMillis + " ms)");
        out.println();
        // The site first, a page to open; then the routes index: the base URL itself answers 404, as API Gateway's does.
        out.println("  site             " + banner.site() + "   (the reference article page, site/)");
        out.println("  routes           " + banner.routes() + "   (every route and function, the local pages)");
        out.println("  API              " + banner.api() + "   (the base URL)");
        out.println("  latest articles  " + banner.articles());
        out.println("  sections         " + banner.sections());
        out.println("  an article       " + banner.article());
        out.println("  recommendations  " + banner.recommendations());
        out.println("  outbox           " + banner.outbox() + "   (the emails the functions sent)");
        out.println("  subscribe        " + banner.subscribeCommand());
        out.println("  invoke           " + banner.invokeCommand());
        out.println("  local AWS        " + banner.localAws() + "   (moto: DynamoDB, SES and SQS)");
        out.println();
        out.println("  Functions " + String.join(", ", banner.functions()) + " each run in their own JVM under the");
        out.println("  Lambda Runtime Interface Client; a function's first request is a cold start.");
        out.println("  Press Ctrl-C to stop everything.");
        out.println();
        out.flush();
    }
}
