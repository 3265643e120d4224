package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import news.articles.it.EventExpectations.Expectation;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.HttpRoute;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Every file in events/ gives, from its function with moto behind it, what events/expectations.tsv
 * says: an HTTP status for API Gateway events; for the others (SNS), "returns": the function returns
 * normally, and the stored state it leads to is checked.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventsTest {

    private SampleSite site;
    private List<Expectation> expectations;

    @BeforeAll
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
        // The newsletter's events read the edition a weekly run stored.
        site.storeSampleEdition();
        expectations = EventExpectations.read(site.root);
    }

    @TestFactory
    Stream<DynamicTest> everyEventGivesItsExpectedStatus() {
        return expectations.stream().map(event -> DynamicTest.dynamicTest(event.file(), () -> {
            String json = Files.readString(site.root.resolve("events").resolve(event.file()));
            if (event.status().equals(EventExpectations.THROWS)) {
                assertThrows(RuntimeException.class, () -> SampleSite.invoke(site.handler(event.function()), json),
                        event.file());
                return;
            }
            JsonNode response = SampleSite.invoke(site.handler(event.function()), json);
            if (!event.http()) {
                // The trigger the event comes from (SesEventsFunction has two: SNS, and the SQS replay).
                switch (triggerOf(SampleSite.JSON.readTree(json))) {
                    case "ScheduleV2" -> assertTheWeeksSendStartedOnce(event, json, response);
                    case "SQS" -> assertEquals(event.retries(), response.path("batchItemFailures").size(),
                            () -> event.file() + " answered " + response);
                    default -> assertSesEventsTookEffect(event, SampleSite.JSON.readTree(json));
                }
                return;
            }
            int status = response.path("statusCode").asInt();
            assertEquals(Integer.parseInt(event.status()), status, () -> event.file() + " answered " + response);
            JsonNode headers = response.path("headers");
            assertEquals("nosniff", headers.path("x-content-type-options").asText());
            if (status >= 400 && headers.path("content-type").asText().startsWith("application/json")) {
                JsonNode body = SampleSite.JSON.readTree(response.path("body").asText());
                assertTrue(body.path("code").isTextual(), () -> "error without a code: " + body);
                assertTrue(body.path("message").isTextual(), () -> "error without a message: " + body);
            }
        }));
    }

    /** A scheduled run: the week's edition is there and its send started; the same run again starts nothing. */
    private void assertTheWeeksSendStartedOnce(Expectation event, String json, JsonNode response) {
        assertEquals("2026-W47", response.path("edition").asText(), () -> event.file() + " answered " + response);
        assertTrue(response.path("hasEdition").asBoolean(), () -> event.file() + " answered " + response);
        assertEquals("STARTED", response.path("fanOut").asText(), () -> event.file() + " answered " + response);
        JsonNode again = SampleSite.invoke(site.handler(event.function()), json);
        assertEquals("ALREADY_STARTED", again.path("fanOut").asText(), () -> event.file() + " again answered " + again);
    }

    /**
     * An SNS event of SES event records: every hard-bounced or complaining recipient it names is
     * suppressed afterwards (read here independently of the function's own parsing).
     */
    private void assertSesEventsTookEffect(Expectation event, JsonNode snsEvent) throws IOException {
        List<String> addresses = new ArrayList<>();
        for (JsonNode record : snsEvent.path("Records")) {
            JsonNode ses = SampleSite.JSON.readTree(record.path("Sns").path("Message").asText());
            JsonNode recipients = switch (ses.path("eventType").asText()) {
                case "Bounce" -> "Permanent".equals(ses.path("bounce").path("bounceType").asText())
                        ? ses.path("bounce").path("bouncedRecipients") : SampleSite.JSON.createArrayNode();
                case "Complaint" -> ses.path("complaint").path("complainedRecipients");
                default -> SampleSite.JSON.createArrayNode();
            };
            recipients.forEach(recipient -> addresses.add(recipient.path("emailAddress").asText()));
        }
        assertFalse(addresses.isEmpty(), () -> event.file() + " names nobody to suppress: it shows nothing");
        for (String address : addresses) {
            String id = SubscriberId.of(EmailAddress.parse(address), SampleSite.IDENTIFIERS);
            var item = site.dynamoDb.getItem(request -> request
                    .tableName(site.tableNames.get("SubscribersTable"))
                    .key(java.util.Map.of("pk", AttributeValue.fromS("SUBSCRIBER#" + id)))
                    .consistentRead(true)).item();
            assertEquals("SUPPRESSED", item.get("status") == null ? null : item.get("status").s(),
                    () -> event.file() + ": a recipient it names is not suppressed");
        }
    }

    @Test
    void theConditionalEventCarriesTheCurrentEtagOfItsArticle() throws IOException {
        JsonNode conditional = SampleSite.readJson(site.root.resolve("events/get-article-conditional.json"));
        String plain = Files.readString(site.root.resolve("events/get-article.json"));
        JsonNode response = SampleSite.invoke(site.handler("GetArticleFunction"), plain);
        String etag = response.path("headers").path("etag").asText();
        assertEquals(etag, conditional.path("headers").path("if-none-match").asText(),
                "events/get-article-conditional.json must carry the article's current ETag; the article or SITE_URL in "
                        + "events/env.json changed: set if-none-match to " + etag);
    }

    @Test
    void theExpectationsNameEveryEventFileAndOnlyThose() throws IOException {
        Set<String> files;
        try (Stream<Path> listing = Files.list(site.root.resolve("events"))) {
            files = listing.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.equals("env.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = expectations.stream().map(Expectation::file).collect(Collectors.toCollection(TreeSet::new));
        assertFalse(files.isEmpty());
        Set<String> unnamed = new TreeSet<>(files);
        unnamed.removeAll(expected);
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(files);
        assertEquals(files, expected, () -> EventExpectations.FILE + " and the files in events/ differ: it does not name "
                + unnamed + "; it names " + missing + ", which events/ does not hold");
        assertEquals(expectations.size(), expected.size(), EventExpectations.FILE + " names an event twice");
    }

    /**
     * The docs show the table the expectations render, so they cannot drift. With
     * {@code -Devents.table=write} the test writes the table into the docs instead.
     */
    @Test
    void theDocsShowTheTableTheExpectationsRender() throws IOException {
        Path doc = site.root.resolve(EventExpectations.DOC);
        String text = Files.readString(doc);
        String table = EventExpectations.table(expectations);
        if ("write".equals(System.getProperty("events.table"))) {
            Files.writeString(doc, EventExpectations.withTable(text, table));
            return;
        }
        assertEquals(table, EventExpectations.tableInDoc(text), () -> EventExpectations.DOC + "'s events table is not what "
                + EventExpectations.FILE + " renders; run this test with -Devents.table=write, or put this between its markers:\n\n"
                + table);
    }

    @Test
    void everyRouteHasAnEventAndEveryEventTargetsARouteOfItsFunction() {
        Set<String> routesWithEvents = new TreeSet<>();
        for (Expectation event : expectations) {
            JsonNode json = SampleSite.readJson(site.root.resolve("events").resolve(event.file()));
            FunctionDefinition function = site.function(event.function());
            if (!event.http()) {
                // Not an HTTP request: an event of one of the function's non-HTTP triggers; no route reaches it.
                assertTrue(function.routes().isEmpty(), () -> event.file() + ": " + event.function() + " has HTTP routes");
                String trigger = triggerOf(json);
                assertTrue(eventTypes(event.function()).contains(trigger), () -> event.file() + " is an event of a "
                        + trigger + " trigger, which " + event.function() + " does not have: " + eventTypes(event.function()));
                continue;
            }
            String routeKey = json.path("routeKey").asText();
            Set<String> routes = function.routes().stream()
                    .map(route -> route.method() + " " + route.path())
                    .collect(Collectors.toSet());
            assertTrue(routes.contains(routeKey),
                    () -> event.file() + " has routeKey " + routeKey + ", not a route of " + event.function() + " " + routes);
            assertEquals(routeKey.substring(0, routeKey.indexOf(' ')), json.path("requestContext").path("http").path("method").asText(),
                    () -> event.file() + ": method differs from its routeKey");
            routesWithEvents.add(routeKey);
        }
        for (FunctionDefinition function : site.template.functions()) {
            for (HttpRoute route : function.routes()) {
                String key = route.method() + " " + route.path();
                assertTrue(routesWithEvents.contains(key), () -> "no event in events/ for " + key);
            }
        }
    }

    /** The distinct Types of the function's Events in template.yaml, comma separated. */
    /** The kind of trigger that delivers this event, as a SAM event type names it. */
    private static String triggerOf(JsonNode json) {
        JsonNode record = json.path("Records").path(0);
        if ("aws:sns".equals(record.path("EventSource").asText())) {
            return "SNS";
        }
        if ("aws:sqs".equals(record.path("eventSource").asText())) {
            return "SQS";
        }
        // A scheduled run's input is what the template's Input makes it, a bad one included: any other object.
        if (json.isObject() && !json.has("Records") && !json.has("routeKey")) {
            return "ScheduleV2";
        }
        return "unknown (neither SNS, SQS nor a scheduled run)";
    }

    private Set<String> eventTypes(String logicalId) {
        Object events = site.template.resources().get(logicalId).properties().get("Events");
        Set<String> types = new TreeSet<>();
        if (events instanceof java.util.Map<?, ?> map) {
            map.values().forEach(definition -> {
                if (definition instanceof java.util.Map<?, ?> event) {
                    types.add(String.valueOf(event.get("Type")));
                }
            });
        }
        return types;
    }

    /** Values the template computes (a table's name, a parameter) only exist in AWS: env.json must give them. */
    @Test
    void envFileGivesEveryFunctionEveryVariableTheTemplateComputes() {
        for (FunctionDefinition function : site.template.functions()) {
            function.environment().forEach((variable, templateValue) -> {
                if (!(templateValue instanceof String)) {
                    assertTrue(site.envFileValue(function.logicalId(), variable).isPresent(),
                            () -> "events/env.json gives " + function.logicalId() + " no value for " + variable);
                }
            });
        }
    }
}
