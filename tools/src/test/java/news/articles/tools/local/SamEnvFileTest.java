package news.articles.tools.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamEnvFileTest {

    /**
     * Two functions and two tables: the functions share the global variables, and Writer adds its own.
     * TABLE, SITE_URL and GREETING are computed; LOG_LEVEL and LOCAL_AWS_ENDPOINT are literals.
     */
    private static final SamTemplate TEMPLATE = SamTemplate.parse(String.join("\n",
            "Parameters:",
            "  SiteUrl: {Type: String}",
            "Globals:",
            "  Function:",
            "    Handler: example.Handler::handleRequest",
            "    Environment:",
            "      Variables:",
            "        TABLE: !Ref Things",
            "        SITE_URL: !Ref SiteUrl",
            "        LOG_LEVEL: info",
            "        LOCAL_AWS_ENDPOINT: ''",
            "Resources:",
            "  Reader:",
            "    Type: AWS::Serverless::Function",
            "  Writer:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Environment:",
            "        Variables:",
            "          OTHER_TABLE: !Ref Others",
            "          GREETING: !Sub 'hello from ${SiteUrl}'",
            "  Things:",
            "    Type: AWS::DynamoDB::Table",
            "    Properties:",
            "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
            "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
            "  Others:",
            "    Type: AWS::DynamoDB::Table",
            "    Properties:",
            "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
            "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
            ""), "inline.yaml");

    @Test
    void aFunctionsOwnSectionBeatsParameters() {
        SamEnvFile file = parse("{\"Parameters\": {\"TABLE\": \"shared\"}, \"Writer\": {\"TABLE\": \"own\"}}");

        assertEquals(Optional.of("own"), file.value("Writer", "TABLE"));
        assertEquals(Optional.of("shared"), file.value("Reader", "TABLE"));
        assertEquals("own", file.environment(function("Writer")).get("TABLE"));
        assertEquals("shared", file.environment(function("Reader")).get("TABLE"));
    }

    @Test
    void setsOnlyTheVariablesTheTemplateDeclaresForTheFunction() {
        SamEnvFile file = parse(String.join("\n",
                "{",
                "  \"Parameters\": {\"TABLE\": \"things\", \"UNDECLARED\": \"x\", \"OTHER_TABLE\": \"others\"},",
                "  \"Reader\": {\"SITE_URL\": \"http://127.0.0.1:3000\", \"ALSO_UNDECLARED\": \"y\"}",
                "}"));

        assertEquals(Map.of("TABLE", "things", "SITE_URL", "http://127.0.0.1:3000", "LOG_LEVEL", "info",
                "LOCAL_AWS_ENDPOINT", ""), file.environment(function("Reader")));
        assertEquals(Optional.of("x"), file.value("Reader", "UNDECLARED"),
                "value() reads the file as it is; environment() applies the template");
    }

    @Test
    void aLiteralTemplateValueHoldsUnlessTheFileGivesOne() {
        SamEnvFile file = parse("{\"Writer\": {\"LOG_LEVEL\": \"debug\"}}");

        assertEquals("info", file.environment(function("Reader")).get("LOG_LEVEL"));
        assertEquals("", file.environment(function("Reader")).get("LOCAL_AWS_ENDPOINT"),
                "an empty literal is still a value");
        assertEquals("debug", file.environment(function("Writer")).get("LOG_LEVEL"));
    }

    @Test
    void aComputedValueTheFileDoesNotGiveIsLeftOut() {
        SamEnvFile file = parse("{\"Parameters\": {\"TABLE\": \"things\"}}");

        Map<String, String> environment = file.environment(function("Writer"));

        assertEquals(List.of("TABLE", "LOG_LEVEL", "LOCAL_AWS_ENDPOINT"), List.copyOf(environment.keySet()),
                "SITE_URL (!Ref), OTHER_TABLE (!Ref) and GREETING (!Sub) have no value here");
    }

    @Test
    void numbersAndBooleansInTheFileBecomeText() {
        SamEnvFile file = parse("{\"Parameters\": {\"LOG_LEVEL\": 48, \"TABLE\": true}}");

        assertEquals(Optional.of("48"), file.value("Reader", "LOG_LEVEL"));
        assertEquals(Optional.of("true"), file.value("Reader", "TABLE"));
    }

    @Test
    void namesEachTableByTheVariablesThatReferToIt() {
        SamEnvFile file = parse("{\"Parameters\": {\"TABLE\": \"things-local\", \"SITE_URL\": \"http://x\"},"
                + " \"Writer\": {\"OTHER_TABLE\": \"others-local\"}}");

        assertEquals(Map.of("Things", "things-local", "Others", "others-local"), file.tableNames(TEMPLATE),
                "!Ref SiteUrl names a parameter, not a table");
    }

    @Test
    void aTableTheFileGivesNoNameIsLeftOut() {
        SamEnvFile file = parse("{\"Parameters\": {\"TABLE\": \"things-local\"}}");

        assertEquals(Map.of("Things", "things-local"), file.tableNames(TEMPLATE));
    }

    @Test
    void rejectsTwoNamesForOneTable() {
        SamEnvFile file = parse("{\"Reader\": {\"TABLE\": \"one\"}, \"Writer\": {\"TABLE\": \"two\"}}");

        IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> file.tableNames(TEMPLATE));
        assertEquals("the env file names Things both one and two", thrown.getMessage());
    }

    @Test
    void acceptsTheSameNameGivenTwice() {
        SamEnvFile file = parse("{\"Reader\": {\"TABLE\": \"same\"}, \"Writer\": {\"TABLE\": \"same\"}}");

        assertEquals(Map.of("Things", "same"), file.tableNames(TEMPLATE));
    }

    @Test
    void rejectsAFileThatIsNotAnObjectOfObjects() {
        Map<String, String> cases = Map.of(
                "[]", "inline.json must hold a JSON object",
                "\"text\"", "inline.json must hold a JSON object",
                "", "inline.json must hold a JSON object",
                "{\"Parameters\": \"x\"}", "inline.json: Parameters must be an object of variable names and values",
                "{\"Reader\": [\"TABLE\"]}", "inline.json: Reader must be an object of variable names and values",
                "{\"Parameters\": {", "inline.json is not valid JSON (line 1, column ");
        cases.forEach((text, message) -> {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, () -> parse(text), text);
            assertTrue(thrown.getMessage().startsWith(message), thrown.getMessage());
        });
    }

    @Test
    void loadNamesTheFileItCannotUse(@TempDir Path folder) throws IOException {
        Path array = Files.writeString(folder.resolve("array.json"), "[1, 2]");
        Path missing = folder.resolve("missing.json");

        IllegalArgumentException notObject = assertThrows(IllegalArgumentException.class, () -> SamEnvFile.load(array));
        assertTrue(notObject.getMessage().startsWith(array + " must hold a JSON object"), notObject.getMessage());
        UncheckedIOException notThere = assertThrows(UncheckedIOException.class, () -> SamEnvFile.load(missing));
        assertEquals("there is no env file " + missing, notThere.getMessage());
        UncheckedIOException folderGiven = assertThrows(UncheckedIOException.class, () -> SamEnvFile.load(folder));
        assertTrue(folderGiven.getMessage().startsWith("cannot read the env file " + folder), folderGiven.getMessage());
    }

    /** The repository's events/env.json, read against its template.yaml. */
    @Nested
    class RealEnvFile {

        private final Path root = ProjectRoot.require();
        private final SamTemplate template = SamTemplate.load(root.resolve(ProjectRoot.TEMPLATE_FILE));
        private final SamEnvFile file = SamEnvFile.load(root.resolve("events/env.json"));

        @Test
        void namesEveryTableOfTheTemplate() {
            assertEquals(Map.of("ArticlesTable", "articles-local", "SubscribersTable", "subscribers-local",
                    "EditionsTable", "editions-local"), file.tableNames(template));
        }

        /** Else a function run by sam local would miss a variable and fail its configuration check. */
        @Test
        void givesEveryFunctionEveryVariableItDeclares() {
            for (FunctionDefinition function : template.functions()) {
                assertEquals(function.environment().keySet(), file.environment(function).keySet(),
                        function.logicalId());
            }
        }

        @Test
        void givesTheMailingFunctionsTheirSenderAndTheReadersNone() {
            assertEquals("newsletter@example.com",
                    file.environment(function(template, "SubscribeFunction")).get("SENDER_ADDRESS"));
            assertEquals(Map.of(
                    "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                    "ARTICLES_TABLE", "articles-local",
                    "SITE_URL", "http://127.0.0.1:3000",
                    "SITE_NAME", "The Newsroom",
                    "LOCAL_AWS_ENDPOINT", "http://host.docker.internal:5000",
                    "METRICS_NAMESPACE", "article-pages-local"),
                    file.environment(function(template, "GetArticleFunction")));
        }
    }

    private static SamEnvFile parse(String json) {
        return SamEnvFile.parse(json, "inline.json");
    }

    private static FunctionDefinition function(String logicalId) {
        return function(TEMPLATE, logicalId);
    }

    private static FunctionDefinition function(SamTemplate template, String logicalId) {
        return template.functions().stream().filter(function -> function.logicalId().equals(logicalId)).findFirst()
                .orElseThrow(() -> new AssertionError("no function " + logicalId));
    }
}
