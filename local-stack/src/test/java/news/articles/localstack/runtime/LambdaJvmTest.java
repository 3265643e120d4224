package news.articles.localstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import news.articles.localstack.FunctionCode;
import news.articles.localstack.FunctionSpec;
import news.articles.tools.ProjectRoot;
import org.junit.jupiter.api.Test;

class LambdaJvmTest {

    @Test
    void theBuildCopiesTheRuntimeWithExactlyTheDependenciesItsManifestNames() throws IOException {
        List<Path> classpath = LambdaJvm.runtimeClasspath(TestFunctions.RUNTIME);

        Path client = classpath.get(0);
        assertTrue(client.getFileName().toString().startsWith(LambdaJvm.RUNTIME_JAR_PREFIX), client.toString());
        String manifestClasspath;
        try (JarFile jar = new JarFile(client.toFile())) {
            manifestClasspath = jar.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
        }
        assertEquals(List.of(manifestClasspath.trim().split("\\s+")),
                classpath.subList(1, classpath.size()).stream().map(path -> path.getFileName().toString()).toList());
        try (Stream<Path> jars = Files.list(TestFunctions.RUNTIME)) {
            assertEquals(classpath.size(), jars.filter(path -> path.toString().endsWith(".jar")).count(),
                    "target/lambda-runtime holds jars the client does not use");
        }
        assertTrue(Files.isRegularFile(LambdaJvm.jniLibrary(TestFunctions.RUNTIME)));
    }

    /** picocli parses bin/local's command line; the functions never see it, in Lambda or here. */
    @Test
    void aFunctionJvmGetsTheRuntimeAndTheFunctionCodeNotTheStacksCommandLineLibrary() {
        assertTrue(System.getProperty("java.class.path").contains("picocli"), "the stack's own class path has it");
        List<Path> function = new ArrayList<>(LambdaJvm.runtimeClasspath(TestFunctions.RUNTIME));
        function.addAll(FunctionCode.taskRoot(ProjectRoot.require()));

        assertEquals(List.of(), function.stream().filter(path -> path.getFileName().toString().startsWith("picocli"))
                .toList());
    }

    @Test
    void theRuntimeIsFoundBesideThisModulesBuildOutput() {
        assertEquals(TestFunctions.RUNTIME.toAbsolutePath(), LambdaProcesses.runtimeDirectory());
    }

    @Test
    void theHeapIsCappedAt85PercentOfTheFunctionsMemoryAsInLambda() {
        FunctionSpec function = new FunctionSpec("Fn", "a.B::handleRequest", Map.of(), 1024, 10);

        List<String> command = LambdaJvm.command(Path.of("/usr/bin/java"), function, Path.of("/lib.so"), List.of(),
                List.of(Path.of("/task")));

        assertTrue(command.contains("-XX:MaxHeapSize=891290k"), command.toString());
        assertEquals(List.of(LambdaJvm.ENTRY_POINT, "a.B::handleRequest"), command.subList(command.size() - 2, command.size()));
    }
}
