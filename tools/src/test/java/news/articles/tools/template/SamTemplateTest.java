package news.articles.tools.template;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import news.articles.tools.ProjectRoot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SamTemplateTest {

    /** The repository's template.yaml. */
    @Nested
    class RealTemplate {

        private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));

        @Test
        void declaresTheArticlesTableWithItsFourIndexes() {
            TableDefinition articles = template.table("ArticlesTable").orElseThrow();

            List<String> included = List.of("slug", "title", "summary", "author", "section", "tags", "publishedAt",
                    "updatedAt", "readingMinutes");
            assertAll(
                    () -> assertEquals("PAY_PER_REQUEST", articles.billingMode()),
                    () -> assertEquals(List.of(new TableDefinition.KeyElement("pk", "HASH"),
                            new TableDefinition.KeyElement("sk", "RANGE")), articles.keySchema()),
                    () -> assertEquals(Set.of("pk", "sk", "feed", "sectionKey", "tagKey", "topicKey", "publishedKey"),
                            articles.attributeDefinitions().stream().map(TableDefinition.Attribute::name)
                                    .collect(Collectors.toSet())),
                    () -> assertEquals(List.of("ByPublished", "BySection", "ByTag", "ByTopic"),
                            articles.globalSecondaryIndexes().stream().map(TableDefinition.Index::name).toList()),
                    () -> assertEquals(new TableDefinition.Index("ByTag",
                                    List.of(new TableDefinition.KeyElement("tagKey", "HASH"),
                                            new TableDefinition.KeyElement("publishedKey", "RANGE")),
                                    new TableDefinition.Projection("INCLUDE", included)),
                            articles.globalSecondaryIndex("ByTag").orElseThrow()),
                    // Recommendations rank by keywords too: only the topic index they query projects them.
                    () -> assertEquals(new TableDefinition.Index("ByTopic",
                                    List.of(new TableDefinition.KeyElement("topicKey", "HASH"),
                                            new TableDefinition.KeyElement("publishedKey", "RANGE")),
                                    new TableDefinition.Projection("INCLUDE", List.of("slug", "title", "summary",
                                            "author", "section", "tags", "keywords", "publishedAt", "updatedAt",
                                            "readingMinutes"))),
                            articles.globalSecondaryIndex("ByTopic").orElseThrow()),
                    () -> assertEquals(Optional.empty(), articles.timeToLiveAttribute()),
                    () -> assertEquals(Optional.empty(), articles.tableName()),
                    () -> assertEquals(Set.of("PointInTimeRecoverySpecification"), articles.otherProperties().keySet()));
        }

        @Test
        void declaresTheEditionsTableWithAPartitionAndASortKey() {
            TableDefinition editions = template.table("EditionsTable").orElseThrow();

            assertEquals(List.of(new TableDefinition.KeyElement("pk", "HASH"), new TableDefinition.KeyElement("sk", "RANGE")),
                    editions.keySchema());
            assertEquals(List.of(new TableDefinition.Attribute("pk", "S"), new TableDefinition.Attribute("sk", "S")),
                    editions.attributeDefinitions());
            assertEquals(List.of(), editions.globalSecondaryIndexes());
            assertEquals("PAY_PER_REQUEST", editions.billingMode());
            assertEquals(Optional.empty(), editions.timeToLiveAttribute());
        }

        @Test
        void declaresTheSubscribersTableWithTimeToLive() {
            TableDefinition subscribers = template.table("SubscribersTable").orElseThrow();

            assertEquals(List.of("ArticlesTable", "SubscribersTable", "EditionsTable"),
                    template.tables().stream().map(TableDefinition::logicalId).toList());
            assertEquals(List.of(new TableDefinition.KeyElement("pk", "HASH")), subscribers.keySchema());
            assertEquals(List.of(new TableDefinition.Index("ByConfirmed",
                    List.of(new TableDefinition.KeyElement("confirmedFeed", "HASH"), new TableDefinition.KeyElement("pk", "RANGE")),
                    new TableDefinition.Projection("KEYS_ONLY", List.of()))), subscribers.globalSecondaryIndexes(),
                    "the newsletter's recipients, a sparse index");
            assertEquals(Optional.of("expiresAt"), subscribers.timeToLiveAttribute());
        }

        @Test
        void declaresTheFunctionsAndTheirRoutes() {
            Map<String, List<String>> routes = template.functions().stream().collect(Collectors.toMap(
                    FunctionDefinition::logicalId,
                    function -> function.routes().stream().map(HttpRoute::toString).toList()));

            assertEquals(Map.of(
                    "ListArticlesFunction", List.of("GET /articles", "GET /sections"),
                    "GetArticleFunction", List.of("GET /articles/{slug}"),
                    "ListRecommendationsFunction", List.of("GET /articles/{slug}/recommendations"),
                    "SubscribeFunction", List.of("POST /subscriptions"),
                    "ConfirmSubscriptionFunction", List.of("GET /subscriptions/confirm", "POST /subscriptions/confirm"),
                    "UnsubscribeFunction", List.of("GET /subscriptions/unsubscribe", "POST /subscriptions/unsubscribe"),
                    "SesEventsFunction", List.of(),
                    "NewsletterFunction", List.of(),
                    "NewsletterSenderFunction", List.of(),
                    "NewsletterPageFunction", List.of("GET /newsletter", "GET /newsletter/{editionId}")),
                    routes);
        }

        @Test
        void mergesEachFunctionsEnvironmentOverTheGlobalOne() {
            FunctionDefinition subscribe = template.functions().stream()
                    .filter(function -> function.logicalId().equals("SubscribeFunction")).findFirst().orElseThrow();
            FunctionDefinition getArticle = template.functions().stream()
                    .filter(function -> function.logicalId().equals("GetArticleFunction")).findFirst().orElseThrow();

            assertEquals("news.articles.handler.SubscribeHandler::handleRequest", subscribe.handler());
            assertEquals("news.articles.handler.SubscribeHandler", subscribe.handlerClass());
            assertEquals(Intrinsic.ref("SubscribersTable"), subscribe.environment().get("SUBSCRIBERS_TABLE"));
            assertEquals(Intrinsic.ref("ArticlesTable"), subscribe.environment().get("ARTICLES_TABLE"),
                    "global variables apply to every function");
            assertEquals("", getArticle.environment().get("LOCAL_AWS_ENDPOINT"));
            assertFalse(getArticle.environment().containsKey("SUBSCRIBERS_TABLE"));
        }

        @Test
        void keepsIntrinsicsUnresolved() {
            Map<String, Object> statement = firstStatement("SubscribeFunction", 1);
            List<?> resources = (List<?>) statement.get("Resource");
            Intrinsic sub = (Intrinsic) resources.get(0);

            assertEquals("Fn::Sub", sub.name());
            List<?> argument = (List<?>) sub.argument();
            assertEquals("arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/${Identity}",
                    argument.get(0));
            assertEquals(Map.of("Identity", new Intrinsic("Fn::If", List.of("SenderIdentityIsAddress",
                    Intrinsic.ref("SenderAddress"), Intrinsic.ref("SenderIdentity")))), argument.get(1));
            assertEquals(new Intrinsic("Fn::Sub",
                    "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/${EmailConfigurationSet}"),
                    resources.get(1));
            assertEquals(new Intrinsic("Fn::GetAtt", List.of("ArticlesTable", "Arn")),
                    firstStatement("GetArticleFunction", 0).get("Resource"));
            assertEquals(Map.of("SenderIdentityIsAddress",
                            new Intrinsic("Fn::Equals", List.of(Intrinsic.ref("SenderIdentity"), "")),
                            "ReplayingFailedSesEvents",
                            new Intrinsic("Fn::Equals", List.of(Intrinsic.ref("ReplayFailedSesEvents"), "true")),
                            "HasAlarmEmail",
                            new Intrinsic("Fn::Not", List.of(new Intrinsic("Fn::Equals", List.of(Intrinsic.ref("AlarmEmail"), ""))))),
                    template.document().get("Conditions"));
        }

        @SuppressWarnings("unchecked")
        private Map<String, Object> firstStatement(String function, int index) {
            List<Object> policies = (List<Object>) template.resources().get(function).properties().get("Policies");
            List<Object> statements = (List<Object>) ((Map<String, Object>) policies.get(0)).get("Statement");
            return (Map<String, Object>) statements.get(index);
        }
    }

    @Test
    void readsEveryShortFormIntrinsic() {
        SamTemplate template = SamTemplate.parse(String.join("\n",
                "Resources:",
                "  Thing:",
                "    Type: Custom::Thing",
                "    Properties:",
                "      Ref: !Ref Other",
                "      SubScalar: !Sub '${AWS::Region}-x'",
                "      SubList: !Sub ['${A}', {A: !Ref Other}]",
                "      GetAttScalar: !GetAtt Db.Endpoint.Address",
                "      GetAttList: !GetAtt [Db, Arn]",
                "      If: !If [Cond, yes-value, !Ref AWS::NoValue]",
                "      Logic: !And [!Equals [a, b], !Not [!Condition C], !Or [!Condition D, !Condition E]]",
                "      Select: !Select [0, !GetAZs '']",
                "      Join: !Join [',', !Split ['|', 'a|b']]",
                "      Map: !FindInMap [M, K, V]",
                "      Import: !ImportValue shared-export",
                "      Encoded: !Base64 text",
                "      Cidr: !Cidr ['10.0.0.0/16', 4, 8]",
                "      LongForm: {Ref: Other}",
                ""), "inline");

        Map<String, Object> properties = template.resources().get("Thing").properties();
        assertAll(
                () -> assertEquals(Intrinsic.ref("Other"), properties.get("Ref")),
                () -> assertEquals(new Intrinsic("Fn::Sub", "${AWS::Region}-x"), properties.get("SubScalar")),
                () -> assertEquals(new Intrinsic("Fn::Sub", List.of("${A}", Map.of("A", Intrinsic.ref("Other")))),
                        properties.get("SubList")),
                () -> assertEquals(new Intrinsic("Fn::GetAtt", List.of("Db", "Endpoint.Address")),
                        properties.get("GetAttScalar")),
                () -> assertEquals(new Intrinsic("Fn::GetAtt", List.of("Db", "Arn")), properties.get("GetAttList")),
                () -> assertEquals(new Intrinsic("Fn::If", List.of("Cond", "yes-value", Intrinsic.ref("AWS::NoValue"))),
                        properties.get("If")),
                () -> assertEquals(new Intrinsic("Fn::And", List.of(
                        new Intrinsic("Fn::Equals", List.of("a", "b")),
                        new Intrinsic("Fn::Not", List.of(new Intrinsic("Condition", "C"))),
                        new Intrinsic("Fn::Or", List.of(new Intrinsic("Condition", "D"), new Intrinsic("Condition", "E"))))),
                        properties.get("Logic")),
                () -> assertEquals(new Intrinsic("Fn::Select", List.of(0, new Intrinsic("Fn::GetAZs", ""))),
                        properties.get("Select")),
                () -> assertEquals(new Intrinsic("Fn::Join", List.of(",", new Intrinsic("Fn::Split", List.of("|", "a|b")))),
                        properties.get("Join")),
                () -> assertEquals(new Intrinsic("Fn::FindInMap", List.of("M", "K", "V")), properties.get("Map")),
                () -> assertEquals(new Intrinsic("Fn::ImportValue", "shared-export"), properties.get("Import")),
                () -> assertEquals(new Intrinsic("Fn::Base64", "text"), properties.get("Encoded")),
                () -> assertEquals(new Intrinsic("Fn::Cidr", List.of("10.0.0.0/16", 4, 8)), properties.get("Cidr")),
                () -> assertEquals(Optional.of(Intrinsic.ref("Other")), Intrinsic.of(properties.get("LongForm"))),
                () -> assertEquals(Optional.empty(), Intrinsic.of(Map.of("Condition", "C"))),
                () -> assertEquals(Optional.empty(), Intrinsic.of("plain")));
    }

    @Test
    void appliesGlobalsToFunctions() {
        SamTemplate template = SamTemplate.parse(String.join("\n",
                "Globals:",
                "  Function:",
                "    Handler: example.Handler::handleRequest",
                "    Environment:",
                "      Variables:",
                "        SHARED: global",
                "        OVERRIDDEN: global",
                "Resources:",
                "  CatchAll:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Environment:",
                "        Variables:",
                "          OVERRIDDEN: own",
                "      Events:",
                "        Everything:",
                "          Type: HttpApi",
                "        Lowercase:",
                "          Type: HttpApi",
                "          Properties: {Method: delete, Path: '/things/{id}'}",
                "        Queue:",
                "          Type: SQS",
                "          Properties: {Queue: !GetAtt Q.Arn}",
                ""), "inline");

        FunctionDefinition function = template.functions().get(0);
        assertEquals("example.Handler::handleRequest", function.handler());
        assertEquals(Map.of("SHARED", "global", "OVERRIDDEN", "own"), function.environment());
        assertEquals(List.of(new HttpRoute("ANY", "$default"), new HttpRoute("DELETE", "/things/{id}")),
                function.routes());
    }

    @Test
    void namesThePlaceOfWhatItCannotUse() {
        SamTemplate template = SamTemplate.parse(String.join("\n",
                "Resources:",
                "  Table:",
                "    Type: AWS::DynamoDB::Table",
                "    Properties:",
                "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
                "      KeySchema: [{AttributeName: !Ref KeyName, KeyType: HASH}]",
                ""), "inline.yaml");

        TemplateException thrown = assertThrows(TemplateException.class, template::tables);
        assertEquals("inline.yaml: Resources.Table.Properties.KeySchema[0].AttributeName must be a literal string,"
                + " not the intrinsic Ref", thrown.getMessage());
    }

    @Test
    void rejectsDuplicateKeysAndBrokenYaml() {
        assertThrows(TemplateException.class, () -> SamTemplate.parse("Resources:\n  A: {Type: X}\n  A: {Type: Y}\n", "dup"));
        assertThrows(TemplateException.class, () -> SamTemplate.parse("Resources: [unclosed\n", "broken"));
        TemplateException noResources = assertThrows(TemplateException.class, () -> SamTemplate.parse("Foo: 1\n", "empty"));
        assertEquals("empty: Resources is missing", noResources.getMessage());
    }
}
