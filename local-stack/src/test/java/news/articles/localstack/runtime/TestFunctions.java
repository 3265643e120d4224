package news.articles.localstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import news.articles.localstack.FunctionInvoker.Invocation;
import news.articles.localstack.FunctionInvoker.Outcome;
import news.articles.localstack.FunctionSpec;
import news.articles.localstack.runtime.testfunctions.CommandHandler;

/** The test functions of runtime/testfunctions, run from target/test-classes under target/lambda-runtime. */
final class TestFunctions {

    /** Maven runs tests in the module's folder. */
    static final Path TASK_ROOT = Path.of("target", "test-classes");
    static final Path RUNTIME = Path.of("target", "lambda-runtime");
    static final String COMMANDS = "Commands";

    private TestFunctions() {
    }

    static FunctionSpec spec(String logicalId, Class<?> handler, int timeoutSeconds) {
        return new FunctionSpec(logicalId, handler.getName() + "::handleRequest",
                Map.of("AWS_REGION", "eu-west-1", "GREETING", "hello"), 512, timeoutSeconds);
    }

    static FunctionSpec commands(int timeoutSeconds) {
        return spec(COMMANDS, CommandHandler.class, timeoutSeconds);
    }

    static LambdaProcesses start(int maxEnvironments, Collection<String> log, FunctionSpec... functions) {
        return new LambdaProcesses(List.of(functions), List.of(TASK_ROOT), RUNTIME, LambdaProcesses.currentJava(),
                maxEnvironments, log::add);
    }

    static String text(Invocation invocation) {
        return new String(invocation.payload(), StandardCharsets.UTF_8);
    }

    static Invocation invoke(LambdaProcesses functions, String command) {
        return functions.invoke(COMMANDS, command.getBytes(StandardCharsets.UTF_8));
    }

    /** The pid a {@code pid} or {@code sleep} command answered with. */
    static long pid(Invocation invocation) {
        assertEquals(Outcome.SUCCESS, invocation.outcome(), () -> text(invocation));
        return Long.parseLong(text(invocation).substring("pid=".length()));
    }

    /** A zombie is dead: only init has yet to reap it, which some containers' init does late. */
    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ExecutionEnvironment::running).orElse(false);
    }

    /** Output is copied by another thread than the one that logs END: it may come a moment later. */
    static String awaitLine(Collection<String> log, Predicate<String> line) {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (String logged : List.copyOf(log)) {
                if (line.test(logged)) {
                    return logged;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return fail("no such line in the log:\n" + String.join("\n", log));
    }
}
