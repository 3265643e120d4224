package news.articles.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import news.articles.tools.ProjectRoot;

/** {@code bin/local}: starts the local stack, prints where to go, and stops it all on Ctrl-C. */
public final class Main {

    static final String USAGE = String.join("\n",
            "Usage: bin/local [--port 3000] [--parameter-overrides 'Name=Value ...'] [--env-vars FILE] [--in-process]",
            "",
            "  --port N                 where the API listens, on 127.0.0.1 (default 3000)",
            "  --parameter-overrides S  template parameters, as for sam deploy: 'SiteName=\"My site\" SenderAddress=a@b.c'",
            "  --env-vars FILE          a sam local env file (events/env.json's format) applied over the template's",
            "                           environment; LOCAL_AWS_ENDPOINT and the AWS settings stay the local stack's",
            "  --in-process             call the handlers in this JVM instead (the default where the Runtime",
            "                           Interface Client cannot run)");

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalStack.Options options;
        try {
            options = parse(Arrays.asList(args));
        } catch (IllegalArgumentException e) {
            System.err.println("local: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.println(USAGE);
            return;
        }
        long started = System.nanoTime();
        LocalStack stack;
        try {
            stack = LocalStack.start(options, System.out);
        } catch (RuntimeException e) {
            System.err.println("local: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping: functions, API, moto");
            stack.close();
            stopped.countDown();
        }, "local-stack-stop"));
        printBanner(stack.banner(), (System.nanoTime() - started) / 1_000_000, System.out);
        stopped.await();
    }

    static void printBanner(LocalStack.Banner banner, long startMillis, PrintStream out) {
        out.println();
        out.println("Article pages API, running locally (ready in " + startMillis + " ms)");
        out.println();
        out.println("  API              " + banner.api());
        out.println("  latest articles  " + banner.articles());
        out.println("  an article       " + banner.article());
        out.println("  recommendations  " + banner.recommendations());
        out.println("  outbox           " + banner.outbox() + "   (the emails the functions sent)");
        out.println("  subscribe        " + banner.subscribeCommand());
        out.println("  local AWS        " + banner.localAws() + "   (moto: DynamoDB and SES)");
        out.println();
        out.println("  Functions " + String.join(", ", banner.functions()) + " each run in their own JVM under the");
        out.println("  Lambda Runtime Interface Client; a function's first request is a cold start.");
        out.println("  Press Ctrl-C to stop everything.");
        out.println();
        out.flush();
    }

    /** Null for --help. */
    static LocalStack.Options parse(List<String> args) {
        int port = 3000;
        Map<String, String> overrides = new LinkedHashMap<>();
        Optional<Path> envVars = Optional.empty();
        boolean inProcess = false;
        List<String> remaining = new ArrayList<>(args);
        while (!remaining.isEmpty()) {
            String option = remaining.remove(0);
            switch (option) {
                case "--help", "-h" -> {
                    return null;
                }
                case "--port" -> {
                    String value = value(option, remaining);
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port takes a number, not " + value);
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port takes 0 to 65535");
                    }
                }
                case "--parameter-overrides" -> overrides.putAll(ParameterOverrides.parse(value(option, remaining)));
                case "--env-vars" -> envVars = Optional.of(Path.of(value(option, remaining)));
                case "--in-process" -> inProcess = true;
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        return new LocalStack.Options(ProjectRoot.require(), port, overrides, envVars, inProcess);
    }

    private static String value(String option, List<String> remaining) {
        if (remaining.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return remaining.remove(0);
    }
}
