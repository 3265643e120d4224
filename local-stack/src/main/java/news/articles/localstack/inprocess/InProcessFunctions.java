package news.articles.localstack.inprocess;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import news.articles.localstack.FunctionInvoker;
import news.articles.localstack.FunctionSpec;

/**
 * The fallback where the Lambda Runtime Interface Client cannot run (its native library is
 * Linux-only): each function's handler is loaded in this JVM through a class loader of its own and
 * called directly. Its environment reaches it through the handler's constructor that takes
 * {@code news.articles.config.Environment}, since a JVM cannot give one thread its own
 * environment variables. Less faithful than separate JVMs: no cold starts after the first call,
 * one heap for all, and a timed-out handler keeps running in the background.
 */
public final class InProcessFunctions implements FunctionInvoker {

    private static final String ENVIRONMENT_CLASS = "news.articles.config.Environment";

    private final Map<String, FunctionSpec> specs = new HashMap<>();
    private final Map<String, Handler> handlers = new HashMap<>();
    private final List<Path> taskRoot;
    private final Consumer<String> log;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "in-process-function");
        thread.setDaemon(true);
        return thread;
    });

    public InProcessFunctions(List<FunctionSpec> functions, List<Path> taskRoot, Consumer<String> log) {
        Objects.requireNonNull(functions, "functions").forEach(spec -> specs.put(spec.logicalId(), spec));
        this.taskRoot = List.copyOf(Objects.requireNonNull(taskRoot, "taskRoot"));
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public Invocation invoke(String functionLogicalId, byte[] event) {
        FunctionSpec spec = specs.get(functionLogicalId);
        if (spec == null) {
            throw new IllegalArgumentException("no function " + functionLogicalId);
        }
        Handler handler;
        try {
            handler = handler(spec);
        } catch (ReflectiveOperationException | RuntimeException e) {
            Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
            log.accept("[" + functionLogicalId + "] init failed: " + cause);
            return error("Runtime.InitError", cause);
        }
        Future<byte[]> call = executor.submit(() -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                handler.method().invoke(handler.instance(), new ByteArrayInputStream(event), out, null);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof Exception cause ? cause : new IllegalStateException(e.getCause());
            }
            return out.toByteArray();
        });
        try {
            return new Invocation(Outcome.SUCCESS, call.get(spec.timeoutSeconds(), TimeUnit.SECONDS));
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Invocation(Outcome.TIMEOUT, errorDocument("Sandbox.Timedout", "Task timed out after "
                    + spec.timeoutSeconds() + " seconds"));
        } catch (ExecutionException e) {
            log.accept("[" + functionLogicalId + "] handler threw " + e.getCause());
            return error(e.getCause().getClass().getName(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("Runtime.Interrupted", e);
        }
    }

    /** A handler object and its stream-handler method, both from the function's own class loader. */
    private record Handler(Object instance, Method method) {
    }

    private synchronized Handler handler(FunctionSpec spec) throws ReflectiveOperationException {
        Handler existing = handlers.get(spec.logicalId());
        if (existing != null) {
            return existing;
        }
        String className = spec.handler().contains("::") ? spec.handler().substring(0, spec.handler().indexOf("::")) : spec.handler();
        // Only the JDK above it: the function sees its own code and jars, as in Lambda, not the stack's.
        ClassLoader loader = new URLClassLoader("function-" + spec.logicalId(), urls(), ClassLoader.getPlatformClassLoader());
        Class<?> handlerClass = Class.forName(className, true, loader);
        Class<?> environmentClass = Class.forName(ENVIRONMENT_CLASS, true, loader);
        Constructor<?> constructor = handlerClass.getConstructor(environmentClass);
        Object environment = environmentClass.getConstructor(Map.class).newInstance(spec.environment());
        Class<?> context = Class.forName("com.amazonaws.services.lambda.runtime.Context", false, loader);
        Handler handler = new Handler(constructor.newInstance(environment),
                handlerClass.getMethod("handleRequest", InputStream.class, OutputStream.class, context));
        handlers.put(spec.logicalId(), handler);
        log.accept("[" + spec.logicalId() + "] initialised in process (no separate JVM on this platform)");
        return handler;
    }

    private URL[] urls() {
        URL[] urls = new URL[taskRoot.size()];
        for (int i = 0; i < urls.length; i++) {
            try {
                urls[i] = taskRoot.get(i).toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(taskRoot.get(i) + " is not a class path entry", e);
            }
        }
        return urls;
    }

    private static Invocation error(String type, Throwable cause) {
        return new Invocation(Outcome.FUNCTION_ERROR, errorDocument(type, String.valueOf(cause.getMessage())));
    }

    private static byte[] errorDocument(String type, String message) {
        return ("{\"errorType\":\"" + escape(type) + "\",\"errorMessage\":\"" + escape(message) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        handlers.clear();
    }

}
