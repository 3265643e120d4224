package news.articles.it;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
import news.articles.config.Environment;
import news.articles.keyed.KeyedHash;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionComposer;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.store.dynamodb.DynamoDbEditionStore;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.tools.ProjectRoot;
import news.articles.tools.contract.ApiContract;
import news.articles.tools.local.LocalAws;
import news.articles.tools.local.SamEnvFile;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.SamTemplate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The sample site in a fresh moto (tables, verified sender, content/), and the template's
 * functions, each built from its own environment as `sam local invoke --env-vars events/env.json`
 * would build it.
 */
final class SampleSite {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The identifier key LocalAws gives the env file's stacks: what the functions here derive ids with. */
    static final KeyedHash IDENTIFIERS = KeyedHash.withKey(LocalAws.SAMPLE_IDENTIFIER_KEY);

    /** The API's contract, which every HTTP answer {@link #invoke} gets is checked against. */
    static final ApiContract CONTRACT = ApiContract.ofProject();

    final Path root = ProjectRoot.require();
    final SamTemplate template = SamTemplate.load(root.resolve("template.yaml"));
    final SamEnvFile envFile = SamEnvFile.load(root.resolve("events/env.json"));
    final MotoServer moto;
    final DynamoDbClient dynamoDb;
    final Map<String, String> tableNames;

    private SampleSite(MotoServer moto, Map<String, String> tableNames) {
        this.moto = moto;
        this.dynamoDb = MotoClients.dynamoDb(moto.endpoint());
        this.tableNames = tableNames;
    }

    /** Resets moto and lays out the whole sample site in it, as PrepareLocalAws does for sam local. */
    static SampleSite create(MotoServer moto) {
        closeProxies();
        moto.reset();
        Path root = ProjectRoot.require();
        LocalAws.Preparation preparation = LocalAws.prepare(moto.endpoint(),
                SamTemplate.load(root.resolve("template.yaml")), SamEnvFile.load(root.resolve("events/env.json")),
                root.resolve("content"));
        SampleSite site = new SampleSite(moto, preparation.tables());
        site.createNewsletterQueue();
        return site;
    }

    /**
     * NewsletterQueue under the name events/env.json's NEWSLETTER_QUEUE_URL ends with (the URL's host
     * does not matter: the SDK sends to moto's endpoint, and moto finds the queue by its name).
     */
    private void createNewsletterQueue() {
        String name = envFile.value("NewsletterSenderFunction", "NEWSLETTER_QUEUE_URL").orElseThrow().replaceAll(".*/", "");
        try (SqsClient sqs = AwsClients.sqs(MotoClients.settings(moto.endpoint()))) {
            sqs.createQueue(request -> request.queueName(name));
        }
    }

    /** A weekly run's scheduled time just after the week of content/'s newest past article: edition 2026-W47. */
    static final Instant SAMPLE_EDITION_TIME = Instant.parse("2026-11-20T09:00:00Z");

    /**
     * Composes and stores the edition of the weekly run at {@link #SAMPLE_EDITION_TIME} from the
     * imported content, as the weekly function does before it sends anything; what the newsletter's
     * sample events read.
     */
    Edition storeSampleEdition() {
        EditionComposer composer = new EditionComposer(
                new DynamoDbArticleStore(dynamoDb, tableNames.get("ArticlesTable")),
                new DynamoDbEditionStore(dynamoDb, tableNames.get("EditionsTable")), 10, Clock.systemUTC());
        return composer.prepare(SAMPLE_EDITION_TIME).edition()
                .orElseThrow(() -> new AssertionError("content/ has no article in the week before " + SAMPLE_EDITION_TIME));
    }

    String senderAddress() {
        return envFile.value("SubscribeFunction", "SENDER_ADDRESS").orElseThrow();
    }

    FunctionDefinition function(String logicalId) {
        return template.functions().stream()
                .filter(function -> function.logicalId().equals(logicalId))
                .findFirst()
                .orElseThrow(() -> new AssertionError("template.yaml has no function " + logicalId));
    }

    /** The variables `sam local invoke --env-vars events/env.json` gives the function, plus what Lambda sets. */
    Map<String, String> environment(String logicalId) {
        Map<String, String> variables = new LinkedHashMap<>(envFile.environment(function(logicalId)));
        variables.putAll(MotoClients.functionEnvironment(moto.endpoint()));
        return variables;
    }

    Optional<String> envFileValue(String logicalId, String name) {
        return envFile.value(logicalId, name);
    }

    /** The address's subscriber record as stored, read consistently; empty when there is none. */
    Map<String, AttributeValue> subscriber(String address) {
        return dynamoDb.getItem(request -> request
                .tableName(tableNames.get("SubscribersTable"))
                .key(Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + SubscriberId.of(EmailAddress.parse(address), SampleSite.IDENTIFIERS))))
                .consistentRead(true)).item();
    }

    /** The emails moto's SES accepted for the address, oldest first. */
    List<SentEmail> emailsTo(String address) {
        return moto.sentEmails().stream().filter(mail -> mail.to().contains(address)).toList();
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

    /**
     * The function's handler with its AWS calls sent to {@code awsEndpoint} (a fault proxy, a closed
     * port) instead of moto; all but the read of the identifier key at init, which reaches moto (a
     * function that cannot read it fails its init, and Lambda tries again: no request meets that).
     */
    RequestStreamHandler handler(String logicalId, URI awsEndpoint) {
        MotoProxy keyFromMoto;
        try {
            keyFromMoto = new MotoProxy(awsEndpoint).secretsFrom(moto.endpoint());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (PROXIES) {
            PROXIES.add(keyFromMoto);
        }
        Map<String, String> variables = new LinkedHashMap<>(environment(logicalId));
        variables.put(AwsSettings.LOCAL_ENDPOINT_VARIABLE, keyFromMoto.endpoint().toString());
        return handler(logicalId, variables);
    }

    /** The proxies {@link #handler(String, URI)} started: closed when the next test lays out its site. */
    private static final List<MotoProxy> PROXIES = new java.util.ArrayList<>();

    private static void closeProxies() {
        synchronized (PROXIES) {
            PROXIES.forEach(MotoProxy::close);
            PROXIES.clear();
        }
    }

    /**
     * Sends the event to the handler and returns its answer, having checked an HTTP API event's
     * answer against the API's contract (docs/openapi.yaml): every test that invokes a function
     * through here checks the contract too.
     */
    static JsonNode invoke(RequestStreamHandler handler, String eventJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonNode answer;
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, null);
            answer = JSON.readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        checkContract(eventJson, answer);
        return answer;
    }

    /**
     * Checks the answer to an event of one of the contract's routes. Other invocations (SNS, SQS,
     * schedules, an event that is not API Gateway's, a route API Gateway does not have, such as a
     * DELETE a test makes up) never reach a client through API Gateway, so the contract says nothing of them.
     */
    private static void checkContract(String eventJson, JsonNode answer) {
        JsonNode event;
        try {
            event = JSON.readTree(eventJson);
        } catch (IOException e) {
            return;
        }
        String routeKey = event.path("routeKey").asText("");
        int space = routeKey.indexOf(' ');
        if (space < 0 || !answer.path("statusCode").isInt() || !CONTRACT.routes().contains(routeKey)) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        answer.path("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        String body = answer.path("body").asText("");
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            body = new String(java.util.Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        CONTRACT.check(routeKey.substring(0, space), routeKey.substring(space + 1), answer.path("statusCode").asInt(),
                headers, body);
    }

    static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
