package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.localstack.StackDefinition.Cors;
import news.articles.localstack.StackDefinition.RouteBinding;
import news.articles.localstack.StackDefinition.Throttling;
import news.articles.tools.ProjectRoot;
import news.articles.tools.local.SamEnvFile;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StackDefinitionTest {

    private static final Map<String, String> PLATFORM = Map.of(
            "LOCAL_AWS_ENDPOINT", "http://127.0.0.1:5000",
            "AWS_REGION", "us-east-1");

    /**
     * Reader takes its handler, timeout and logging from Globals and its memory from a parameter;
     * Writer sets its own handler, timeout, log level and variables. An SQS event is not a route.
     */
    private static final String TEMPLATE = String.join("\n",
            "Parameters:",
            "  Memory: {Type: Number, Default: 512}",
            "  Origins: {Type: CommaDelimitedList, Default: 'https://a.example,https://b.example'}",
            "Globals:",
            "  Function:",
            "    Handler: example.Reader::handleRequest",
            "    Timeout: 20",
            "    LoggingConfig: {LogFormat: JSON, ApplicationLogLevel: WARN, SystemLogLevel: WARN}",
            "    Environment:",
            "      Variables:",
            "        TABLE: !Ref Things",
            "        STAGE: global",
            "        LOCAL_AWS_ENDPOINT: ''",
            "Resources:",
            "  Api:",
            "    Type: AWS::Serverless::HttpApi",
            "    Properties:",
            "      CorsConfiguration:",
            "        AllowOrigins: !Ref Origins",
            "        AllowMethods: [GET, POST]",
            "        MaxAge: 300",
            "        AllowCredentials: true",
            "      DefaultRouteSettings: {ThrottlingBurstLimit: 20, ThrottlingRateLimit: 10.5}",
            "  Reader:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      MemorySize: !Ref Memory",
            "      Events:",
            "        Get: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: get, Path: '/things/{id}', TimeoutInMillis: 8000}}",
            "        Queue: {Type: SQS, Properties: {Queue: arn:aws:sqs:us-east-1:123456789012:q}}",
            "  Writer:",
            "    Type: AWS::Serverless::Function",
            "    Properties:",
            "      Handler: example.Writer::handleRequest",
            "      Timeout: 5",
            "      LoggingConfig: {ApplicationLogLevel: DEBUG}",
            "      Environment:",
            "        Variables:",
            "          STAGE: !Sub '${AWS::Region}-writer'",
            "          TABLE_ARN: !GetAtt Things.Arn",
            "      Events:",
            "        Put: {Type: HttpApi, Properties: {ApiId: !Ref Api, Method: POST, Path: /things}}",
            "  Things:",
            "    Type: AWS::DynamoDB::Table",
            "    Properties:",
            "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
            "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
            "");

    private static StackDefinition stack(String text, Map<String, String> overrides) {
        SamTemplate template = SamTemplate.parse(text, "inline.yaml");
        return new StackDefinition(template, TemplateResolver.of(template, overrides, Map.of("Things", "things-local")));
    }

    private static StackDefinition stack(String text) {
        return stack(text, Map.of());
    }

    /** A template of one function, with the given lines under its Properties (or none). */
    private static String oneFunction(String... properties) {
        StringBuilder text = new StringBuilder(String.join("\n",
                "Resources:",
                "  Only:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: example.Only::handleRequest",
                ""));
        for (String line : properties) {
            text.append("      ").append(line).append('\n');
        }
        return text.toString();
    }

    private static FunctionSpec function(List<FunctionSpec> specs, String logicalId) {
        return specs.stream().filter(spec -> spec.logicalId().equals(logicalId)).findFirst().orElseThrow();
    }

    @Nested
    class Functions {

        @Test
        void eachFunctionInTemplateOrderWithItsHandler() {
            List<FunctionSpec> specs = stack(TEMPLATE).functions(Optional.empty(), PLATFORM);

            assertEquals(List.of("Reader", "Writer"), specs.stream().map(FunctionSpec::logicalId).toList());
            assertEquals("example.Reader::handleRequest", specs.get(0).handler());
            assertEquals("example.Writer::handleRequest", specs.get(1).handler());
        }

        @Test
        void theTemplatesEnvironmentResolvedThenLoggingThenThePlatform() {
            List<FunctionSpec> specs = stack(TEMPLATE).functions(Optional.empty(), PLATFORM);

            assertEquals(Map.of(
                    "TABLE", "things-local",
                    "STAGE", "global",
                    "LOCAL_AWS_ENDPOINT", "http://127.0.0.1:5000",
                    "AWS_REGION", "us-east-1",
                    "AWS_LAMBDA_LOG_FORMAT", "JSON",
                    "AWS_LAMBDA_LOG_LEVEL", "WARN"), function(specs, "Reader").environment());
            assertEquals(Map.of(
                    "TABLE", "things-local",
                    "STAGE", "us-east-1-writer",
                    "TABLE_ARN", "arn:aws:dynamodb:us-east-1:123456789012:table/things-local",
                    "LOCAL_AWS_ENDPOINT", "http://127.0.0.1:5000",
                    "AWS_REGION", "us-east-1",
                    "AWS_LAMBDA_LOG_FORMAT", "JSON",
                    "AWS_LAMBDA_LOG_LEVEL", "DEBUG"), function(specs, "Writer").environment());
        }

        /** SAM merges a map property with the Globals one, the function's keys winning. */
        @Test
        void aFunctionsOwnLoggingConfigIsMergedOverTheGlobalOne() {
            Map<String, String> writer = function(stack(TEMPLATE).functions(Optional.empty(), Map.of()), "Writer")
                    .environment();

            assertEquals("JSON", writer.get("AWS_LAMBDA_LOG_FORMAT"));
            assertEquals("DEBUG", writer.get("AWS_LAMBDA_LOG_LEVEL"));
        }

        @Test
        void withoutLoggingConfigLambdaSetsNoLogVariables() {
            FunctionSpec only = stack(oneFunction()).functions(Optional.empty(), Map.of()).get(0);

            assertEquals(Map.of(), only.environment());
        }

        @Test
        void aTextLogFormatWithoutLevelsGivesOnlyTheFormat() {
            FunctionSpec only = stack(oneFunction("LoggingConfig: {LogFormat: Text}"))
                    .functions(Optional.empty(), Map.of()).get(0);

            assertEquals(Map.of("AWS_LAMBDA_LOG_FORMAT", "Text"), only.environment());
        }

        @Test
        void theEnvFileGoesOverTheTemplateAndThePlatformOverBoth() {
            SamEnvFile file = SamEnvFile.parse(String.join("\n",
                    "{",
                    "  \"Parameters\": {\"STAGE\": \"from-file\", \"TABLE\": \"things-from-file\", \"UNDECLARED\": \"x\"},",
                    "  \"Writer\": {\"STAGE\": \"writer-from-file\", \"LOCAL_AWS_ENDPOINT\": \"http://host.docker.internal:5000\"}",
                    "}"), "env.json");

            List<FunctionSpec> specs = stack(TEMPLATE).functions(Optional.of(file), PLATFORM);

            Map<String, String> reader = function(specs, "Reader").environment();
            Map<String, String> writer = function(specs, "Writer").environment();
            assertEquals("from-file", reader.get("STAGE"));
            assertEquals("things-from-file", reader.get("TABLE"));
            assertFalse(reader.containsKey("UNDECLARED"), "SAM's rule: only the variables the template declares");
            assertEquals("writer-from-file", writer.get("STAGE"));
            assertEquals("http://127.0.0.1:5000", writer.get("LOCAL_AWS_ENDPOINT"), "the platform has the last word");
            assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/things-local", writer.get("TABLE_ARN"),
                    "a computed value the file does not give stays the template's");
        }

        @Test
        void memoryAndTimeoutComeFromTheFunctionThenGlobalsThenLambdasDefaults() {
            List<FunctionSpec> specs = stack(TEMPLATE, Map.of("Memory", "2048")).functions(Optional.empty(), Map.of());

            assertEquals(2048, function(specs, "Reader").memoryMb(), "the function's own, through a parameter");
            assertEquals(20, function(specs, "Reader").timeoutSeconds(), "Globals");
            assertEquals(128, function(specs, "Writer").memoryMb(), "Lambda's default");
            assertEquals(5, function(specs, "Writer").timeoutSeconds(), "the function's own over Globals");

            FunctionSpec bare = stack(oneFunction()).functions(Optional.empty(), Map.of()).get(0);
            assertEquals(128, bare.memoryMb());
            assertEquals(3, bare.timeoutSeconds());
        }

        @Test
        void anEnvironmentValueThatDoesNotResolveFailsNamingTheVariable() {
            StackDefinition stack = stack(oneFunction("Environment: {Variables: {QUEUE: !GetAtt Queue.Arn}}"));

            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> stack.functions(Optional.empty(), Map.of()));
            assertEquals("Only.Environment.Variables.QUEUE (Fn::GetAtt): the local stack cannot resolve Queue.Arn",
                    thrown.getMessage());
        }

        @Test
        void aListValuedVariableFails() {
            StackDefinition stack = stack(String.join("\n",
                    "Parameters:",
                    "  Origins: {Type: CommaDelimitedList, Default: 'a,b'}",
                    oneFunction("Environment: {Variables: {ORIGINS: !Ref Origins}}")));

            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> stack.functions(Optional.empty(), Map.of()));
            assertEquals("Only.Environment.Variables.ORIGINS resolves to [a, b], not a string", thrown.getMessage());
        }
    }

    @Nested
    class Api {

        @Test
        void routesAreEachHttpApiEventOfEachFunction() {
            assertEquals(List.of(new RouteBinding("GET", "/things/{id}", "Reader"),
                    new RouteBinding("POST", "/things", "Writer")), stack(TEMPLATE).routes());
        }

        @Test
        void anHttpApiEventWithoutPathAndMethodIsTheDefaultRoute() {
            StackDefinition stack = stack(oneFunction("Events: {All: {Type: HttpApi}}"));

            assertEquals(List.of(new RouteBinding("ANY", "$default", "Only")), stack.routes());
        }

        @Test
        void corsIsTheResolvedConfigurationWithEmptyListsForWhatItOmits() {
            assertEquals(Optional.of(new Cors(List.of("https://a.example", "https://b.example"), List.of("GET", "POST"),
                    List.of(), List.of(), Optional.of(300), true)), stack(TEMPLATE).cors());
        }

        @Test
        void aSingleOriginIsAListOfOne() {
            StackDefinition stack = stack(String.join("\n",
                    "Resources:",
                    "  Api:",
                    "    Type: AWS::Serverless::HttpApi",
                    "    Properties:",
                    "      CorsConfiguration: {AllowOrigins: !Sub 'https://${AWS::StackName}.example'}",
                    ""));

            assertEquals(Optional.of(new Cors(List.of("https://local.example"), List.of(), List.of(), List.of(),
                    Optional.empty(), false)), stack.cors());
        }

        @Test
        void throttlingIsTheDefaultRouteSettings() {
            assertEquals(Optional.of(new Throttling(10.5, 20)), stack(TEMPLATE).throttling());
        }

        @Test
        void throttlingNeedsBothLimits() {
            StackDefinition stack = stack(String.join("\n",
                    "Resources:",
                    "  Api:",
                    "    Type: AWS::Serverless::HttpApi",
                    "    Properties:",
                    "      DefaultRouteSettings: {ThrottlingRateLimit: 10, DetailedMetricsEnabled: true}",
                    ""));

            assertEquals(Optional.empty(), stack.throttling());
        }

        @Test
        void withoutAnHttpApiThereIsNoCorsAndNoThrottling() {
            StackDefinition stack = stack(oneFunction());

            assertEquals(Optional.empty(), stack.cors());
            assertEquals(Optional.empty(), stack.throttling());
            assertEquals(List.of(), stack.routes());
        }

        @Test
        void anApiWithoutSettingsHasNoCorsAndNoThrottling() {
            StackDefinition stack = stack("Resources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n");

            assertEquals(Optional.empty(), stack.cors());
            assertEquals(Optional.empty(), stack.throttling());
        }

        @Test
        void twoHttpApisAreRefused() {
            StackDefinition stack = stack(String.join("\n",
                    "Resources:",
                    "  One: {Type: AWS::Serverless::HttpApi}",
                    "  Two: {Type: AWS::Serverless::HttpApi}",
                    ""));

            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, stack::cors);
            assertEquals("the local stack serves one HTTP API; the template declares 2", thrown.getMessage());
        }
    }

    @Nested
    class IntegrationTimeout {

        private Duration timeout(String... events) {
            StringBuilder text = new StringBuilder("Resources:\n");
            for (int i = 0; i < events.length; i++) {
                text.append("  F").append(i).append(":\n")
                        .append("    Type: AWS::Serverless::Function\n")
                        .append("    Properties:\n")
                        .append("      Handler: example.F::handleRequest\n")
                        .append("      Events: {E: ").append(events[i]).append("}\n");
            }
            return stack(text.toString()).integrationTimeout();
        }

        @Test
        void isTheLongestTimeoutInMillis() {
            assertEquals(Duration.ofSeconds(8), stack(TEMPLATE).integrationTimeout(),
                    "8 s set on one route is longer than the 5 s default of the other");
            assertEquals(Duration.ofMillis(12_000), timeout(
                    "{Type: HttpApi, Properties: {Path: /a, Method: GET, TimeoutInMillis: 12000}}",
                    "{Type: HttpApi, Properties: {Path: /b, Method: GET, TimeoutInMillis: 7000}}"));
        }

        @Test
        void isSamsFiveSecondsWhereNoneIsSet() {
            assertEquals(Duration.ofSeconds(5), timeout("{Type: HttpApi, Properties: {Path: /a, Method: GET}}"));
            assertEquals(Duration.ofSeconds(5), timeout("{Type: HttpApi}"));
        }

        @Test
        void aShorterTimeoutHoldsWhereEveryRouteSetsOne() {
            assertEquals(Duration.ofSeconds(3),
                    timeout("{Type: HttpApi, Properties: {Path: /a, Method: GET, TimeoutInMillis: 3000}}"));
            assertEquals(Duration.ofSeconds(5), timeout(
                    "{Type: HttpApi, Properties: {Path: /a, Method: GET, TimeoutInMillis: 3000}}",
                    "{Type: HttpApi, Properties: {Path: /b, Method: GET}}"));
        }

        /** The gateway refuses a zero timeout: a stack without routes must still start. */
        @Test
        void isSamsDefaultWithoutHttpApiEvents() {
            assertEquals(Duration.ofSeconds(5), timeout("{Type: SQS, Properties: {Queue: q, TimeoutInMillis: 1}}"));
            assertEquals(Duration.ofSeconds(5), stack(oneFunction()).integrationTimeout());
        }

        @Test
        void aTimeoutMayBeAParameter() {
            String text = "Parameters:\n  Wait: {Type: Number, Default: 9000}\n" + oneFunction(
                    "Events: {E: {Type: HttpApi, Properties: {Path: /a, Method: GET, TimeoutInMillis: !Ref Wait}}}");

            assertEquals(Duration.ofSeconds(9), stack(text).integrationTimeout());
        }
    }

    /** The repository's template.yaml, with the values bin/local gives it. */
    @Nested
    class RealTemplate {

        /** The functions that handle subscribers; the others only read articles. */
        private static final List<String> MAILING = List.of("SubscribeFunction", "ConfirmSubscriptionFunction",
                "UnsubscribeFunction");
        /** The ones among them that send through the configuration set. */
        private static final List<String> SENDING = List.of("SubscribeFunction", "ConfirmSubscriptionFunction");

        private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve(ProjectRoot.TEMPLATE_FILE));
        private final StackDefinition stack;
        private final TemplateResolver resolver;

        RealTemplate() {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("SenderAddress", LocalStack.DEFAULT_SENDER);
            overrides.put("SiteUrl", "http://127.0.0.1:3000");
            overrides.put("AllowedOrigins", LocalStack.DEFAULT_ALLOWED_ORIGINS);
            TemplateResolver withoutQueues = TemplateResolver.of(template, overrides,
                    Map.of("ArticlesTable", "ArticlesTable-local", "SubscribersTable", "SubscribersTable-local",
                            "EditionsTable", "EditionsTable-local"));
            // As bin/local: the queues named in the moto at LOCAL_AWS_ENDPOINT.
            resolver = withoutQueues.withQueues(news.articles.localstack.sqs.LocalQueues.plan(template, withoutQueues,
                    java.net.URI.create("http://127.0.0.1:5000")));
            stack = new StackDefinition(template, resolver);
        }

        @Test
        void resolvesEveryFunctionsEnvironment() {
            List<FunctionSpec> specs = stack.functions(Optional.empty(), PLATFORM);

            assertEquals(template.functions().stream().map(FunctionDefinition::logicalId).toList(),
                    specs.stream().map(FunctionSpec::logicalId).toList());
            assertTrue(specs.stream().map(FunctionSpec::logicalId).toList().containsAll(MAILING));
            Map<String, String> shared = Map.of(
                    "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
                    "ARTICLES_TABLE", "ArticlesTable-local",
                    "SITE_URL", "http://127.0.0.1:3000",
                    "SITE_NAME", "The Newsroom",
                    "LOCAL_AWS_ENDPOINT", "http://127.0.0.1:5000",
                    "AWS_REGION", "us-east-1",
                    "AWS_LAMBDA_LOG_FORMAT", "JSON",
                    "AWS_LAMBDA_LOG_LEVEL", "INFO",
                    // The stack's name, as the local stack names it.
                    "METRICS_NAMESPACE", "local");
            Map<String, String> mailing = new LinkedHashMap<>(shared);
            mailing.put("SUBSCRIBERS_TABLE", "SubscribersTable-local");
            mailing.put("SENDER_ADDRESS", "newsletter@example.com");
            mailing.put("CONFIRM_TOKEN_TTL_HOURS", "48");
            mailing.put("ALLOWED_ORIGINS", LocalStack.DEFAULT_ALLOWED_ORIGINS);
            mailing.put("ORIGIN_VERIFY_SECRET", "");
            mailing.put("SUBSCRIPTION_ANSWER_FLOOR_MS", "400");
            // The identifier key's secret: the local stack names it by its logical id (a Ref of it, as of any resource).
            mailing.put("IDENTIFIER_KEY_SECRET", "IdentifierKeySecret");
            Map<String, String> sending = new LinkedHashMap<>(mailing);
            sending.put("SES_CONFIGURATION_SET", "EmailConfigurationSet");
            Map<String, String> subscribing = new LinkedHashMap<>(sending);
            subscribing.put("SIGN_UPS_PER_IP_PER_HOUR", "20");
            subscribing.put("CONFIRMATION_EMAIL_COOLDOWN_MINUTES", "10");
            subscribing.put("CONFIRMATION_EMAILS_PER_DAY", "5");
            subscribing.put("CONFIRMATION_EMAILS_PER_HOUR", "500");
            subscribing.put("DAYS_BETWEEN_CONFIRMATIONS_AFTER_UNSUBSCRIBE", "30");
            Map<String, String> recommending = new HashMap<>(shared);
            recommending.put("RECOMMENDATION_HALF_LIFE_DAYS", "30");
            Map<String, String> suppressing = new HashMap<>(shared);
            suppressing.put("SUBSCRIBERS_TABLE", "SubscribersTable-local");
            suppressing.put("SES_EVENTS_TOPIC_ARN", "arn:aws:sns:us-east-1:123456789012:SesEventsTopic");
            suppressing.put("IDENTIFIER_KEY_SECRET", "IdentifierKeySecret");
            Map<String, String> listing = new HashMap<>(shared);
            listing.put("IDENTIFIER_KEY_SECRET", "IdentifierKeySecret");
            Map<String, String> newsletterPages = new HashMap<>(shared);
            newsletterPages.put("EDITIONS_TABLE", "EditionsTable-local");
            Map<String, String> weekly = new HashMap<>(shared);
            weekly.put("EDITIONS_TABLE", "EditionsTable-local");
            weekly.put("NEWSLETTER_QUEUE_URL", "http://127.0.0.1:5000/123456789012/NewsletterQueue");
            weekly.put("NEWSLETTER_MAX_ARTICLES", "12");
            Map<String, String> newsletterSending = new HashMap<>(shared);
            newsletterSending.put("SUBSCRIBERS_TABLE", "SubscribersTable-local");
            newsletterSending.put("EDITIONS_TABLE", "EditionsTable-local");
            newsletterSending.put("NEWSLETTER_QUEUE_URL", "http://127.0.0.1:5000/123456789012/NewsletterQueue");
            newsletterSending.put("SENDER_ADDRESS", "newsletter@example.com");
            newsletterSending.put("SES_CONFIGURATION_SET", "EmailConfigurationSet");
            newsletterSending.put("MAX_SEND_RATE_PER_SECOND", "14");
            newsletterSending.put("NEWSLETTER_SENDER_CONCURRENCY", "2");
            for (FunctionSpec spec : specs) {
                Map<String, String> expected = spec.logicalId().equals("SubscribeFunction") ? subscribing
                        : SENDING.contains(spec.logicalId()) ? sending
                        : MAILING.contains(spec.logicalId()) ? mailing
                        : spec.logicalId().equals("SesEventsFunction") ? suppressing
                        : spec.logicalId().equals("NewsletterPageFunction") ? newsletterPages
                        : spec.logicalId().equals("NewsletterFunction") ? weekly
                        : spec.logicalId().equals("NewsletterSenderFunction") ? newsletterSending
                        : spec.logicalId().equals("ListRecommendationsFunction") ? recommending
                        : spec.logicalId().equals("ListArticlesFunction") ? listing : shared;
                assertEquals(expected, spec.environment(), spec.logicalId());
            }
        }

        /** The newsletter's two background functions have timeouts of their own (a composition, a batch of sends). */
        private static final Map<String, Integer> OWN_TIMEOUTS = Map.of("NewsletterFunction", 60, "NewsletterSenderFunction", 120);

        @Test
        void everyFunctionHasTheGlobalMemoryAndTimeoutButTheNewsletterOnesTheirOwn() {
            for (FunctionSpec spec : stack.functions(Optional.empty(), Map.of())) {
                assertEquals(1024, spec.memoryMb(), spec.logicalId());
                assertEquals(OWN_TIMEOUTS.getOrDefault(spec.logicalId(), 10), spec.timeoutSeconds(), spec.logicalId());
                assertTrue(spec.handler().startsWith("news.articles.handler."), spec.handler());
            }
        }

        /** events/env.json points at moto for sam local; here the platform's endpoint wins. */
        @Test
        void theRepositorysEnvFileKeepsThePlatformsEndpoint() {
            SamEnvFile file = SamEnvFile.load(ProjectRoot.require().resolve("events/env.json"));

            for (FunctionSpec spec : stack.functions(Optional.of(file), PLATFORM)) {
                assertEquals("http://127.0.0.1:5000", spec.environment().get("LOCAL_AWS_ENDPOINT"), spec.logicalId());
                assertEquals("articles-local", spec.environment().get("ARTICLES_TABLE"), spec.logicalId());
                assertEquals("JSON", spec.environment().get("AWS_LAMBDA_LOG_FORMAT"), spec.logicalId());
            }
        }

        @Test
        void servesTheArticleAndSubscriptionRoutesEachOnce() {
            List<RouteBinding> routes = stack.routes();

            assertTrue(routes.containsAll(List.of(
                    new RouteBinding("GET", "/articles/{slug}", "GetArticleFunction"),
                    new RouteBinding("GET", "/articles/{slug}/recommendations", "ListRecommendationsFunction"),
                    new RouteBinding("POST", "/subscriptions", "SubscribeFunction"),
                    new RouteBinding("GET", "/subscriptions/confirm", "ConfirmSubscriptionFunction"),
                    new RouteBinding("POST", "/subscriptions/confirm", "ConfirmSubscriptionFunction"),
                    new RouteBinding("GET", "/subscriptions/unsubscribe", "UnsubscribeFunction"),
                    new RouteBinding("POST", "/subscriptions/unsubscribe", "UnsubscribeFunction"),
                    new RouteBinding("GET", "/newsletter", "NewsletterPageFunction"),
                    new RouteBinding("GET", "/newsletter/{editionId}", "NewsletterPageFunction"))), routes.toString());
            assertEquals(routes.size(), routes.stream().map(route -> route.method() + " " + route.path()).distinct().count(),
                    "two functions claim one route: " + routes);
            assertTrue(routes.stream().noneMatch(route -> route.functionLogicalId().equals("SesEventsFunction")),
                    "SNS invokes SesEventsFunction; no route reaches it");
        }

        @Test
        void allowsTheOriginsOfTheAllowedOriginsParameter() {
            assertEquals(Optional.of(new Cors(
                    List.of("http://localhost:5173", "http://127.0.0.1:5173", "http://localhost:8080"),
                    List.of("GET", "POST"), List.of("content-type", "if-none-match"), List.of("etag", "retry-after"),
                    Optional.of(600), false)), stack.cors());
        }

        @Test
        void throttlesAt100PerSecondWithABurstOf200() {
            assertEquals(Optional.of(new Throttling(100, 200)), stack.throttling());
        }

        @Test
        void waitsTwelveSecondsForAFunction() {
            assertEquals(Duration.ofSeconds(12), stack.integrationTimeout());
        }
    }
}
