package news.articles.localstack.runtime;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import news.articles.localstack.FunctionSpec;

/**
 * How Lambda's java21 runtime starts a function's JVM: its command line and its environment, built
 * from scratch rather than inherited.
 */
final class LambdaJvm {

    static final String ENTRY_POINT = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Read by the client's JniHelper: load this library instead of unpacking one to /tmp. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    static final String RUNTIME_JAR_PREFIX = "aws-lambda-java-runtime-interface-client-";
    /** moto's default account, so that ARNs built here name the account the local AWS answers as. */
    static final String ACCOUNT_ID = "123456789012";
    static final String DEFAULT_REGION = "us-east-1";
    /** The variables a function takes from its definition although Lambda reserves them. */
    private static final List<String> PASSED_THROUGH_RESERVED = List.of(
            "AWS_REGION", "AWS_DEFAULT_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private LambdaJvm() {
    }

    /**
     * {@code java <Lambda's options> -classpath <runtime>:<task root> AWSLambda <handler>}.
     *
     * <p>The options are those Lambda's Java runtimes pass, as the process list of a java17
     * function showed them in October 2024 (github.com/sigpwned/the-lambda-iceberg-dissecting-the-official-java-runtimes,
     * and earlier stackoverflow.com/a/40469970 for the heap share): the heap capped at 85% of the
     * function's memory, the serial collector, class data sharing, compilation stopped at C1
     * (docs.aws.amazon.com/lambda/latest/dg/java-customization.html: "stop at level 1 by default"
     * from java17 on), {@code java.io} opened to the runtime, the CRaC compatibility package and
     * fatal-error reports on stderr, so they reach the log. Left out: Lambda's Log4j hot-patch agent
     * and its own class-data archive of the runtime ({@code -Xshare:on -XX:SharedArchiveFile=...});
     * {@code -Xshare:auto} uses the JDK's default archive instead.
     *
     * <p>Lambda puts only the runtime on the JVM's class path and loads the function's code with
     * the client's CustomerClassLoader, a child of it; the runtime first here keeps that order: a
     * class both contain (aws-lambda-java-core, the SDK's utils-lite) comes from the runtime.
     */
    static List<String> command(Path java, FunctionSpec function, Path jniLibrary, List<Path> runtimeClasspath,
            List<Path> taskRoot) {
        Objects.requireNonNull(java, "java");
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(jniLibrary, "jniLibrary");
        List<Path> classpath = new ArrayList<>(runtimeClasspath);
        classpath.addAll(taskRoot);
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:MaxHeapSize=" + Math.round(function.memoryMb() * 1024 * 0.85) + "k");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("-XX:+TieredCompilation");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("--add-opens=java.base/java.io=ALL-UNNAMED");
        command.add("-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac");
        command.add("-XX:+ErrorFileToStderr");
        command.add("-D" + JNI_PROPERTY + "=" + jniLibrary);
        command.add("-classpath");
        command.add(String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList()));
        command.add(ENTRY_POINT);
        command.add(function.handler());
        return command;
    }

    /**
     * The function's environment as Lambda composes it (docs.aws.amazon.com/lambda/latest/dg/configuration-envvars.html):
     * LANG and TZ, which a function may override, the function's own variables, then the reserved
     * ones, which it may not; except the region and credentials, taken from the function's
     * variables here because there is no execution role to take them from. Of this process's own
     * environment only PATH is kept.
     */
    static Map<String, String> environment(FunctionSpec function, String runtimeApiAddress, Path taskRoot,
            Path runtimeDirectory, String inheritedPath) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("PATH", inheritedPath == null || inheritedPath.isBlank() ? "/usr/local/bin:/usr/bin:/bin"
                : inheritedPath);
        variables.put("LANG", "en_US.UTF-8");
        variables.put("TZ", ":UTC");
        variables.putAll(function.environment());
        String region = region(function);
        variables.put("AWS_REGION", region);
        variables.put("AWS_DEFAULT_REGION", function.environment().getOrDefault("AWS_DEFAULT_REGION", region));
        for (String name : PASSED_THROUGH_RESERVED) {
            if (function.environment().containsKey(name)) {
                variables.put(name, function.environment().get(name));
            }
        }
        variables.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        variables.put("LAMBDA_RUNTIME_DIR", runtimeDirectory.toString());
        variables.put("_HANDLER", function.handler());
        variables.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        variables.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        variables.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        variables.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        variables.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + function.logicalId());
        variables.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + UUID.randomUUID().toString().replace("-", ""));
        // Lambda's own, but a function may ask for "snap-start" here: its runtime then primes it
        // and asks for a restore before its first event, as when a version is published.
        variables.put("AWS_LAMBDA_INITIALIZATION_TYPE",
                function.environment().getOrDefault("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand"));
        variables.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        return variables;
    }

    static String region(FunctionSpec function) {
        String region = function.environment().get("AWS_REGION");
        return region == null || region.isBlank() ? DEFAULT_REGION : region;
    }

    static String functionArn(FunctionSpec function) {
        return "arn:aws:lambda:" + region(function) + ":" + ACCOUNT_ID + ":function:" + function.logicalId();
    }

    /**
     * The client's jar and the jars its manifest's Class-Path names, all from {@code directory}:
     * exactly what the client runs with, whatever else the folder holds.
     */
    static List<Path> runtimeClasspath(Path directory) {
        Objects.requireNonNull(directory, "directory");
        if (!Files.isDirectory(directory)) {
            throw new IllegalStateException("there is no Lambda runtime folder " + directory.toAbsolutePath()
                    + ": build it with `mvn -pl local-stack process-test-classes` (or package)");
        }
        List<Path> clients;
        try (Stream<Path> files = Files.list(directory)) {
            clients = files.filter(file -> file.getFileName().toString().startsWith(RUNTIME_JAR_PREFIX)
                    && file.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory, e);
        }
        if (clients.size() != 1) {
            throw new IllegalStateException(directory.toAbsolutePath() + " must hold one " + RUNTIME_JAR_PREFIX
                    + "*.jar, not " + clients.size() + clients.stream().map(Path::getFileName).toList()
                    + ": rebuild it with `mvn -pl local-stack clean process-test-classes`");
        }
        Path client = clients.get(0);
        List<Path> classpath = new ArrayList<>(List.of(client.toAbsolutePath()));
        String manifestClasspath;
        try (JarFile jar = new JarFile(client.toFile())) {
            manifestClasspath = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + client, e);
        }
        if (manifestClasspath != null) {
            for (String entry : manifestClasspath.trim().split("\\s+")) {
                Path jar = directory.resolve(entry);
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(client.getFileName() + " needs " + entry + ", which is not in "
                            + directory.toAbsolutePath() + ": the versions in local-stack/pom.xml must match its"
                            + " manifest's Class-Path");
                }
                classpath.add(jar.toAbsolutePath());
            }
        }
        return List.copyOf(classpath);
    }

    /** The JNI library unpacked beside the jars, for this machine. */
    static Path jniLibrary(Path runtimeDirectory) {
        Path library = runtimeDirectory.resolve("jni").resolve(RuntimePlatform.requireJniLibrary());
        if (!Files.isRegularFile(library)) {
            throw new IllegalStateException("there is no " + library.toAbsolutePath()
                    + ": build the Lambda runtime folder with `mvn -pl local-stack process-test-classes` (or package)");
        }
        return library.toAbsolutePath();
    }
}
