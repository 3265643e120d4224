package news.articles.localstack.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import news.articles.localstack.FunctionInvoker.Invocation;
import news.articles.localstack.FunctionInvoker.Outcome;
import news.articles.localstack.FunctionSpec;

/**
 * One execution environment: a JVM running the Runtime Interface Client against its own
 * {@link LambdaRuntimeApi}, serving one invocation at a time. It dies, and is not reused, when its
 * function times out, exits or fails to start.
 */
final class ExecutionEnvironment {

    /** Lambda gives an on-demand init phase 10 seconds (docs.aws.amazon.com/lambda/latest/dg/lambda-runtime-environment.html). */
    static final Duration INIT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final FunctionSpec function;
    private final LambdaRuntimeApi api;
    private final Process process;
    private final CompletableFuture<Process> exited;
    private final long startNanos;
    private final Consumer<String> log;
    private boolean initReported;
    private volatile boolean killed;

    private ExecutionEnvironment(FunctionSpec function, LambdaRuntimeApi api, Process process, long startNanos,
            Consumer<String> log) {
        this.function = function;
        this.api = api;
        this.process = process;
        this.exited = process.onExit();
        this.startNanos = startNanos;
        this.log = log;
    }

    /** Starts the JVM; {@code log} takes the function's output and the platform's lines, one at a time. */
    static ExecutionEnvironment start(FunctionSpec function, Launch launch, Consumer<String> log) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(launch, "launch");
        Objects.requireNonNull(log, "log");
        LambdaRuntimeApi api = LambdaRuntimeApi.start(LambdaJvm.functionArn(function));
        ProcessBuilder builder = new ProcessBuilder(LambdaJvm.command(launch.java(), function, launch.jniLibrary(),
                launch.runtimeClasspath(), launch.taskRoot()))
                .directory(launch.taskRootDirectory().toFile())
                .redirectErrorStream(true); // one log stream, as in CloudWatch
        builder.environment().clear();
        builder.environment().putAll(LambdaJvm.environment(function, api.address(), launch.taskRootDirectory(),
                launch.runtimeDirectory(), System.getenv("PATH")));
        long startNanos = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            api.close();
            throw new UncheckedIOException("cannot start " + launch.java() + " for " + function.logicalId(), e);
        }
        ExecutionEnvironment environment = new ExecutionEnvironment(function, api, process, startNanos, log);
        log.accept("INIT_START Runtime Version: local, pid " + process.pid() + ", Runtime API " + api.address());
        Thread output = new Thread(environment::copyOutput, "lambda-" + function.logicalId() + "-" + process.pid() + "-output");
        output.setDaemon(true);
        output.start();
        return environment;
    }

    long pid() {
        return process.pid();
    }

    int runtimeApiPort() {
        return api.port();
    }

    boolean alive() {
        return !killed && process.isAlive();
    }

    /** Completes when the JVM has exited, for whatever reason. */
    CompletableFuture<Process> exited() {
        return exited;
    }

    /** True once this class stopped the JVM, rather than the JVM ending on its own. */
    boolean killed() {
        return killed;
    }

    /**
     * Runs one invocation as Lambda does: START when the runtime takes the event, the function's
     * timeout counted from then, END and REPORT once it answered, failed or was stopped.
     */
    Invocation invoke(byte[] event) throws InterruptedException, EnvironmentLostException {
        String requestId = UUID.randomUUID().toString();
        Duration timeout = Duration.ofSeconds(function.timeoutSeconds());
        LambdaRuntimeApi.QueuedEvent queued = api.enqueue(requestId, event, timeout, traceId());

        long deliveryDeadline = api.initialized().isDone()
                ? System.nanoTime() + timeout.toNanos()
                : startNanos + INIT_TIMEOUT.toNanos();
        await(CompletableFuture.anyOf(queued.delivered(), api.initError(), exited), deliveryDeadline);
        if (!queued.delivered().isDone()) {
            return failedBeforeDelivery(requestId);
        }
        long deliveredAt = queued.delivered().join();
        String initDuration = "";
        if (!initReported) {
            initReported = true;
            initDuration = "\tInit Duration: " + millis(api.initialized().join() - startNanos) + " ms";
        }
        log.accept("START RequestId: " + requestId + " Version: $LATEST");

        await(CompletableFuture.anyOf(queued.reply(), exited), deliveredAt + timeout.toNanos());
        long duration = System.nanoTime() - deliveredAt;
        // The reply is recorded before the runtime hears 202, so it wins over an exit right after.
        if (queued.reply().isDone()) {
            LambdaRuntimeApi.Reply reply = queued.reply().join();
            boolean success = reply.kind() == LambdaRuntimeApi.Reply.Kind.RESPONSE;
            end(requestId, duration, initDuration, success ? "" : "\tStatus: error\tError Type: " + errorType(reply));
            return new Invocation(success ? Outcome.SUCCESS : Outcome.FUNCTION_ERROR, reply.body());
        }
        if (!process.isAlive()) {
            return exitError(requestId, duration, initDuration);
        }
        String memory = memoryUsed();
        kill();
        String message = "Task timed out after " + seconds(timeout) + " seconds";
        log.accept("RequestId: " + requestId + " Error: " + message);
        end(requestId, duration, initDuration, memory, "\tStatus: timeout");
        return new Invocation(Outcome.TIMEOUT,
                LambdaRuntimeApi.error("RequestId: " + requestId + " Error: " + message, "Sandbox.Timedout"));
    }

    /**
     * The init failed, the JVM exited before asking for work, or it took longer than Lambda allows;
     * or a warm JVM ended between two invocations, which is no fault of the one waiting.
     */
    private Invocation failedBeforeDelivery(String requestId) throws EnvironmentLostException {
        if (api.initialized().isDone() && !process.isAlive()) {
            log.accept("Runtime exited with error: " + exitStatus(waitForExit()) + " between invocations; "
                    + "RequestId: " + requestId + " goes to a new environment");
            kill();
            throw new EnvironmentLostException();
        }
        long initNanos = System.nanoTime() - startNanos;
        log.accept("START RequestId: " + requestId + " Version: $LATEST");
        if (api.initError().isDone()) {
            LambdaRuntimeApi.Reply error = api.initError().join();
            log.accept("INIT_REPORT Init Duration: " + millis(initNanos) + " ms\tPhase: init\tStatus: error\tError Type: "
                    + errorType(error));
            kill();
            end(requestId, 0, "", "\tStatus: error\tError Type: " + errorType(error));
            return new Invocation(Outcome.FUNCTION_ERROR, error.body());
        }
        if (!process.isAlive()) {
            return exitError(requestId, 0, "");
        }
        // Alive, but it did not take the event in time: its init ran past Lambda's limit, or (warm)
        // it never asked for more work.
        String memory = memoryUsed();
        kill();
        String message;
        if (api.initialized().isDone()) {
            message = "Task timed out after " + seconds(Duration.ofSeconds(function.timeoutSeconds())) + " seconds";
        } else {
            log.accept("INIT_REPORT Init Duration: " + millis(initNanos) + " ms\tPhase: init\tStatus: timeout");
            message = "Init timed out after " + seconds(INIT_TIMEOUT) + " seconds";
        }
        log.accept("RequestId: " + requestId + " Error: " + message);
        end(requestId, 0, "", memory, "\tStatus: timeout");
        return new Invocation(Outcome.TIMEOUT,
                LambdaRuntimeApi.error("RequestId: " + requestId + " Error: " + message, "Sandbox.Timedout"));
    }

    private Invocation exitError(String requestId, long duration, String initDuration) {
        String message = "RequestId: " + requestId + " Error: Runtime exited with error: " + exitStatus(waitForExit());
        log.accept(message);
        log.accept("Runtime.ExitError");
        kill();
        end(requestId, duration, initDuration, "", "\tStatus: error\tError Type: Runtime.ExitError");
        return new Invocation(Outcome.FUNCTION_ERROR, LambdaRuntimeApi.error(message, "Runtime.ExitError"));
    }

    private void end(String requestId, long durationNanos, String initDuration, String status) {
        end(requestId, durationNanos, initDuration, memoryUsed(), status);
    }

    /** END and REPORT, with REPORT's tab-separated fields as CloudWatch shows them. */
    private void end(String requestId, long durationNanos, String initDuration, String memory, String status) {
        log.accept("END RequestId: " + requestId);
        log.accept("REPORT RequestId: " + requestId + "\tDuration: " + millis(durationNanos) + " ms\tBilled Duration: "
                + (long) Math.ceil(durationNanos / 1_000_000.0) + " ms\tMemory Size: " + function.memoryMb() + " MB"
                + memory + initDuration + status);
    }

    /** Kills the JVM and every process it started, waits for them, and closes the Runtime API. */
    void kill() {
        awaitGone(destroy(), System.nanoTime() + KILL_WAIT.toNanos());
    }

    /** Sends SIGKILL to the JVM and every process it started, as Lambda ends a sandbox; returns them. */
    List<ProcessHandle> destroy() {
        killed = true;
        // Listed before anything dies: an orphan is no longer a descendant.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        return tree;
    }

    /**
     * Waits, until {@code deadlineNanos} at most, for what {@link #destroy()} killed, then closes the
     * Runtime API. Polls: {@code onExit()} of a process that is not this JVM's child polls too,
     * with a back-off that makes stopping take seconds.
     */
    void awaitGone(List<ProcessHandle> tree, long deadlineNanos) {
        try {
            while (tree.stream().anyMatch(ExecutionEnvironment::running) && System.nanoTime() < deadlineNanos) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        api.close();
    }

    /**
     * Alive and not a zombie. A killed function's own children are orphans that only init can
     * reap, and some containers' init reaps late or never; {@link ProcessHandle#isAlive()} counts
     * such a dead process as alive, though it holds no memory and no port.
     */
    static boolean running(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(handle.pid()), "stat"));
            int name = stat.lastIndexOf(')'); // the state follows the command name, which may hold anything
            return name < 0 || name + 2 >= stat.length() || stat.charAt(name + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone since
        }
    }

    /** Lambda's REPORT field, from the kernel's high-water mark of the JVM's resident memory. */
    private String memoryUsed() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kilobytes = Long.parseLong(line.substring("VmHWM:".length()).replace("kB", "").trim());
                    return "\tMax Memory Used: " + Math.max(1, Math.round(kilobytes / 1024.0)) + " MB";
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux, or the process is gone
        }
        return "";
    }

    private OptionalLong waitForExit() {
        try {
            return OptionalLong.of(exited.get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS).exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalLong.empty();
        } catch (ExecutionException | TimeoutException e) {
            return OptionalLong.empty();
        }
    }

    /** As Lambda words it: Go's ExitError text, "exit status 3" or "signal: killed". */
    static String exitStatus(OptionalLong exitValue) {
        if (exitValue.isEmpty()) {
            return "unknown";
        }
        long status = exitValue.getAsLong();
        if (status > 128 && status < 160) {
            return "signal: " + switch ((int) status - 128) {
                case 6 -> "aborted";
                case 9 -> "killed";
                case 11 -> "segmentation fault";
                case 15 -> "terminated";
                default -> Long.toString(status - 128);
            };
        }
        return "exit status " + status;
    }

    private static String errorType(LambdaRuntimeApi.Reply reply) {
        return reply.errorType() == null || reply.errorType().isBlank() ? "Unhandled" : reply.errorType();
    }

    /** An X-Ray trace header of the form Lambda passes; nothing records the trace locally. */
    private static String traceId() {
        String random = UUID.randomUUID().toString().replace("-", "");
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + random.substring(0, 24)
                + ";Parent=" + UUID.randomUUID().toString().replace("-", "").substring(0, 16) + ";Sampled=0";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toMillis() / 1000.0);
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1_000_000.0);
    }

    private static void await(CompletableFuture<?> future, long deadlineNanos) throws InterruptedException {
        try {
            future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // the caller looks at what completed
        }
    }

    private void copyOutput() {
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = output.readLine(); line != null; line = output.readLine()) {
                log.accept(line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** A warm environment ended before it took the event: the event may go to another one. */
    static final class EnvironmentLostException extends Exception {

        private static final long serialVersionUID = 1L;

        EnvironmentLostException() {
            super(null, null, false, false);
        }
    }

    /** What every environment of this stack starts from. */
    record Launch(Path java, List<Path> runtimeClasspath, Path runtimeDirectory, Path jniLibrary, List<Path> taskRoot,
            Path taskRootDirectory) {

        Launch {
            Objects.requireNonNull(java, "java");
            runtimeClasspath = List.copyOf(runtimeClasspath);
            Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
            Objects.requireNonNull(jniLibrary, "jniLibrary");
            taskRoot = List.copyOf(taskRoot);
            Objects.requireNonNull(taskRootDirectory, "taskRootDirectory");
        }
    }
}
