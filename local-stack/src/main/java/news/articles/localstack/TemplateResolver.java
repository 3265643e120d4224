package news.articles.localstack;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.localstack.sqs.LocalQueue;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.SamTemplate;

/**
 * Resolves template values the way CloudFormation would for this stack, run locally: parameters
 * (their defaults under the given overrides), the pseudo parameters, tables (to their local
 * names) and the intrinsics the template uses. Anything else fails with the path of what it could
 * not resolve, rather than quietly giving a function the wrong environment.
 */
public final class TemplateResolver {

    public static final String REGION = "us-east-1";
    public static final String ACCOUNT_ID = "123456789012";
    /** {@code ${Name}}, or {@code ${!Name}}, which stands for the text {@code ${Name}}. */
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{(!?)([^}!][^}]*)}");

    private final SamTemplate template;
    private final Map<String, Object> parameters;
    private final Map<String, String> tableNames;
    private final Map<String, LocalQueue> queues;
    private final Map<String, Object> conditions;

    private TemplateResolver(SamTemplate template, Map<String, Object> parameters, Map<String, String> tableNames,
            Map<String, LocalQueue> queues) {
        this.template = template;
        this.parameters = parameters;
        this.tableNames = Map.copyOf(tableNames);
        this.queues = Map.copyOf(queues);
        this.conditions = map(template.document().get("Conditions"));
    }

    /**
     * @param overrides parameter values that replace the template's defaults
     * @param tableNames each table's logical id to its local name
     */
    public static TemplateResolver of(SamTemplate template, Map<String, String> overrides, Map<String, String> tableNames) {
        return of(template, overrides, tableNames, Map.of());
    }

    /**
     * @param overrides parameter values that replace the template's defaults
     * @param tableNames each table's logical id to its local name
     * @param queues each queue's logical id to its local queue: {@code !Ref} gives its URL, {@code !GetAtt}
     *        its {@code Arn}, {@code QueueName} and {@code QueueUrl}
     */
    public static TemplateResolver of(SamTemplate template, Map<String, String> overrides, Map<String, String> tableNames,
            Map<String, LocalQueue> queues) {
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(queues, "queues");
        Objects.requireNonNull(overrides, "overrides");
        Objects.requireNonNull(tableNames, "tableNames");
        Map<String, Object> declared = map(template.document().get("Parameters"));
        for (String name : overrides.keySet()) {
            if (!declared.containsKey(name)) {
                throw new IllegalArgumentException("template.yaml declares no parameter " + name + "; it has " + declared.keySet());
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        declared.forEach((name, definition) -> {
            Map<String, Object> parameter = map(definition);
            Object raw = overrides.containsKey(name) ? overrides.get(name) : parameter.get("Default");
            if (raw == null) {
                missing.add(name);
                return;
            }
            String text = String.valueOf(raw);
            values.put(name, "CommaDelimitedList".equals(parameter.get("Type")) ? splitList(text) : text);
        });
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no value for the template parameters " + missing
                    + ": give them with --parameter-overrides Name=Value");
        }
        return new TemplateResolver(template, values, tableNames, queues);
    }

    /** This resolver with the queues' local names, URLs and ARNs known. */
    public TemplateResolver withQueues(Map<String, LocalQueue> localQueues) {
        return new TemplateResolver(template, parameters, tableNames, Objects.requireNonNull(localQueues, "localQueues"));
    }

    /** Whether the resource exists in this stack: true unless its {@code Condition} evaluates to false. */
    public boolean exists(String logicalId) {
        Object resources = template.document().get("Resources");
        Object resource = resources instanceof Map<?, ?> all ? all.get(logicalId) : null;
        if (resource == null) {
            throw new IllegalArgumentException("template.yaml has no resource " + logicalId);
        }
        Object condition = resource instanceof Map<?, ?> definition ? definition.get("Condition") : null;
        return condition == null || condition(String.valueOf(condition), "Resources." + logicalId + ".Condition");
    }

    /** The parameter's value: a string, or a list for a CommaDelimitedList. */
    public Object parameter(String name) {
        Object value = parameters.get(name);
        if (value == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return value;
    }

    /** A resolved value: a string, a list of resolved values, or a map of them. */
    public Object resolve(Object value, String path) {
        var intrinsic = Intrinsic.of(value);
        if (intrinsic.isPresent()) {
            return resolveIntrinsic(intrinsic.get(), path);
        }
        if (value instanceof List<?> list) {
            List<Object> resolved = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                resolved.add(resolve(list.get(i), path + "[" + i + "]"));
            }
            return resolved;
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> resolved = new LinkedHashMap<>();
            map.forEach((key, child) -> resolved.put(String.valueOf(key), resolve(child, path + "." + key)));
            return resolved;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw new IllegalArgumentException(path + ": cannot resolve " + value);
    }

    public String resolveString(Object value, String path) {
        Object resolved = resolve(value, path);
        if (resolved instanceof String text) {
            return text;
        }
        throw new IllegalArgumentException(path + " resolves to " + resolved + ", not a string");
    }

    private Object resolveIntrinsic(Intrinsic intrinsic, String path) {
        Object argument = intrinsic.argument();
        String where = path + " (" + intrinsic.name() + ")";
        switch (intrinsic.name()) {
            case "Ref":
                return ref(String.valueOf(argument), where);
            case "Fn::GetAtt": {
                List<?> parts = argument instanceof List<?> list ? list : List.of(String.valueOf(argument).split("\\.", 2));
                return getAtt(String.valueOf(parts.get(0)), String.valueOf(parts.get(1)), where);
            }
            case "Fn::Sub":
                return sub(argument, where);
            case "Fn::Join": {
                List<?> parts = list(argument, where);
                List<?> items = list(resolve(parts.get(1), where), where);
                List<String> texts = new ArrayList<>();
                items.forEach(item -> texts.add(String.valueOf(item)));
                return String.join(String.valueOf(parts.get(0)), texts);
            }
            case "Fn::Select": {
                List<?> parts = list(argument, where);
                int index = Integer.parseInt(resolveString(parts.get(0), where));
                return list(resolve(parts.get(1), where), where).get(index);
            }
            case "Fn::If": {
                List<?> parts = list(argument, where);
                return condition(String.valueOf(parts.get(0)), where)
                        ? resolve(parts.get(1), where)
                        : resolve(parts.get(2), where);
            }
            default:
                throw new IllegalArgumentException(where + ": the local stack cannot resolve " + intrinsic.name());
        }
    }

    private Object ref(String name, String where) {
        switch (name) {
            case "AWS::Region":
                return REGION;
            case "AWS::AccountId":
                return ACCOUNT_ID;
            case "AWS::Partition":
                return "aws";
            case "AWS::URLSuffix":
                return "amazonaws.com";
            case "AWS::StackName":
                return "local";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        if (tableNames.containsKey(name)) {
            return tableNames.get(name);
        }
        if (queues.containsKey(name)) {
            // As CloudFormation: a queue's Ref is its URL.
            return queues.get(name).url().toString();
        }
        if (template.resources().containsKey(name)) {
            // As CloudFormation: a topic's Ref is its ARN; for the rest (a configuration set, an
            // API), the name CloudFormation would generate stands as the logical id.
            return isTopic(name) ? topicArn(name) : name;
        }
        throw new IllegalArgumentException(where + ": nothing is named " + name);
    }

    private String getAtt(String resource, String attribute, String where) {
        if (tableNames.containsKey(resource) && attribute.equals("Arn")) {
            return "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT_ID + ":table/" + tableNames.get(resource);
        }
        if (queues.containsKey(resource)) {
            LocalQueue queue = queues.get(resource);
            switch (attribute) {
                case "Arn":
                    return queue.arn();
                case "QueueName":
                    return queue.name();
                case "QueueUrl":
                    return queue.url().toString();
                default:
                    break;
            }
        }
        if (isTopic(resource) && attribute.equals("TopicArn")) {
            return topicArn(resource);
        }
        if (isTopic(resource) && attribute.equals("TopicName")) {
            return resource;
        }
        if (isLogGroup(resource) && attribute.equals("Arn")) {
            // As CloudFormation gives it, with the ":*" that covers the group's streams; named by logical id here.
            return "arn:aws:logs:" + REGION + ":" + ACCOUNT_ID + ":log-group:" + resource + ":*";
        }
        throw new IllegalArgumentException(where + ": the local stack cannot resolve " + resource + "." + attribute);
    }

    private String sub(Object argument, String where) {
        String text;
        Map<String, Object> variables = Map.of();
        if (argument instanceof List<?> parts) {
            text = String.valueOf(parts.get(0));
            variables = map(resolve(parts.get(1), where));
        } else {
            text = String.valueOf(argument);
        }
        Matcher variable = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (variable.find()) {
            String name = variable.group(2);
            Object value;
            if (!variable.group(1).isEmpty()) {
                // Replaced here, not in the result: a substituted value keeps any "${!" it holds.
                value = "${" + name + "}";
            } else if (variables.containsKey(name)) {
                value = variables.get(name);
            } else if (name.contains(".")) {
                String[] parts = name.split("\\.", 2);
                value = getAtt(parts[0], parts[1], where);
            } else {
                value = ref(name, where);
            }
            variable.appendReplacement(out, Matcher.quoteReplacement(String.valueOf(value)));
        }
        variable.appendTail(out);
        return out.toString();
    }

    private boolean isLogGroup(String logicalId) {
        var resource = template.resources().get(logicalId);
        return resource != null && resource.type().equals("AWS::Logs::LogGroup");
    }

    private boolean isTopic(String logicalId) {
        var resource = template.resources().get(logicalId);
        return resource != null && resource.type().equals("AWS::SNS::Topic");
    }

    /** A topic without a TopicName is named after its logical id locally. */
    private static String topicArn(String logicalId) {
        return "arn:aws:sns:" + REGION + ":" + ACCOUNT_ID + ":" + logicalId;
    }

    private boolean condition(String name, String where) {
        Object definition = conditions.get(name);
        if (definition == null) {
            throw new IllegalArgumentException(where + ": no condition " + name);
        }
        return evaluate(definition, where + " condition " + name);
    }

    private boolean evaluate(Object definition, String where) {
        // Intrinsic.of leaves the long form {Condition: Name} to the context, and this is one where it names a condition.
        if (definition instanceof Map<?, ?> map && map.size() == 1 && map.get("Condition") instanceof String name) {
            return condition(name, where);
        }
        Intrinsic intrinsic = Intrinsic.of(definition)
                .orElseThrow(() -> new IllegalArgumentException(where + ": not a condition function"));
        List<?> arguments = intrinsic.argument() instanceof List<?> list ? list : List.of(intrinsic.argument());
        return switch (intrinsic.name()) {
            case "Fn::Equals" -> Objects.equals(resolve(arguments.get(0), where), resolve(arguments.get(1), where));
            case "Fn::Not" -> !evaluate(arguments.get(0), where);
            case "Fn::And" -> arguments.stream().allMatch(argument -> evaluate(argument, where));
            case "Fn::Or" -> arguments.stream().anyMatch(argument -> evaluate(argument, where));
            case "Condition" -> condition(String.valueOf(intrinsic.argument()), where);
            default -> throw new IllegalArgumentException(where + ": cannot evaluate " + intrinsic.name());
        };
    }

    private static List<String> splitList(String text) {
        List<String> items = new ArrayList<>();
        for (String item : text.split(",")) {
            if (!item.isBlank()) {
                items.add(item.trim());
            }
        }
        return List.copyOf(items);
    }

    private static List<?> list(Object value, String where) {
        if (value instanceof List<?> list) {
            return list;
        }
        throw new IllegalArgumentException(where + ": expected a list");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
