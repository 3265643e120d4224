package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateResolverTest {

    /** One parameter of each kind (SiteUrl has no default), conditions in short and long form, a table and an API. */
    private static final SamTemplate TEMPLATE = SamTemplate.parse(String.join("\n",
            "Parameters:",
            "  Stage: {Type: String, Default: dev}",
            "  SiteUrl: {Type: String}",
            "  Origins: {Type: CommaDelimitedList, Default: 'https://a.example, https://b.example,,'}",
            "  TtlHours: {Type: Number, Default: 48}",
            "  Identity: {Type: String, Default: ''}",
            "Conditions:",
            "  IsProd: !Equals [!Ref Stage, prod]",
            "  IsNotProd: !Not [!Condition IsProd]",
            "  HasIdentity: !Not [!Equals [!Ref Identity, '']]",
            "  ProdWithIdentity: !And [!Condition IsProd, !Condition HasIdentity]",
            "  ProdOrIdentity: !Or [!Condition IsProd, !Condition HasIdentity]",
            "  DefaultTtl: {'Fn::Equals': [{Ref: TtlHours}, 48]}",
            "  NotProdWithDefaultTtl: {'Fn::And': [{Condition: IsNotProd}, {Condition: DefaultTtl}]}",
            "  NotACondition: 'true'",
            "  Unsupported: !Select [0, [a]]",
            "Resources:",
            "  Things:",
            "    Type: AWS::DynamoDB::Table",
            "    Properties:",
            "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
            "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
            "  Api:",
            "    Type: AWS::Serverless::HttpApi",
            "  Events:",
            "    Type: AWS::SNS::Topic",
            "  Sending:",
            "    Type: AWS::SES::ConfigurationSet",
            ""), "inline.yaml");

    private static final Map<String, String> TABLES = Map.of("Things", "things-local");

    private static TemplateResolver resolver(String... overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("SiteUrl", "https://news.example");
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        return TemplateResolver.of(TEMPLATE, values, TABLES);
    }

    /** A value written in the template's YAML, short-form intrinsics and all. */
    private static Object yaml(String text) {
        return SamTemplate.parse("Resources: {}\nValue: " + text, "value.yaml").document().get("Value");
    }

    private static Object resolve(String text, String... overrides) {
        return resolver(overrides).resolve(yaml(text), "Value");
    }

    private static String failure(String text) {
        return assertThrows(IllegalArgumentException.class, () -> resolve(text), text).getMessage();
    }

    @Nested
    class Parameters {

        @Test
        void takeTheirDefaultUnlessOverridden() {
            assertEquals("dev", resolver().parameter("Stage"));
            assertEquals("prod", resolver("Stage", "prod").parameter("Stage"));
            assertEquals("https://news.example", resolver().parameter("SiteUrl"));
        }

        @Test
        void aNumberDefaultIsText() {
            assertEquals("48", resolver().parameter("TtlHours"));
            assertEquals("48", resolve("!Ref TtlHours"));
        }

        @Test
        void anEmptyDefaultOrOverrideIsAValue() {
            assertEquals("", resolver().parameter("Identity"));
            assertEquals("", resolver("SiteUrl", "").parameter("SiteUrl"));
        }

        @Test
        void aCommaDelimitedListIsSplitTrimmedAndWithoutEmptyItems() {
            assertEquals(List.of("https://a.example", "https://b.example"), resolver().parameter("Origins"));
            assertEquals(List.of("http://localhost:5173", "http://localhost:8080"),
                    resolve("!Ref Origins", "Origins", "http://localhost:5173,http://localhost:8080"));
            assertEquals(List.of("http://only.example"), resolver("Origins", "http://only.example").parameter("Origins"));
        }

        @Test
        void aRequiredParameterWithoutValueFailsNamingEveryMissingOne() {
            SamTemplate template = SamTemplate.parse(String.join("\n",
                    "Parameters:",
                    "  A: {Type: String}",
                    "  B: {Type: String, Default: b}",
                    "  C: {Type: CommaDelimitedList}",
                    "Resources: {}"), "required.yaml");

            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> TemplateResolver.of(template, Map.of(), Map.of()));

            assertEquals("no value for the template parameters [A, C]: give them with --parameter-overrides Name=Value",
                    thrown.getMessage());
        }

        @Test
        void anOverrideTheTemplateDoesNotDeclareFails() {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> resolver("SiteURL", "https://typo.example"));

            assertEquals("template.yaml declares no parameter SiteURL; it has [Stage, SiteUrl, Origins, TtlHours, Identity]",
                    thrown.getMessage());
        }

        @Test
        void anUnknownParameterIsRefused() {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> resolver().parameter("Nope"));
            assertEquals("no parameter Nope", thrown.getMessage());
        }

        @Test
        void aTemplateWithoutParametersTakesNoOverride() {
            SamTemplate template = SamTemplate.parse("Resources: {}", "bare.yaml");

            assertEquals("us-east-1", TemplateResolver.of(template, Map.of(), Map.of())
                    .resolve(yaml("!Ref AWS::Region"), "Value"));
            assertThrows(IllegalArgumentException.class, () -> TemplateResolver.of(template, Map.of("A", "a"), Map.of()));
        }
    }

    @Nested
    class RefAndGetAtt {

        @Test
        void pseudoParametersAreThoseOfALocalStackInUsEast1() {
            assertEquals("us-east-1", resolve("!Ref AWS::Region"));
            assertEquals(TemplateResolver.ACCOUNT_ID, resolve("!Ref AWS::AccountId"));
            assertEquals("aws", resolve("!Ref AWS::Partition"));
            assertEquals("amazonaws.com", resolve("!Ref AWS::URLSuffix"));
            assertEquals("local", resolve("!Ref AWS::StackName"));
        }

        @Test
        void aTableIsItsLocalNameAndAnotherResourceItsLogicalId() {
            assertEquals("things-local", resolve("!Ref Things"));
            assertEquals("things-local", resolve("{Ref: Things}"));
            assertEquals("Api", resolve("!Ref Api"));
        }

        @Test
        void aRefToNothingFailsWithThePath() {
            assertEquals("Value (Ref): nothing is named Nope", failure("!Ref Nope"));
            assertEquals("Value (Ref): nothing is named AWS::NoValue", failure("!Ref AWS::NoValue"));
        }

        @Test
        void aTablesArnIsTheLocalTablesInEveryForm() {
            String arn = "arn:aws:dynamodb:us-east-1:123456789012:table/things-local";
            assertEquals(arn, resolve("!GetAtt Things.Arn"));
            assertEquals(arn, resolve("{'Fn::GetAtt': [Things, Arn]}"));
            assertEquals(arn, resolve("{'Fn::GetAtt': Things.Arn}"));
        }

        @Test
        void aTopicsRefAndTopicArnAreItsArnAsInCloudFormation() {
            String arn = "arn:aws:sns:us-east-1:123456789012:Events";
            assertEquals(arn, resolve("!Ref Events"));
            assertEquals(arn, resolve("!GetAtt Events.TopicArn"));
            assertEquals("Events", resolve("!GetAtt Events.TopicName"));
            assertEquals("arn:aws:sns:us-east-1:123456789012:Events", resolve("!Sub '${Events}'"));
        }

        @Test
        void aConfigurationSetsRefIsItsName() {
            assertEquals("Sending", resolve("!Ref Sending"));
            assertEquals("arn:aws:ses:us-east-1:123456789012:configuration-set/Sending",
                    resolve("!Sub 'arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:configuration-set/${Sending}'"));
        }

        @Test
        void anyOtherAttributeFailsWithThePath() {
            assertEquals("Value (Fn::GetAtt): the local stack cannot resolve Things.StreamArn",
                    failure("!GetAtt Things.StreamArn"));
            assertEquals("Value (Fn::GetAtt): the local stack cannot resolve Api.ApiEndpoint",
                    failure("!GetAtt Api.ApiEndpoint"));
            assertEquals("Value (Fn::GetAtt): the local stack cannot resolve Events.Arn", failure("!GetAtt Events.Arn"));
        }
    }

    @Nested
    class Sub {

        @Test
        void theStringFormSubstitutesParametersPseudoParametersResourcesAndAttributes() {
            assertEquals("dev in us-east-1: things-local, Api, arn:aws:dynamodb:us-east-1:123456789012:table/things-local",
                    resolve("!Sub '${Stage} in ${AWS::Region}: ${Things}, ${Api}, ${Things.Arn}'"));
        }

        @Test
        void theListFormsVariablesAreResolvedAndComeFirst() {
            assertEquals("hello from local, dev on https://news.example",
                    resolve("!Sub ['${Greeting} from ${Stage}, ${Real} on ${SiteUrl}',"
                            + " {Greeting: !Join ['', [hel, lo]], Stage: local, Real: !Ref Stage}]"));
        }

        @Test
        void anExclamationMarkWritesTheVariableLiterally() {
            assertEquals("${Stage} is dev; ${AWS::Region} too", resolve("!Sub '${!Stage} is ${Stage}; ${!AWS::Region} too'"));
        }

        /** CloudFormation reads ${!...} in the template's text only, never in what it substitutes. */
        @Test
        void aSubstitutedValueIsTakenAsItIs() {
            assertEquals("a ${!b} c", resolve("!Sub '${Stage}'", "Stage", "a ${!b} c"));
            assertEquals("$1 {x} ${!y}", resolve("!Sub ['${V}', {V: '$1 {x} ${!y}'}]"));
        }

        @Test
        void textWithoutVariablesIsUnchanged() {
            assertEquals("costs $5 {each} $", resolve("!Sub 'costs $5 {each} $'"));
        }

        @Test
        void anUnknownVariableFailsWithThePath() {
            assertEquals("Value (Fn::Sub): nothing is named Nope", failure("!Sub 'x-${Nope}'"));
            assertEquals("Value (Fn::Sub): the local stack cannot resolve Api.ApiEndpoint", failure("!Sub '${Api.ApiEndpoint}'"));
        }
    }

    @Nested
    class JoinAndSelect {

        @Test
        void joinResolvesEachItemAndTakesNumbersAsText() {
            assertEquals("a/dev/3", resolve("!Join [/, [a, !Ref Stage, 3]]"));
            assertEquals("", resolve("!Join [',', []]"));
        }

        @Test
        void joinTakesACommaDelimitedList() {
            assertEquals("https://a.example https://b.example", resolve("!Join [' ', !Ref Origins]"));
        }

        @Test
        void selectPicksFromAListOrACommaDelimitedList() {
            assertEquals("https://b.example", resolve("!Select [1, !Ref Origins]"));
            assertEquals("x", resolve("!Select ['0', [x, !Ref Stage]]"));
            assertEquals("dev", resolve("{'Fn::Select': [1, [x, !Ref Stage]]}"));
        }

        @Test
        void joiningWhatIsNotAListFails() {
            assertEquals("Value (Fn::Join): expected a list", failure("!Join [',', !Ref Stage]"));
            assertEquals("Value (Fn::Select): expected a list", failure("!Select [0, !Ref Stage]"));
        }
    }

    @Nested
    class Conditions {

        @Test
        void ifTakesTheBranchItsConditionPicks() {
            assertEquals("not prod", resolve("!If [IsProd, prod, not prod]"));
            assertEquals("prod", resolve("!If [IsProd, prod, not prod]", "Stage", "prod"));
            assertEquals("not prod", resolve("{'Fn::If': [IsNotProd, not prod, prod]}"));
        }

        @Test
        void theBranchNotTakenIsNeverResolved() {
            assertEquals("here", resolve("!If [IsProd, !ImportValue elsewhere, here]"));
        }

        @Test
        void notAndAndOrCombineConditions() {
            String expression = "!Join [',', [!If [ProdWithIdentity, and, '-'], !If [ProdOrIdentity, or, '-']]]";
            assertEquals("-,-", resolve(expression));
            assertEquals("-,or", resolve(expression, "Stage", "prod"));
            assertEquals("-,or", resolve(expression, "Identity", "example.com"));
            assertEquals("and,or", resolve(expression, "Stage", "prod", "Identity", "example.com"));
        }

        @Test
        void equalsComparesResolvedTextSoANumberEqualsItsDefault() {
            assertEquals("48", resolve("!If [DefaultTtl, '48', other]"));
            assertEquals("other", resolve("!If [DefaultTtl, '48', other]", "TtlHours", "24"));
        }

        /** JSON templates, and many YAML ones, name a condition inside another as {Condition: Name}. */
        @Test
        void theLongFormConditionReferenceIsUnderstood() {
            assertEquals("yes", resolve("!If [NotProdWithDefaultTtl, 'yes', 'no']"));
            assertEquals("no", resolve("!If [NotProdWithDefaultTtl, 'yes', 'no']", "Stage", "prod"));
        }

        @Test
        void anUnknownOrUnusableConditionFailsWithThePath() {
            assertEquals("Value (Fn::If): no condition Nope", failure("!If [Nope, a, b]"));
            assertEquals("Value (Fn::If) condition NotACondition: not a condition function",
                    failure("!If [NotACondition, a, b]"));
            assertEquals("Value (Fn::If) condition Unsupported: cannot evaluate Fn::Select", failure("!If [Unsupported, a, b]"));
        }
    }

    @Nested
    class Values {

        @Test
        void listsAndMapsAreResolvedThroughAndScalarsBecomeText() {
            assertEquals(Map.of("Name", "dev", "Count", "3", "Enabled", "true", "Items", List.of("things-local", "2.5")),
                    resolve("{Name: !Ref Stage, Count: 3, Enabled: true, Items: [!Ref Things, 2.5]}"));
        }

        @Test
        void anUnsupportedIntrinsicFailsWithItsPath() {
            Map<String, String> cases = Map.of(
                    "!FindInMap [Map, a, b]", "Fn::FindInMap",
                    "!ImportValue other-stack-output", "Fn::ImportValue",
                    "!Base64 text", "Fn::Base64",
                    "!GetAZs ''", "Fn::GetAZs",
                    "!Split [',', 'a,b']", "Fn::Split",
                    "{'Fn::Length': [a, b]}", "Fn::Length");
            cases.forEach((intrinsic, name) -> {
                Object value = yaml("{Statement: [{Effect: Allow, Resource: [x, " + intrinsic + "]}]}");
                IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                        () -> resolver().resolve(value, "Fn.Policies[0]"), intrinsic);
                assertEquals("Fn.Policies[0].Statement[0].Resource[1] (" + name + "): the local stack cannot resolve " + name,
                        thrown.getMessage());
            });
        }

        @Test
        void anIntrinsicInsideAnotherFailsWithTheWholePath() {
            assertEquals("Value (Fn::Sub).V (Fn::Join)[0] (Ref): nothing is named Nope",
                    failure("!Sub ['${V}', {V: !Join ['', [!Ref Nope]]}]"));
        }

        @Test
        void resolveStringRefusesAList() {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> resolver().resolveString(yaml("!Ref Origins"), "Fn.Environment.Variables.ORIGINS"));
            assertEquals("Fn.Environment.Variables.ORIGINS resolves to [https://a.example, https://b.example], not a string",
                    thrown.getMessage());
            assertEquals("dev", resolver().resolveString(yaml("!Ref Stage"), "Fn.Environment.Variables.STAGE"));
        }

        @Test
        void anEmptyValueCannotBeResolved() {
            assertEquals("Value: cannot resolve null", failure("~"));
        }
    }

    /** The repository's template.yaml, with the values bin/local gives it. */
    @Nested
    class RealTemplate {

        private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve(ProjectRoot.TEMPLATE_FILE));
        private final Map<String, String> tables = Map.of("ArticlesTable", "articles-local", "SubscribersTable",
                "subscribers-local", "EditionsTable", "editions-local");

        private TemplateResolver resolver(String... extra) {
            Map<String, String> overrides = new LinkedHashMap<>();
            overrides.put("SenderAddress", "newsletter@example.com");
            overrides.put("SiteUrl", "http://127.0.0.1:3000");
            overrides.put("AllowedOrigins", "http://localhost:5173");
            for (int i = 0; i < extra.length; i += 2) {
                overrides.put(extra[i], extra[i + 1]);
            }
            return TemplateResolver.of(template, overrides, tables);
        }

        @SuppressWarnings("unchecked")
        private Object statement(TemplateResolver resolver, String function, int index) {
            Object policies = resolver.resolve(template.resources().get(function).properties().get("Policies"),
                    function + ".Policies");
            Map<String, Object> policy = ((List<Map<String, Object>>) policies).get(0);
            return ((List<Object>) policy.get("Statement")).get(index);
        }

        @Test
        void eachParameterWithoutDefaultIsRequired() {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> TemplateResolver.of(template, Map.of("SiteUrl", "http://127.0.0.1:3000"), tables));
            assertEquals("no value for the template parameters [SenderAddress, AllowedOrigins]: "
                    + "give them with --parameter-overrides Name=Value", thrown.getMessage());
        }

        @Test
        void anOverrideForNoParameterFails() {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class,
                    () -> resolver("SenderDomain", "example.com"));
            assertTrue(thrown.getMessage().startsWith(
                    "template.yaml declares no parameter SenderDomain; it has [SenderAddress, SenderIdentity, SiteUrl, "),
                    thrown.getMessage());
        }

        @Test
        void theSenderMayMailAsItsOwnAddressWhenNoIdentityIsGiven() {
            assertEquals(Map.of("Effect", "Allow", "Action", "ses:SendEmail",
                            "Resource", List.of("arn:aws:ses:us-east-1:123456789012:identity/newsletter@example.com",
                                    "arn:aws:ses:us-east-1:123456789012:configuration-set/EmailConfigurationSet")),
                    statement(resolver(), "SubscribeFunction", 1));
        }

        @Test
        void theSenderMayMailAsTheIdentityWhenOneIsGiven() {
            assertEquals("arn:aws:ses:us-east-1:123456789012:identity/example.com",
                    ((List<?>) ((Map<?, ?>) statement(resolver("SenderIdentity", "example.com"), "SubscribeFunction", 1))
                            .get("Resource")).get(0));
        }

        @Test
        void theReadersPoliciesNameTheLocalTableAndItsIndexes() {
            String table = "arn:aws:dynamodb:us-east-1:123456789012:table/articles-local";
            assertEquals(Map.of("Effect", "Allow", "Action", "dynamodb:GetItem", "Resource", table),
                    statement(resolver(), "GetArticleFunction", 0));
            assertEquals(List.of(table + "/index/ByPublished", table + "/index/BySection", table + "/index/ByTopic"),
                    ((Map<?, ?>) statement(resolver(), "ListRecommendationsFunction", 1)).get("Resource"));
        }

        @Test
        void theOutputsResolve() {
            TemplateResolver resolver = resolver();
            Map<?, ?> outputs = (Map<?, ?>) template.document().get("Outputs");

            assertEquals("https://HttpApi.execute-api.us-east-1.amazonaws.com",
                    resolver.resolveString(((Map<?, ?>) outputs.get("ApiUrl")).get("Value"), "Outputs.ApiUrl"));
            assertEquals("subscribers-local", resolver.resolveString(
                    ((Map<?, ?>) outputs.get("SubscribersTableName")).get("Value"), "Outputs.SubscribersTableName"));
            assertEquals("editions-local", resolver.resolveString(
                    ((Map<?, ?>) outputs.get("EditionsTableName")).get("Value"), "Outputs.EditionsTableName"));
        }
    }
}
