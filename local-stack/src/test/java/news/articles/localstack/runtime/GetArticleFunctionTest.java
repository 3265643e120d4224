package news.articles.localstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import news.articles.localstack.FunctionCode;
import news.articles.localstack.FunctionInvoker.Invocation;
import news.articles.localstack.FunctionInvoker.Outcome;
import news.articles.localstack.FunctionSpec;
import news.articles.tools.ProjectRoot;
import news.articles.tools.local.LocalAws;
import news.articles.tools.local.SamEnvFile;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The real GetArticleHandler, as `sam build` packages it, in its own JVM against moto. */
@ExtendWith(MotoExtension.class)
class GetArticleFunctionTest {

    private static final String FUNCTION = "GetArticleFunction";
    /** The template's Globals. */
    private static final int MEMORY_MB = 1024;
    private static final int TIMEOUT_SECONDS = 10;

    private final Path root = ProjectRoot.require();
    private final Queue<String> log = new ConcurrentLinkedQueue<>();

    @Test
    void answersTheSampleEventWith200(MotoServer moto) throws IOException {
        Path functionsModule = root.resolve("functions");
        assertTrue(Files.isDirectory(functionsModule.resolve("target").resolve("dependency")),
                "functions/target/dependency is missing: run `mvn -f functions/pom.xml dependency:copy-dependencies"
                        + " -DincludeScope=runtime` first (it copies the jars `sam build` packages)");
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        SamEnvFile envFile = SamEnvFile.load(root.resolve("events").resolve("env.json"));
        // Keeps what exists: moto is shared by every test class of this JVM.
        LocalAws.prepare(moto.endpoint(), template, envFile, root.resolve("content"));
        byte[] event = Files.readAllBytes(root.resolve("events").resolve("get-article.json"));

        try (LambdaProcesses functions = new LambdaProcesses(List.of(spec(template, envFile, moto)),
                FunctionCode.taskRoot(root), TestFunctions.RUNTIME, LambdaProcesses.currentJava(),
                LambdaProcesses.DEFAULT_MAX_ENVIRONMENTS, log::add)) {
            long start = System.nanoTime();
            Invocation cold = functions.invoke(FUNCTION, event);
            long coldNanos = System.nanoTime() - start;

            assertEquals(Outcome.SUCCESS, cold.outcome(), () -> TestFunctions.text(cold) + "\n" + String.join("\n", log));
            JsonNode response = new ObjectMapper().readTree(cold.payload());
            assertEquals(200, response.path("statusCode").asInt(), response::toString);
            List<Long> warm = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long warmStart = System.nanoTime();
                assertEquals(Outcome.SUCCESS, functions.invoke(FUNCTION, event).outcome());
                warm.add(System.nanoTime() - warmStart);
            }
            warm.sort(null);
            System.out.printf("GetArticleFunction: cold %.1f ms (%s), first warm %.2f ms, warm median %.2f ms%n",
                    coldNanos / 1e6,
                    TestFunctions.awaitLine(log, line -> line.contains("Init Duration"))
                            .replaceAll(".*(Duration: [0-9.]+ ms).*(Init Duration: [0-9.]+ ms).*", "$1, $2"),
                    warm.get(0) / 1e6, warm.get(warm.size() / 2) / 1e6);
        }
    }

    /** The function's variables as `sam local invoke --env-vars events/env.json` gives them, pointed at this moto. */
    private static FunctionSpec spec(SamTemplate template, SamEnvFile envFile, MotoServer moto) {
        FunctionDefinition function = template.functions().stream()
                .filter(candidate -> candidate.logicalId().equals(FUNCTION))
                .findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no " + FUNCTION));
        Map<String, String> environment = new LinkedHashMap<>(envFile.environment(function));
        environment.putAll(MotoClients.functionEnvironment(moto.endpoint()));
        return new FunctionSpec(FUNCTION, function.handler(), environment, MEMORY_MB, TIMEOUT_SECONDS);
    }
}
