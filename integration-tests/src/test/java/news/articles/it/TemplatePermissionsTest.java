package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.Resource;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, read from template.yaml: no IAM statement allows a wildcard action or, beyond
 * the actions AWS only authorises on "*", a wildcard resource; the tables are reached only through
 * their own ARNs; only our sender identity and configuration set may send email; no SAM policy
 * template, managed policy or role is used beyond those listed here with their reasons.
 *
 * <p>Not in template.yaml, so not checked here: the two AWS managed policies SAM attaches to
 * every function's generated role, AWSLambdaBasicExecutionRole (logs:CreateLogGroup,
 * CreateLogStream and PutLogEvents on "*", so the function can write its own log group) and,
 * because Tracing is Active, an X-Ray write policy (AWSXrayWriteOnlyAccess or
 * AWSXRayDaemonWriteAccess, by SAM's version and partition; both grant the five actions of
 * {@link #ACTIONS_ONLY_ON_ANY_RESOURCE} on "*"). {@link #functionsUseTheRoleSamGeneratesForThem}
 * keeps it that way.
 */
class TemplatePermissionsTest {

    /**
     * Actions that AWS authorises only on Resource "*", each with why. Any other action on "*" fails.
     *
     * @see <a href="https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html">X-Ray's actions: no resource types for these</a>
     */
    static final Map<String, String> ACTIONS_ONLY_ON_ANY_RESOURCE = Map.of(
            "xray:PutTraceSegments", "X-Ray defines no resource type for it",
            "xray:PutTelemetryRecords", "X-Ray defines no resource type for it",
            "xray:GetSamplingRules", "X-Ray defines no resource type for it",
            "xray:GetSamplingTargets", "X-Ray defines no resource type for it",
            "xray:GetSamplingStatisticSummaries", "X-Ray defines no resource type for it");

    /** SAM policy templates allowed, each scoped by its TableName to a table of this template. */
    static final Set<String> TABLE_POLICY_TEMPLATES = Set.of("DynamoDBReadPolicy", "DynamoDBCrudPolicy", "DynamoDBWritePolicy");

    /** Managed policies a function may name in its Policies: none so far; add one here with its reason. */
    static final Map<String, String> MANAGED_POLICIES = Map.of();

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern ACTION = Pattern.compile("[a-z0-9-]+:[A-Za-z0-9]+");
    private static final String SES_ARN = "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:";

    private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));

    @Test
    void templateYamlGrantsNoMoreThanItsFunctionsNeed() {
        List<String> findings = findings(template);
        assertTrue(findings.isEmpty(), () -> String.join("\n", findings));
        assertTrue(statements(template).size() >= 7, "the checks must have found the functions' statements");
    }

    @Test
    void functionsUseTheRoleSamGeneratesForThem() {
        for (Resource resource : template.resources().values()) {
            assertFalse(resource.type().startsWith("AWS::IAM::"), resource.logicalId() + ": an IAM resource outside these checks");
            if (resource.type().equals(SamTemplate.FUNCTION_TYPE)) {
                assertFalse(resource.properties().containsKey("Role"), resource.logicalId() + " brings its own role");
            }
        }
    }

    /**
     * The basic execution policy SAM attaches lets a function write to any log group: each writes
     * to its own group, kept LogRetentionDays, and an explicit Deny takes every other group away.
     */
    @Test
    void everyFunctionLogsOnlyToItsOwnGroupWithTheRetentionParameter() {
        int functions = 0;
        for (Resource function : template.resources().values()) {
            if (!function.type().equals(SamTemplate.FUNCTION_TYPE)) {
                continue;
            }
            functions++;
            String name = function.logicalId();
            Object logging = function.properties().get("LoggingConfig");
            String group = Intrinsic.of(logging instanceof Map<?, ?> map ? map.get("LogGroup") : null)
                    .filter(ref -> ref.name().equals("Ref")).map(ref -> (String) ref.argument())
                    .orElseThrow(() -> new AssertionError(name + ": LoggingConfig.LogGroup is not !Ref of a log group"));
            Resource logGroup = template.resources().get(group);
            assertEquals("AWS::Logs::LogGroup", logGroup == null ? null : logGroup.type(), name + ": " + group);
            assertEquals(Optional.of("LogRetentionDays"), Intrinsic.of(logGroup.properties().get("RetentionInDays"))
                    .filter(ref -> ref.name().equals("Ref")).map(ref -> ref.argument()), group + ".RetentionInDays");
            boolean denied = statements(template).entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(name + "."))
                    .map(Map.Entry::getValue)
                    .anyMatch(statement -> "Deny".equals(statement.get("Effect")) && "logs:*".equals(statement.get("Action"))
                            && Intrinsic.of(statement.get("NotResource")).map(att -> att.name().equals("Fn::GetAtt")
                                    && texts(att.argument()).equals(List.of(group, "Arn"))).orElse(false));
            assertTrue(denied, name + ": no Deny of logs:* beyond " + group);
        }
        assertTrue(functions >= 7, "the check must have found the functions");
    }

    /** The checks themselves, on a template that breaks each rule once: they must catch them all. */
    @Test
    void theChecksCatchEveryKindOfOverreach() {
        SamTemplate bad = SamTemplate.parse("""
                Resources:
                  Table:
                    Type: AWS::DynamoDB::Table
                  Fn:
                    Type: AWS::Serverless::Function
                    Properties:
                      Role: arn:aws:iam::123456789012:role/admin
                      Policies:
                        - AmazonDynamoDBFullAccess
                        - SQSPollerPolicy:
                            QueueName: anything
                        - DynamoDBCrudPolicy:
                            TableName: someone-elses-table
                        - Statement:
                            - Effect: Allow
                              Action: "*"
                              Resource: "*"
                            - Effect: Allow
                              Action: dynamodb:*
                              Resource: !GetAtt Table.Arn
                            - Effect: Allow
                              NotAction: iam:*
                              Resource: !GetAtt Table.Arn
                            - Effect: Allow
                              Action: dynamodb:GetItem
                              Resource: !Sub "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*"
                            - Effect: Allow
                              Action: ses:SendEmail
                              Resource: "*"
                            - Effect: Allow
                              Action: ses:SendRawEmail
                              Resource: !Sub "arn:${AWS::Partition}:ses:${AWS::Region}:${AWS::AccountId}:identity/*"
                            - Effect: Allow
                              Action: s3:GetObject
                              NotResource: arn:aws:s3:::secret/*
                            - Effect: Allow
                              Action: sqs:ReceiveMessage
                              Resource: !GetAtt Queue.Arn
                            - Effect: Allow
                              Action: sqs:SendMessage
                              Resource: !GetAtt Table.Arn
                  Queue:
                    Type: AWS::SQS::Queue
                  Topic:
                    Type: AWS::SNS::Topic
                  TopicPolicy:
                    Type: AWS::SNS::TopicPolicy
                    Properties:
                      PolicyDocument:
                        Statement:
                          - Effect: Allow
                            Principal: "*"
                            Action: sns:Publish
                            Resource: !Ref Topic
                          - Effect: Allow
                            Principal:
                              Service: ses.amazonaws.com
                            Action: sns:Publish
                            Resource: !Ref Topic
                          - Effect: Allow
                            Principal:
                              Service: sns.amazonaws.com
                            Action: sns:Subscribe
                            Resource: arn:aws:sns:us-east-1:210987654321:theirs
                            Condition:
                              StringEquals:
                                aws:SourceAccount: !Ref AWS::AccountId
                """, "a template that overreaches");

        List<String> findings = findings(bad);

        for (String expected : List.of("managed policy AmazonDynamoDBFullAccess", "policy template SQSPollerPolicy",
                "DynamoDBCrudPolicy on someone-elses-table", "wildcard action *", "wildcard action dynamodb:*", "NotAction",
                "resource arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*",
                "dynamodb:GetItem on a resource that is not one of our tables", "ses:SendEmail on *",
                "ses:SendRawEmail", "NotResource", "brings its own role", "sqs:ReceiveMessage: the functions need sqs:SendMessage",
                "sqs:SendMessage on a resource that is not one of our queues",
                "may allow only the principals these checks know: *", "ses.amazonaws.com is not held to our account",
                "sns.amazonaws.com may not be allowed sns:Subscribe", "other than its own resource: arn:aws:sns")) {
            assertTrue(findings.stream().anyMatch(finding -> finding.contains(expected)),
                    () -> "not caught: " + expected + "\nfound:\n" + String.join("\n", findings));
        }
    }

    /** Every overreach in the template, one line each. */
    static List<String> findings(SamTemplate template) {
        List<String> findings = new ArrayList<>();
        for (Resource resource : template.resources().values()) {
            if (resource.type().equals(SamTemplate.FUNCTION_TYPE)) {
                if (resource.properties().containsKey("Role")) {
                    findings.add(resource.logicalId() + " brings its own role, outside these checks");
                }
                policies(template, resource, findings);
            }
        }
        for (Map.Entry<String, Map<?, ?>> statement : statements(template).entrySet()) {
            statement(template, statement.getKey(), statement.getValue(), findings);
        }
        return findings;
    }

    private static void policies(SamTemplate template, Resource function, List<String> findings) {
        Object policies = function.properties().get("Policies");
        List<?> entries = policies instanceof List<?> list ? list : policies == null ? List.of() : List.of(policies);
        for (Object entry : entries) {
            String where = function.logicalId() + ": ";
            if (entry instanceof String managed) {
                if (!MANAGED_POLICIES.containsKey(managed)) {
                    findings.add(where + "managed policy " + managed + " is not among the allowed ones");
                }
            } else if (entry instanceof Map<?, ?> map && map.containsKey("Statement")) {
                continue; // checked with every other statement
            } else if (entry instanceof Map<?, ?> map && map.size() == 1) {
                String name = (String) map.keySet().iterator().next();
                if (!TABLE_POLICY_TEMPLATES.contains(name)) {
                    findings.add(where + "policy template " + name + " is not among the allowed ones");
                } else if (!(map.get(name) instanceof Map<?, ?> parameters
                        && Intrinsic.of(parameters.get("TableName")).filter(ref -> ref.name().equals("Ref"))
                        .map(ref -> isTable(template, (String) ref.argument())).orElse(false))) {
                    findings.add(where + name + " on " + (map.get(name) instanceof Map<?, ?> parameters
                            ? parameters.get("TableName") : map.get(name)) + ": not !Ref of a table of this template");
                }
            } else {
                findings.add(where + "a Policies entry of unknown shape: " + entry);
            }
        }
    }

    /** Every IAM statement anywhere under Resources, by where it sits. */
    static Map<String, Map<?, ?>> statements(SamTemplate template) {
        Map<String, Map<?, ?>> statements = new LinkedHashMap<>();
        for (Resource resource : template.resources().values()) {
            collect(resource.properties(), resource.logicalId(), statements);
        }
        return statements;
    }

    private static void collect(Object value, String path, Map<String, Map<?, ?>> statements) {
        if (value instanceof Map<?, ?> map) {
            Object statement = map.get("Statement");
            if (statement != null) {
                List<?> list = statement instanceof List<?> many ? many : List.of(statement);
                for (int i = 0; i < list.size(); i++) {
                    statements.put(path + ".Statement[" + i + "]", (Map<?, ?>) list.get(i));
                }
            }
            map.forEach((key, child) -> {
                if (!"Statement".equals(key)) {
                    collect(child, path + "." + key, statements);
                }
            });
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                collect(list.get(i), path + "[" + i + "]", statements);
            }
        } else if (value instanceof Intrinsic intrinsic) {
            collect(intrinsic.argument(), path + "." + intrinsic.name(), statements);
        }
    }

    private static void statement(SamTemplate template, String where, Map<?, ?> statement, List<String> findings) {
        if (!"Allow".equals(statement.get("Effect"))) {
            return; // a Deny can only take away
        }
        for (String negation : List.of("NotAction", "NotResource", "NotPrincipal")) {
            if (statement.containsKey(negation)) {
                findings.add(where + ": " + negation + " allows everything it does not name");
            }
        }
        if (statement.containsKey("Principal")) {
            resourcePolicyStatement(template, where, statement, findings);
            return;
        }
        List<String> actions = texts(statement.get("Action"));
        for (String action : actions) {
            if (action.contains("*") || !ACTION.matcher(action).matches()) {
                findings.add(where + ": wildcard action " + action);
            }
        }
        List<String> resources = new ArrayList<>();
        for (Object resource : list(statement.get("Resource"))) {
            resources.addAll(resolve(template, resource, where, findings));
        }
        for (String resource : resources) {
            if (resource.equals("*")) {
                actions.stream().filter(action -> !ACTIONS_ONLY_ON_ANY_RESOURCE.containsKey(action))
                        .forEach(action -> findings.add(where + ": " + action + " on * (AWS allows it on a resource ARN)"));
            } else if (resource.contains("*")) {
                findings.add(where + ": wildcard in resource " + resource);
            }
        }
        for (String action : actions) {
            if (action.startsWith("dynamodb:")) {
                for (String resource : resources) {
                    if (!isTableArn(template, resource)) {
                        findings.add(where + ": " + action + " on a resource that is not one of our tables: " + resource);
                    }
                }
            } else if (action.startsWith("ses:")) {
                if (!action.equals("ses:SendEmail")) {
                    findings.add(where + ": " + action + ": the functions need ses:SendEmail alone");
                }
                for (String resource : resources) {
                    if (!isOurSenderIdentityOrConfigurationSet(template, resource)) {
                        findings.add(where + ": " + action + " on " + resource + ", not our identity or configuration set");
                    }
                }
            } else if (action.startsWith("sqs:")) {
                // The functions enqueue; the event source mapping's own permissions receive and delete.
                if (!action.equals("sqs:SendMessage")) {
                    findings.add(where + ": " + action + ": the functions need sqs:SendMessage alone");
                }
                for (String resource : resources) {
                    if (!isQueueArn(template, resource)) {
                        findings.add(where + ": " + action + " on a resource that is not one of our queues: " + resource);
                    }
                }
            }
        }
    }

    /**
     * What a resource policy may allow, by service principal: SES publishing our bounces to our topic
     * and encrypting them with our key, SNS decrypting them to deliver them. Each must be held to our
     * account by {@code aws:SourceAccount}, so no other account's SES or SNS can use them.
     */
    static final Map<String, Set<String>> SERVICE_PRINCIPAL_ACTIONS = Map.of(
            "ses.amazonaws.com", Set.of("sns:Publish", "kms:GenerateDataKey*", "kms:Decrypt"),
            "sns.amazonaws.com", Set.of("kms:GenerateDataKey*", "kms:Decrypt"));

    /**
     * A statement with a Principal (a topic or key policy): a service principal above, for the
     * actions listed there, held to our account; or, in a key policy only, our account's root, which
     * KMS requires so that the key stays manageable (IAM policies then decide who in the account may
     * use it). A key policy's Resource "*" means the key itself; a topic policy names our topic.
     */
    private static void resourcePolicyStatement(SamTemplate template, String where, Map<?, ?> statement,
            List<String> findings) {
        boolean keyPolicy = where.contains(".KeyPolicy.");
        Object principal = statement.get("Principal");
        Map<?, ?> principals = principal instanceof Map<?, ?> map ? map : Map.of();
        List<String> actions = texts(statement.get("Action"));
        if (principals.size() == 1 && principals.get("Service") instanceof String service) {
            Set<String> allowed = SERVICE_PRINCIPAL_ACTIONS.getOrDefault(service, Set.of());
            for (String action : actions) {
                if (!allowed.contains(action)) {
                    findings.add(where + ": " + service + " may not be allowed " + action);
                }
            }
            Object condition = statement.get("Condition") instanceof Map<?, ?> c ? c.get("StringEquals") : null;
            Object account = condition instanceof Map<?, ?> equals ? equals.get("aws:SourceAccount") : null;
            if (!Intrinsic.of(account).map(ref -> ref.name().equals("Ref") && "AWS::AccountId".equals(ref.argument()))
                    .orElse(false)) {
                findings.add(where + ": " + service + " is not held to our account by aws:SourceAccount");
            }
        } else if (keyPolicy && principals.size() == 1 && Intrinsic.of(principals.get("AWS"))
                .map(sub -> sub.name().equals("Fn::Sub")
                        && "arn:${AWS::Partition}:iam::${AWS::AccountId}:root".equals(sub.argument()))
                .orElse(false)) {
            // The account administers its key, as KMS's default key policy has it.
        } else {
            findings.add(where + ": a resource policy may allow only the principals these checks know: " + principal);
        }
        for (Object resource : list(statement.get("Resource"))) {
            boolean ours = keyPolicy ? "*".equals(resource)
                    : Intrinsic.of(resource).map(ref -> ref.name().equals("Ref") && template.resources().containsKey(
                            (String) ref.argument())).orElse(false);
            if (!ours) {
                findings.add(where + ": a resource policy on something other than its own resource: " + resource);
            }
        }
    }

    /** The texts a Resource value can take, its intrinsics written as ${...} references; If gives both branches. */
    private static List<String> resolve(SamTemplate template, Object value, String where, List<String> findings) {
        if (value instanceof String text) {
            checkReferences(template, text, where, findings);
            return List.of(text);
        }
        Intrinsic intrinsic = Intrinsic.of(value).orElse(null);
        if (intrinsic == null) {
            findings.add(where + ": a resource of unknown shape: " + value);
            return List.of();
        }
        switch (intrinsic.name()) {
            case "Ref":
                return resolve(template, "${" + intrinsic.argument() + "}", where, findings);
            case "Fn::GetAtt":
                return resolve(template, "${" + String.join(".", texts(intrinsic.argument())) + "}", where, findings);
            case "Fn::If": {
                List<?> branches = (List<?>) intrinsic.argument();
                List<String> texts = new ArrayList<>(resolve(template, branches.get(1), where, findings));
                texts.addAll(resolve(template, branches.get(2), where, findings));
                return texts;
            }
            case "Fn::Sub": {
                if (intrinsic.argument() instanceof String text) {
                    return resolve(template, text, where, findings);
                }
                List<?> parts = (List<?>) intrinsic.argument();
                List<String> texts = List.of((String) parts.get(0));
                for (Map.Entry<?, ?> variable : ((Map<?, ?>) parts.get(1)).entrySet()) {
                    List<String> values = resolve(template, variable.getValue(), where, findings);
                    List<String> substituted = new ArrayList<>();
                    for (String text : texts) {
                        for (String replacement : values) {
                            substituted.add(text.replace("${" + variable.getKey() + "}", replacement));
                        }
                    }
                    texts = substituted;
                }
                return texts.stream().flatMap(text -> resolve(template, text, where, findings).stream()).toList();
            }
            default:
                findings.add(where + ": a resource built with " + intrinsic.name() + ", which these checks cannot follow");
                return List.of();
        }
    }

    /** Every ${...} must name a pseudo parameter, a parameter or a resource (with its attribute) of this template. */
    private static void checkReferences(SamTemplate template, String text, String where, List<String> findings) {
        Matcher reference = REFERENCE.matcher(text);
        Map<?, ?> parameters = template.document().get("Parameters") instanceof Map<?, ?> map ? map : Map.of();
        while (reference.find()) {
            String name = reference.group(1);
            String target = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
            if (!name.startsWith("AWS::") && !parameters.containsKey(name) && !template.resources().containsKey(target)) {
                findings.add(where + ": " + text + " refers to " + name + ", which is not in the template");
            }
        }
    }

    private static boolean isTable(SamTemplate template, String logicalId) {
        Resource resource = template.resources().get(logicalId);
        return resource != null && resource.type().equals(SamTemplate.TABLE_TYPE);
    }

    /** A table's ARN, or the ARN of one of its indexes: ${Table.Arn} or ${Table.Arn}/index/Name. */
    private static boolean isTableArn(SamTemplate template, String resource) {
        Matcher arn = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}(/index/[A-Za-z0-9_.-]+)?").matcher(resource);
        return arn.matches() && isTable(template, arn.group(1));
    }

    private static boolean isQueueArn(SamTemplate template, String resource) {
        Matcher arn = Pattern.compile("\\$\\{([A-Za-z0-9]+)\\.Arn}").matcher(resource);
        return arn.matches() && template.resources().get(arn.group(1)) != null
                && template.resources().get(arn.group(1)).type().equals("AWS::SQS::Queue");
    }

    private static boolean isOurSenderIdentityOrConfigurationSet(SamTemplate template, String resource) {
        if (resource.equals(SES_ARN + "identity/${SenderAddress}") || resource.equals(SES_ARN + "identity/${SenderIdentity}")) {
            return true;
        }
        Matcher set = Pattern.compile(Pattern.quote(SES_ARN + "configuration-set/${") + "([A-Za-z0-9]+)}").matcher(resource);
        return set.matches() && template.resources().get(set.group(1)) != null
                && template.resources().get(set.group(1)).type().equals("AWS::SES::ConfigurationSet");
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
    }

    private static List<String> texts(Object value) {
        List<String> texts = new ArrayList<>();
        for (Object element : list(value)) {
            texts.add(String.valueOf(element));
        }
        return texts;
    }

    @Test
    void everyFunctionThatSendsEmailMaySendOnlyThroughOurConfigurationSet() {
        List<String> senders = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> statement : statements(template).entrySet()) {
            if (texts(statement.getValue().get("Action")).contains("ses:SendEmail")) {
                senders.add(statement.getKey().substring(0, statement.getKey().indexOf('.')));
                assertEquals(2, list(statement.getValue().get("Resource")).size(), statement.getKey()
                        + ": SES authorises a send against the identity and the configuration set; both must be named");
            }
        }
        assertEquals(List.of("SubscribeFunction", "ConfirmSubscriptionFunction", "NewsletterSenderFunction"), senders);
    }

    /** Issue 13, finding 7: the identifier key is readable by the functions that use it, and by nothing else. */
    @Test
    void onlyTheFunctionsThatUseTheIdentifierKeyMayReadItAndOnlyIt() {
        List<String> readers = new ArrayList<>();
        for (Map.Entry<String, Map<?, ?>> statement : statements(template).entrySet()) {
            List<String> actions = texts(statement.getValue().get("Action"));
            if (actions.stream().anyMatch(action -> action.startsWith("secretsmanager:"))) {
                readers.add(statement.getKey().substring(0, statement.getKey().indexOf('.')));
                assertEquals(List.of("secretsmanager:GetSecretValue"), actions, statement.getKey());
                assertEquals(Intrinsic.ref("IdentifierKeySecret"), statement.getValue().get("Resource"), statement.getKey());
            }
        }
        List<String> using = template.functions().stream()
                .filter(function -> function.environment().containsKey("IDENTIFIER_KEY_SECRET"))
                .map(news.articles.tools.template.FunctionDefinition::logicalId).toList();
        assertEquals(List.of("ListArticlesFunction", "SubscribeFunction", "ConfirmSubscriptionFunction",
                "UnsubscribeFunction", "SesEventsFunction"), readers);
        assertEquals(readers, using);
    }
}
