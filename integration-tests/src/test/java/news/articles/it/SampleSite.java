package news.articles.it;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import news.articles.config.AwsSettings;
import news.articles.config.Environment;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.ProjectRoot;
import news.articles.tools.importer.ContentImporter;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableProvisioner;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The sample site in a fresh moto: the template's tables under the names events/env.json gives
 * them, the sender verified in SES, content/ imported; and the template's functions, each built
 * from its own environment as `sam local invoke --env-vars events/env.json` would build it.
 */
final class SampleSite {

    static final ObjectMapper JSON = new ObjectMapper();

    final Path root = ProjectRoot.require();
    final SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
    final JsonNode envFile = readJson(root.resolve("events/env.json"));
    final MotoServer moto;
    final DynamoDbClient dynamoDb;
    final SesV2Client ses;
    final Map<String, String> tableNames;

    private SampleSite(MotoServer moto) {
        this.moto = moto;
        this.dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        this.ses = MotoClients.sesV2(moto.endpoint());
        this.tableNames = tableNamesFromEnvFile();
    }

    /** Resets moto and lays out the whole sample site in it. */
    static SampleSite create(MotoServer moto) {
        moto.reset();
        SampleSite site = new SampleSite(moto);
        TableProvisioner.createTables(site.dynamoDb, site.template, site.tableNames::get);
        site.ses.createEmailIdentity(request -> request.emailIdentity(site.senderAddress()));
        new ContentImporter(new DynamoDbArticleStore(site.dynamoDb, site.tableNames.get("ArticlesTable")))
                .importFolder(site.root.resolve("content"));
        return site;
    }

    String senderAddress() {
        return envFile.path("SubscribeFunction").path("SENDER_ADDRESS").asText();
    }

    FunctionDefinition function(String logicalId) {
        return template.functions().stream()
                .filter(function -> function.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no function " + logicalId));
    }

    /**
     * The variables SAM would give the function: only those the template declares, valued from
     * env.json (its function section over its Parameters section) or else by the template's own
     * literal, plus what Lambda itself sets.
     */
    Map<String, String> environment(String logicalId) {
        Map<String, String> variables = new LinkedHashMap<>();
        function(logicalId).environment().forEach((name, templateValue) -> envFileValue(logicalId, name)
                .or(() -> templateValue instanceof String literal ? Optional.of(literal) : Optional.empty())
                .ifPresent(value -> variables.put(name, value)));
        variables.put(AwsSettings.LOCAL_ENDPOINT_VARIABLE, moto.endpoint().toString());
        variables.put("AWS_REGION", MotoClients.REGION.id());
        variables.put("AWS_ACCESS_KEY_ID", MotoClients.ACCESS_KEY_ID);
        variables.put("AWS_SECRET_ACCESS_KEY", MotoClients.SECRET_ACCESS_KEY);
        return variables;
    }

    Optional<String> envFileValue(String logicalId, String name) {
        JsonNode own = envFile.path(logicalId).path(name);
        if (own.isTextual()) {
            return Optional.of(own.asText());
        }
        JsonNode shared = envFile.path("Parameters").path(name);
        return shared.isTextual() ? Optional.of(shared.asText()) : Optional.empty();
    }

    /** Builds the function's handler through its Environment constructor, as its no-arg one would in Lambda. */
    RequestStreamHandler handler(String logicalId) {
        return handler(logicalId, environment(logicalId));
    }

    RequestStreamHandler handler(String logicalId, Map<String, String> variables) {
        String className = function(logicalId).handlerClass();
        try {
            return (RequestStreamHandler) Class.forName(className)
                    .getConstructor(Environment.class)
                    .newInstance(new Environment(variables));
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("cannot build " + className + " for " + logicalId, e);
        }
    }

    static JsonNode invoke(RequestStreamHandler handler, String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
            return JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A table's name is the env.json value of any variable the template sets to {@code !Ref <table>}. */
    private Map<String, String> tableNamesFromEnvFile() {
        Map<String, String> names = new HashMap<>();
        for (FunctionDefinition function : template.functions()) {
            function.environment().forEach((variable, value) -> Intrinsic.of(value)
                    .filter(intrinsic -> intrinsic.name().equals("Ref"))
                    .map(intrinsic -> (String) intrinsic.argument())
                    .filter(logicalId -> template.table(logicalId).isPresent())
                    .ifPresent(table -> envFileValue(function.logicalId(), variable)
                            .ifPresent(name -> names.put(table, name))));
        }
        return names;
    }
}
