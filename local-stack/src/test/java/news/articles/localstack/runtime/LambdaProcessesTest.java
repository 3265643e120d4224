package news.articles.localstack.runtime;

import static news.articles.localstack.runtime.TestFunctions.alive;
import static news.articles.localstack.runtime.TestFunctions.awaitLine;
import static news.articles.localstack.runtime.TestFunctions.commands;
import static news.articles.localstack.runtime.TestFunctions.invoke;
import static news.articles.localstack.runtime.TestFunctions.pid;
import static news.articles.localstack.runtime.TestFunctions.spec;
import static news.articles.localstack.runtime.TestFunctions.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import news.articles.localstack.FunctionInvoker.Invocation;
import news.articles.localstack.FunctionInvoker.Outcome;
import news.articles.localstack.runtime.testfunctions.CommandHandler;
import news.articles.localstack.runtime.testfunctions.EchoHandler;
import news.articles.localstack.runtime.testfunctions.InitFailingHandler;
import org.junit.jupiter.api.Test;

class LambdaProcessesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Queue<String> log = new ConcurrentLinkedQueue<>();

    @Test
    void echoesA100KilobyteEventThroughTheRuntime() {
        byte[] event = new byte[100 * 1024];
        Random random = new Random(3);
        for (int i = 0; i < event.length; i++) {
            event[i] = (byte) ('a' + random.nextInt(26));
        }
        event[0] = '"';
        event[event.length - 1] = '"';
        try (LambdaProcesses functions = TestFunctions.start(4, log, spec("Echo", EchoHandler.class, 10))) {
            long start = System.nanoTime();
            Invocation cold = functions.invoke("Echo", event);
            long coldNanos = System.nanoTime() - start;

            assertEquals(Outcome.SUCCESS, cold.outcome(), () -> text(cold));
            assertArrayEquals(event, cold.payload());
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long warmStart = System.nanoTime();
                assertArrayEquals(event, functions.invoke("Echo", event).payload());
                warm.add(System.nanoTime() - warmStart);
            }
            System.out.printf("echo, 100 KB: cold %.1f ms (%s), warm median %.2f ms%n", coldNanos / 1e6,
                    awaitLine(log, line -> line.contains("Init Duration")).replaceAll(".*(Init Duration: [0-9.]+ ms).*", "$1"),
                    median(warm) / 1e6);
        }
    }

    @Test
    void aSecondInvocationIsWarm() {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            long first = pid(invoke(functions, "pid"));
            long second = pid(invoke(functions, "pid"));

            assertEquals(first, second);
            assertEquals(1, functions.environments().size());
            List<String> reports = log.stream().filter(line -> line.startsWith("[Commands] REPORT RequestId: ")).toList();
            assertEquals(2, reports.size(), String.join("\n", log));
            assertTrue(reports.get(0).contains("\tInit Duration: "), reports.get(0));
            assertFalse(reports.get(1).contains("Init Duration"), reports.get(1));
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long start = System.nanoTime();
                pid(invoke(functions, "pid"));
                warm.add(System.nanoTime() - start);
            }
            System.out.printf("command handler: warm round trip median %.2f ms, min %.2f ms%n", median(warm) / 1e6,
                    warm.stream().mapToLong(Long::longValue).min().orElse(0) / 1e6);
        }
    }

    @Test
    void overlappingInvocationsStartASecondEnvironment() {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            CompletableFuture<Invocation> first = CompletableFuture.supplyAsync(() -> invoke(functions, "sleep 700"));
            CompletableFuture<Invocation> second = CompletableFuture.supplyAsync(() -> invoke(functions, "sleep 700"));

            assertNotEquals(pid(first.join()), pid(second.join()));
            assertEquals(2, functions.environments().size());
        }
    }

    @Test
    void pastTheCapInvocationsWaitForAnEnvironment() {
        try (LambdaProcesses functions = TestFunctions.start(1, log, commands(10))) {
            CompletableFuture<Invocation> first = CompletableFuture.supplyAsync(() -> invoke(functions, "sleep 300"));
            CompletableFuture<Invocation> second = CompletableFuture.supplyAsync(() -> invoke(functions, "sleep 300"));

            assertEquals(pid(first.join()), pid(second.join()));
            assertEquals(1, functions.environments().size());
        }
    }

    @Test
    void aTimeoutStopsTheEnvironmentAndTheNextInvocationStartsAFreshOne() throws IOException {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(1))) {
            long before = pid(invoke(functions, "pid"));

            long start = System.nanoTime();
            Invocation timedOut = invoke(functions, "sleep 5000");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

            assertEquals(Outcome.TIMEOUT, timedOut.outcome());
            assertTrue(elapsedMillis >= 1000 && elapsedMillis < 3000, elapsedMillis + " ms");
            JsonNode error = JSON.readTree(timedOut.payload());
            assertEquals("Sandbox.Timedout", error.path("errorType").asText());
            assertTrue(error.path("errorMessage").asText().endsWith("Task timed out after 1.00 seconds"), error.toString());
            assertFalse(alive(before));
            awaitLine(log, line -> line.startsWith("[Commands] REPORT ") && line.endsWith("\tStatus: timeout"));

            long after = pid(invoke(functions, "pid"));
            assertNotEquals(before, after);
            assertEquals(1, functions.environments().size());
        }
    }

    @Test
    void anExceptionIsAFunctionErrorAndTheEnvironmentStaysWarm() throws IOException {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            long before = pid(invoke(functions, "pid"));

            Invocation failed = invoke(functions, "throw the store is down");

            assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
            JsonNode error = JSON.readTree(failed.payload());
            assertEquals("java.lang.IllegalStateException", error.path("errorType").asText(), error.toString());
            assertEquals("the store is down", error.path("errorMessage").asText());
            assertTrue(error.path("stackTrace").isArray(), error.toString());
            assertEquals(before, pid(invoke(functions, "pid")));
        }
    }

    @Test
    void anExitIsARuntimeExitError() throws IOException {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            long before = pid(invoke(functions, "pid"));

            Invocation exited = invoke(functions, "exit 3");

            assertEquals(Outcome.FUNCTION_ERROR, exited.outcome());
            JsonNode error = JSON.readTree(exited.payload());
            assertEquals("Runtime.ExitError", error.path("errorType").asText());
            assertTrue(error.path("errorMessage").asText().endsWith("Error: Runtime exited with error: exit status 3"),
                    error.toString());
            assertFalse(alive(before));
            assertNotEquals(before, pid(invoke(functions, "pid")));
        }
    }

    @Test
    void anInitErrorIsAFunctionErrorWithWhatTheRuntimeReported() throws IOException {
        try (LambdaProcesses functions = TestFunctions.start(4, log, spec("Broken", InitFailingHandler.class, 10))) {
            Invocation failed = functions.invoke("Broken", "{}".getBytes(StandardCharsets.UTF_8));

            assertEquals(Outcome.FUNCTION_ERROR, failed.outcome());
            JsonNode error = JSON.readTree(failed.payload());
            assertTrue(error.path("errorMessage").asText().contains("environment variable TABLE is missing"),
                    error.toString());
            awaitLine(log, line -> line.startsWith("[Broken] INIT_REPORT ") && line.contains("Status: error"));
            assertEquals(Outcome.FUNCTION_ERROR, functions.invoke("Broken", "{}".getBytes(StandardCharsets.UTF_8)).outcome());
            assertEquals(2, log.stream().filter(line -> line.startsWith("[Broken] INIT_START ")).count());
        }
    }

    @Test
    void aResponseOverSixMegabytesIsAFunctionError() throws IOException {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            Invocation tooLarge = invoke(functions, "big " + (LambdaRuntimeApi.MAX_RESPONSE_BYTES + 1));

            assertEquals(Outcome.FUNCTION_ERROR, tooLarge.outcome());
            assertEquals("Function.ResponseSizeTooLarge", JSON.readTree(tooLarge.payload()).path("errorType").asText());
            assertEquals(Outcome.SUCCESS, invoke(functions, "big " + LambdaRuntimeApi.MAX_RESPONSE_BYTES).outcome());
        }
    }

    @Test
    void outputAndLambdasOwnLinesReachTheSinkPrefixedWithTheFunction() {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            assertEquals("printed", text(invoke(functions, "print")));

            awaitLine(log, "[Commands] to stdout"::equals);
            awaitLine(log, "[Commands] to stderr"::equals);
            awaitLine(log, "[Commands] to the Lambda logger"::equals);
            String start = awaitLine(log, line -> line.startsWith("[Commands] START RequestId: "));
            String requestId = start.substring("[Commands] START RequestId: ".length()).split(" ")[0];
            assertEquals("[Commands] START RequestId: " + requestId + " Version: $LATEST", start);
            awaitLine(log, ("[Commands] END RequestId: " + requestId)::equals);
            String report = awaitLine(log, line -> line.startsWith("[Commands] REPORT RequestId: " + requestId + "\t"));
            assertTrue(report.matches(".*\tDuration: [0-9.]+ ms\tBilled Duration: [0-9]+ ms\tMemory Size: 512 MB"
                    + "\tMax Memory Used: [0-9]+ MB\tInit Duration: [0-9.]+ ms"), report);
            assertTrue(log.stream().allMatch(line -> line.startsWith("[Commands] ")), String.join("\n", log));
        }
    }

    @Test
    void theFunctionSeesLambdasEnvironmentAndNothingOfThisProcesss() {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            Map<String, String> environment = text(invoke(functions, "env")).lines()
                    .map(line -> line.split("=", 2))
                    .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));

            Set<String> expected = Set.of("PATH", "LANG", "TZ", "GREETING", "_HANDLER", "AWS_REGION", "AWS_DEFAULT_REGION",
                    "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION",
                    "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME",
                    "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");
            assertEquals(expected, environment.keySet());
            assertEquals(System.getenv("PATH"), environment.get("PATH"));
            assertEquals("hello", environment.get("GREETING"));
            assertEquals("eu-west-1", environment.get("AWS_DEFAULT_REGION"));
            assertEquals(CommandHandler.class.getName() + "::handleRequest", environment.get("_HANDLER"));
            assertEquals("AWS_Lambda_java21", environment.get("AWS_EXECUTION_ENV"));
            assertEquals("Commands", environment.get("AWS_LAMBDA_FUNCTION_NAME"));
            assertEquals("$LATEST", environment.get("AWS_LAMBDA_FUNCTION_VERSION"));
            assertEquals("512", environment.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"));
            assertEquals("/aws/lambda/Commands", environment.get("AWS_LAMBDA_LOG_GROUP_NAME"));
            assertTrue(environment.get("AWS_LAMBDA_LOG_STREAM_NAME").matches("\\d{4}/\\d{2}/\\d{2}/\\[\\$LATEST][0-9a-f]{32}"));
            assertTrue(environment.get("AWS_LAMBDA_RUNTIME_API").matches("127\\.0\\.0\\.1:\\d+"));
            assertEquals(":UTC", environment.get("TZ"));
            assertEquals(TestFunctions.TASK_ROOT.toAbsolutePath().toString(), environment.get("LAMBDA_TASK_ROOT"));
        }
    }

    @Test
    void theJvmRunsWithLambdasSettings() {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            List<String> jvm = text(invoke(functions, "jvm")).lines().toList();

            assertTrue(jvm.containsAll(List.of("-XX:MaxHeapSize=445645k", "-XX:+UseSerialGC", "-Xshare:auto",
                    "-XX:TieredStopAtLevel=1")), String.join("\n", jvm));
            assertTrue(jvm.contains("user.dir=" + TestFunctions.TASK_ROOT.toAbsolutePath()), String.join("\n", jvm));
            assertTrue(jvm.contains("function=Commands"), String.join("\n", jvm));
            assertTrue(jvm.contains("arn=arn:aws:lambda:eu-west-1:123456789012:function:Commands"), String.join("\n", jvm));
            assertTrue(jvm.contains("memory=512"), String.join("\n", jvm));
            int remaining = Integer.parseInt(jvm.stream().filter(line -> line.startsWith("remaining=")).findFirst()
                    .orElseThrow().substring("remaining=".length()));
            assertTrue(remaining > 9000 && remaining <= 10000, "remaining " + remaining);
        }
    }

    @Test
    void closeLeavesNoProcessAndNoPortBehind() {
        LambdaProcesses functions = TestFunctions.start(4, log, commands(10));
        List<Long> pids = new ArrayList<>();
        long grandchild;
        try {
            CompletableFuture<Invocation> first = CompletableFuture.supplyAsync(() -> invoke(functions, "sleep 500"));
            CompletableFuture<Invocation> second = CompletableFuture.supplyAsync(() -> invoke(functions, "sleep 500"));
            pids.add(pid(first.join()));
            pids.add(pid(second.join()));
            grandchild = pid(invoke(functions, "spawn"));
            assertTrue(alive(grandchild));
        } catch (RuntimeException | Error e) {
            functions.close();
            throw e;
        }
        List<Integer> ports = functions.environments().stream().map(LambdaProcesses.EnvironmentInfo::runtimeApiPort).toList();
        assertEquals(2, ports.size());

        functions.close();
        functions.close();

        for (long pid : pids) {
            assertFalse(alive(pid), "pid " + pid);
        }
        assertFalse(alive(grandchild), "the function's own child " + grandchild);
        for (int port : ports) {
            assertThrows(ConnectException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                    // TCP's simultaneous open lets a socket whose ephemeral port happens to equal the
                    // target connect to itself: that is not a listener.
                    if (socket.getLocalPort() == port) {
                        throw new ConnectException("connected to itself");
                    }
                }
            }, "port " + port);
        }
        assertThrows(IllegalStateException.class, () -> invoke(functions, "pid"));
    }

    @Test
    void anUnknownFunctionIsRefused() {
        try (LambdaProcesses functions = TestFunctions.start(4, log, commands(10))) {
            assertThrows(IllegalArgumentException.class, () -> functions.invoke("Nope", new byte[0]));
        }
    }

    private static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? 0 : sorted[sorted.length / 2];
    }
}
