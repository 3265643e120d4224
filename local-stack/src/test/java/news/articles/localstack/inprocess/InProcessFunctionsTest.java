package news.articles.localstack.inprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/** The fallback for machines where the Runtime Interface Client cannot run: the real handlers, called in this JVM. */
@ExtendWith(MotoExtension.class)
class InProcessFunctionsTest {

    private final Path root = ProjectRoot.require();
    private final List<String> log = new ArrayList<>();

    @Test
    void theSampleEventsGetTheirStatusesFromHandlersCalledInProcess(MotoServer moto) throws Exception {
        SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
        SamEnvFile envFile = SamEnvFile.load(root.resolve("events/env.json"));
        LocalAws.prepare(moto.endpoint(), template, envFile, root.resolve("content"));
        List<FunctionSpec> specs = new ArrayList<>();
        for (FunctionDefinition function : template.functions()) {
            Map<String, String> environment = new LinkedHashMap<>(envFile.environment(function));
            environment.putAll(MotoClients.functionEnvironment(moto.endpoint()));
            specs.add(new FunctionSpec(function.logicalId(), function.handler(), environment, 1024, 10));
        }
        try (InProcessFunctions functions = new InProcessFunctions(specs, FunctionCode.taskRoot(root), log::add)) {
            assertStatus(functions, "GetArticleFunction", "get-article.json", 200);
            assertStatus(functions, "GetArticleFunction", "get-article-not-found.json", 404);
            assertStatus(functions, "ListRecommendationsFunction", "list-recommendations.json", 200);
            assertStatus(functions, "SubscribeFunction", "subscribe.json", 202);
            assertStatus(functions, "ConfirmSubscriptionFunction", "confirm-page.json", 200);
        }
        assertTrue(log.stream().anyMatch(line -> line.contains("[GetArticleFunction] initialised in process")), log::toString);
    }

    @Test
    void aHandlerThatCannotBeBuiltIsAFunctionError() {
        FunctionSpec broken = new FunctionSpec("BrokenFunction", "news.articles.handler.GetArticleHandler::handleRequest",
                Map.of(), 1024, 10);
        try (InProcessFunctions functions = new InProcessFunctions(List.of(broken), FunctionCode.taskRoot(root), log::add)) {
            Invocation invocation = functions.invoke("BrokenFunction", "{}".getBytes());
            assertEquals(Outcome.FUNCTION_ERROR, invocation.outcome());
            assertTrue(new String(invocation.payload()).contains("Runtime.InitError"), new String(invocation.payload()));
        }
    }

    private void assertStatus(InProcessFunctions functions, String function, String event, int status) throws Exception {
        Invocation invocation = functions.invoke(function, Files.readAllBytes(root.resolve("events").resolve(event)));
        assertEquals(Outcome.SUCCESS, invocation.outcome(), () -> new String(invocation.payload()) + log);
        JsonNode response = new ObjectMapper().readTree(invocation.payload());
        assertEquals(status, response.path("statusCode").asInt(), () -> event + ": " + response);
    }
}
