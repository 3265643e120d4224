package news.articles.localstack.runtime;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import news.articles.localstack.FunctionInvoker;
import news.articles.localstack.FunctionSpec;
import news.articles.tools.ProjectRoot;

/**
 * Runs each function as Lambda's java21 runtime does: its handler string under the AWS Lambda
 * Runtime Interface Client, in a JVM of its own with the environment Lambda would give it, against
 * a Runtime API served here. Environments start on a function's first invocation (a real cold
 * start), stay warm, serve one invocation at a time, and multiply up to a cap when invocations
 * overlap; past the cap, invocations wait.
 *
 * <p>Linux only, as the client's native library is: elsewhere the constructor throws
 * {@link UnsupportedPlatformException}.
 */
public final class LambdaProcesses implements FunctionInvoker {

    /** Overrides where the runtime's jars and JNI libraries are: a folder laid out as {@link #RUNTIME_DIRECTORY}. */
    public static final String RUNTIME_DIRECTORY_PROPERTY = "news.articles.localstack.lambdaRuntime";
    /** Where the build puts the runtime, relative to the repository's root. */
    public static final String RUNTIME_DIRECTORY = "local-stack/target/lambda-runtime";
    /** Environments per function, at most: enough for a page's parallel requests, few enough for a laptop. */
    public static final int DEFAULT_MAX_ENVIRONMENTS = 4;
    private static final int MAX_ATTEMPTS = 3;

    private final ExecutionEnvironment.Launch launch;
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final Consumer<String> logSink;
    private final Object logLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    /**
     * Functions from {@code taskRoot} (the function code: classes and jars, as {@code sam build}
     * packages them), under the runtime in {@link #runtimeDirectory()}, on this process's JVM.
     */
    public LambdaProcesses(List<FunctionSpec> functions, List<Path> taskRoot, Consumer<String> logSink) {
        this(functions, taskRoot, runtimeDirectory(), currentJava(), DEFAULT_MAX_ENVIRONMENTS, logSink);
    }

    /** As {@link #LambdaProcesses(List, List, Consumer)}, printing each log line to {@code log}. */
    public LambdaProcesses(List<FunctionSpec> functions, List<Path> taskRoot, PrintStream log) {
        this(functions, taskRoot, Objects.requireNonNull(log, "log")::println);
    }

    /**
     * @param runtimeDirectory the Runtime Interface Client's jars and its {@code jni/} libraries
     * @param java the {@code java} executable the functions run on
     * @param logSink takes every line the functions print and Lambda's own lines (START, END,
     *        REPORT...), each prefixed with the function's logical id; called by one thread at a time
     */
    public LambdaProcesses(List<FunctionSpec> functions, List<Path> taskRoot, Path runtimeDirectory, Path java,
            int maxEnvironmentsPerFunction, Consumer<String> logSink) {
        Objects.requireNonNull(functions, "functions");
        Objects.requireNonNull(taskRoot, "taskRoot");
        Objects.requireNonNull(runtimeDirectory, "runtimeDirectory");
        Objects.requireNonNull(java, "java");
        this.logSink = Objects.requireNonNull(logSink, "logSink");
        if (maxEnvironmentsPerFunction < 1) {
            throw new IllegalArgumentException("maxEnvironmentsPerFunction must be at least 1, not " + maxEnvironmentsPerFunction);
        }
        RuntimePlatform.requireJniLibrary();
        if (taskRoot.isEmpty()) {
            throw new IllegalArgumentException("the task root is empty: give the function code's classes and jars");
        }
        for (Path entry : taskRoot) {
            if (!Files.exists(entry)) {
                throw new IllegalArgumentException("the task root entry " + entry.toAbsolutePath() + " does not exist");
            }
        }
        if (!Files.isExecutable(java)) {
            throw new IllegalArgumentException(java + " is not an executable java");
        }
        Path taskRootDirectory = taskRoot.stream().filter(Files::isDirectory).findFirst()
                .orElse(taskRoot.get(0).toAbsolutePath().getParent()).toAbsolutePath();
        this.launch = new ExecutionEnvironment.Launch(java.toAbsolutePath(), LambdaJvm.runtimeClasspath(runtimeDirectory),
                runtimeDirectory.toAbsolutePath(), LambdaJvm.jniLibrary(runtimeDirectory),
                taskRoot.stream().map(Path::toAbsolutePath).toList(), taskRootDirectory);
        for (FunctionSpec function : functions) {
            if (pools.putIfAbsent(function.logicalId(), new Pool(function, maxEnvironmentsPerFunction)) != null) {
                throw new IllegalArgumentException("the function " + function.logicalId() + " is given twice");
            }
        }
        // Ctrl-C, or an end without close(): no function JVM may outlive this one.
        this.shutdownHook = new Thread(this::stopEverything, "lambda-processes-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** True where the Runtime Interface Client can run: Linux on x86_64 or aarch64. */
    public static boolean platformSupported() {
        return RuntimePlatform.jniLibrary().isPresent();
    }

    /**
     * {@value #RUNTIME_DIRECTORY_PROPERTY} if set; else {@code lambda-runtime} beside this module's
     * build output ({@code target/classes} or the jar in {@code target}); else
     * {@value #RUNTIME_DIRECTORY} under the repository's root, found from the working directory.
     */
    public static Path runtimeDirectory() {
        String configured = System.getProperty(RUNTIME_DIRECTORY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim()).toAbsolutePath();
        }
        try {
            Path buildOutput = Path.of(LambdaProcesses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path beside = buildOutput.toAbsolutePath().getParent().resolve("lambda-runtime");
            if (Files.isDirectory(beside)) {
                return beside;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // no code source to go by: look from the working directory
        }
        return ProjectRoot.find().map(root -> root.resolve(RUNTIME_DIRECTORY)).orElse(Path.of(RUNTIME_DIRECTORY))
                .toAbsolutePath();
    }

    /** The java executable of this JVM. */
    public static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Runs the function on the event in a warm environment, or a new one. Blocks until it
     * answered, failed or timed out.
     */
    @Override
    public Invocation invoke(String functionLogicalId, byte[] event) {
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        Objects.requireNonNull(event, "event");
        Pool pool = pools.get(functionLogicalId);
        if (pool == null) {
            throw new IllegalArgumentException("there is no function " + functionLogicalId + "; there are " + pools.keySet());
        }
        // A warm environment whose JVM ended between invocations takes no event: Lambda gives the
        // event to a new one. Bounded, in case every new JVM ends as soon as it took its first.
        for (int attempt = 1; ; attempt++) {
            ExecutionEnvironment environment = null;
            try {
                environment = pool.acquire();
                return environment.invoke(event);
            } catch (ExecutionEnvironment.EnvironmentLostException e) {
                if (attempt == MAX_ATTEMPTS) {
                    throw new IllegalStateException(functionLogicalId + ": " + MAX_ATTEMPTS
                            + " environments in a row ended before taking the event; see its log", e);
                }
            } catch (InterruptedException e) {
                if (environment != null) {
                    environment.kill(); // its state is unknown now: it serves nobody else
                }
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while " + functionLogicalId + " ran", e);
            } finally {
                if (environment != null) {
                    pool.release(environment);
                }
            }
        }
    }

    /** What runs now, for diagnostics and tests. */
    public List<EnvironmentInfo> environments() {
        List<EnvironmentInfo> environments = new ArrayList<>();
        for (Pool pool : pools.values()) {
            environments.addAll(pool.describe());
        }
        return Collections.unmodifiableList(environments);
    }

    /** One execution environment: its function, JVM and Runtime API port, and whether it is serving an invocation. */
    public record EnvironmentInfo(String functionLogicalId, long pid, int runtimeApiPort, boolean busy) {
        public EnvironmentInfo {
            Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        }
    }

    /** Kills every function JVM and whatever it started, waits for them, and stops every Runtime API. Idempotent. */
    @Override
    public void close() {
        stopEverything();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook runs the same stop.
        }
    }

    private void stopEverything() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<ExecutionEnvironment> environments = new ArrayList<>();
        for (Pool pool : pools.values()) {
            environments.addAll(pool.closeAndDrain());
        }
        // Every tree is signalled before waiting for any, so that stopping many takes as long as one.
        List<List<ProcessHandle>> trees = environments.stream().map(ExecutionEnvironment::destroy).toList();
        long deadline = System.nanoTime() + ExecutionEnvironment.KILL_WAIT.toNanos();
        for (int i = 0; i < environments.size(); i++) {
            environments.get(i).awaitGone(trees.get(i), deadline);
        }
    }

    private void log(String functionLogicalId, String line) {
        synchronized (logLock) {
            try {
                logSink.accept("[" + functionLogicalId + "] " + line);
            } catch (RuntimeException e) {
                // A failing sink must not stop a function.
            }
        }
    }

    /** One function's environments: idle ones are reused, most recently used first, as Lambda tends to. */
    private final class Pool {

        private final FunctionSpec function;
        private final int max;
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private final List<ExecutionEnvironment> all = new ArrayList<>();
        private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
        private int starting;
        private boolean stopped;

        Pool(FunctionSpec function, int max) {
            this.function = function;
            this.max = max;
        }

        ExecutionEnvironment acquire() throws InterruptedException {
            lock.lock();
            try {
                while (true) {
                    requireOpen();
                    ExecutionEnvironment warm;
                    while ((warm = idle.pollFirst()) != null) {
                        if (warm.alive()) {
                            return warm;
                        }
                        all.remove(warm);
                    }
                    if (all.size() + starting < max) {
                        starting++;
                        break;
                    }
                    changed.await();
                }
            } finally {
                lock.unlock();
            }
            ExecutionEnvironment started = null;
            boolean orphan = false;
            try {
                started = ExecutionEnvironment.start(function, launch, line -> log(function.logicalId(), line));
            } finally {
                lock.lock();
                try {
                    starting--;
                    if (started != null) {
                        // close() may have run while it started: then it was not among those it stopped.
                        orphan = stopped;
                        if (!orphan) {
                            all.add(started);
                        }
                    }
                    changed.signalAll();
                } finally {
                    lock.unlock();
                }
            }
            if (orphan) {
                started.kill();
                requireOpen();
            }
            ExecutionEnvironment environment = started;
            environment.exited().thenRun(() -> discard(environment));
            return environment;
        }

        void release(ExecutionEnvironment environment) {
            lock.lock();
            try {
                if (environment.alive() && !stopped) {
                    idle.addFirst(environment);
                } else {
                    all.remove(environment);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        /** A JVM ended: when on its own while idle, the log says so, and the slot frees up. */
        private void discard(ExecutionEnvironment environment) {
            boolean wasIdle;
            lock.lock();
            try {
                wasIdle = idle.remove(environment);
                if (wasIdle) {
                    all.remove(environment);
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
            if (wasIdle && !environment.killed()) {
                log(function.logicalId(), "Runtime exited between invocations with "
                        + ExecutionEnvironment.exitStatus(OptionalLong.of(
                                environment.exited().join().exitValue())) + "; the next invocation starts a new one");
                environment.kill();
            }
        }

        List<EnvironmentInfo> describe() {
            lock.lock();
            try {
                return all.stream()
                        .map(environment -> new EnvironmentInfo(function.logicalId(), environment.pid(),
                                environment.runtimeApiPort(), !idle.contains(environment)))
                        .toList();
            } finally {
                lock.unlock();
            }
        }

        List<ExecutionEnvironment> closeAndDrain() {
            lock.lock();
            try {
                stopped = true;
                List<ExecutionEnvironment> environments = List.copyOf(all);
                changed.signalAll();
                return environments;
            } finally {
                lock.unlock();
            }
        }

        private void requireOpen() {
            if (stopped) {
                throw new IllegalStateException("the functions were stopped");
            }
        }
    }
}
