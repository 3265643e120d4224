package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import news.articles.config.AwsSettings;
import news.articles.error.StoreException;
import news.articles.snapstart.Priming;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoProxy;
import news.articles.tools.moto.MotoServer;
import org.crac.Resource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming against moto, as Lambda runs it before a version's snapshot: each function's
 * registered priming makes its real read and nothing else; nothing is stored, no email leaves.
 */
@ExtendWith(MotoExtension.class)
class PrimingTest {

    private SampleSite site;

    @BeforeEach
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
    }

    @ParameterizedTest
    @CsvSource({
        "GetArticleFunction, DynamoDb.GetItem, ''",
        "ListArticlesFunction, DynamoDb.Query DynamoDb.GetItem, ''",
        "ListRecommendationsFunction, DynamoDb.Query DynamoDb.GetItem DynamoDb.Query, ''",
        "SubscribeFunction, DynamoDb.GetItem, SesV2.SendEmail",
        "ConfirmSubscriptionFunction, DynamoDb.GetItem, SesV2.SendEmail",
        "UnsubscribeFunction, DynamoDb.GetItem, ''",
        "NewsletterPageFunction, DynamoDb.Query DynamoDb.GetItem, ''",
        // A preview composition (the previous edition, the articles) and a progress read; nothing enqueued.
        "NewsletterFunction, DynamoDb.Query DynamoDb.Query DynamoDb.GetItem, ''",
        // A recipient of the index, a progress read, the latest edition rendered and prepared, never claimed or sent.
        "NewsletterSenderFunction, DynamoDb.Query DynamoDb.GetItem DynamoDb.Query, SesV2.SendEmail",
    })
    void primingReadsAndChangesNothing(String function, String reads, String dryRuns) throws Exception {
        Resource priming = primingOf(function, site.environment(function));
        Map<String, List<Map<String, AttributeValue>>> before = tables();
        int emailsBefore = site.moto.sentEmails().size();
        WireRecorder.clear();

        String log = stdoutOf(() -> priming.beforeCheckpoint(null));

        assertFalse(log.contains("priming_step_failed"), function + " logged a failed step: " + log);
        List<String> sent = WireRecorder.sent();
        List<String> prepared = WireRecorder.dryRuns();
        // Recommendations query as many candidate lists as the newest article has tags: compared as a set.
        assertEquals(new TreeSet<>(List.of(reads.split(" "))), new TreeSet<>(sent), function + " sent " + sent);
        assertTrue(function.startsWith("ListRecommendations") || sent.size() == reads.split(" ").length,
                function + " sent " + sent);
        assertEquals(dryRuns.isEmpty() ? List.of() : List.of(dryRuns.split(" ")), prepared, function + " prepared");
        assertEquals(before, tables(), function + " changed a table");
        assertEquals(emailsBefore, site.moto.sentEmails().size(), function + " sent an email");
    }

    @Test
    void primingWithAwsOutOfReachFailsNothing() throws Exception {
        Map<String, String> variables = site.environment("SubscribeFunction");
        String log;
        try (MotoProxy proxy = new MotoProxy(site.moto.endpoint())) {
            // The init itself reads the identifier key from Secrets Manager (a function that cannot fails its
            // init, and Lambda retries it); what priming calls, DynamoDB and SES, is out of reach: dropped at once.
            proxy.fail(call -> call.isDynamoDb() || call.isSes(), MotoProxy.drop());
            variables.put(AwsSettings.LOCAL_ENDPOINT_VARIABLE, proxy.endpoint().toString());
            Resource priming = primingOf("SubscribeFunction", variables);
            WireRecorder.clear();

            log = stdoutOf(() -> priming.beforeCheckpoint(null));
        }

        assertTrue(WireRecorder.sent().contains("DynamoDb.GetItem"), WireRecorder.sent().toString());
        assertTrue(log.contains("\"event\":\"priming_step_failed\",\"function\":\"SubscribeHandler\",\"step\":2,"
                + "\"steps\":3,\"failure\":\"" + StoreException.class.getName() + "\""), log);
        assertEquals(List.of("SesV2.SendEmail"), WireRecorder.dryRuns(), "the steps after a failure still run");
    }

    /** The priming the function registers when Lambda inits it for a snapshot, built on moto. */
    private Resource primingOf(String function, Map<String, String> variables) {
        Map<String, String> snapStart = new HashMap<>(variables);
        snapStart.put(Priming.INITIALIZATION_TYPE, Priming.SNAP_START);
        int before = Priming.registered().size();
        site.handler(function, snapStart);
        List<Priming> registered = Priming.registered();
        assertEquals(before + 1, registered.size(), function + " registered no priming for its snapshot");
        return registered.get(registered.size() - 1);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** What the step writes to System.out, where the functions log (Lambda's runtime sends it to the log). */
    private static String stdoutOf(Step step) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            step.run();
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    private Map<String, List<Map<String, AttributeValue>>> tables() {
        return Map.of(
                "articles", site.dynamoDb.scan(scan -> scan.tableName(site.tableNames.get("ArticlesTable"))).items(),
                "subscribers", site.dynamoDb.scan(scan -> scan.tableName(site.tableNames.get("SubscribersTable"))).items(),
                "editions", site.dynamoDb.scan(scan -> scan.tableName(site.tableNames.get("EditionsTable"))).items());
    }
}
