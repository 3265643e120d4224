package news.articles.tools.template;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * template.yaml read as data, so that tools and tests take tables, handlers, environment and routes
 * from the one place that deploys them instead of repeating them in Java.
 */
public final class SamTemplate {

    public static final String TABLE_TYPE = "AWS::DynamoDB::Table";
    public static final String FUNCTION_TYPE = "AWS::Serverless::Function";
    private static final String HTTP_API_EVENT = "HttpApi";

    private final String source;
    private final Map<String, Object> document;
    private final Map<String, Resource> resources;

    private SamTemplate(String source, Map<String, Object> document) {
        this.source = source;
        this.document = document;
        Map<String, Resource> resources = new LinkedHashMap<>();
        map(document.get("Resources"), "Resources").forEach((logicalId, definition) -> {
            String path = "Resources." + logicalId;
            Map<String, Object> resource = map(definition, path);
            resources.put(logicalId, new Resource(logicalId, string(resource.get("Type"), path + ".Type"),
                    optionalMap(resource.get("Properties"), path + ".Properties")));
        });
        this.resources = Collections.unmodifiableMap(resources);
    }

    public static SamTemplate load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses template text; {@code source} names it in error messages. */
    public static SamTemplate parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        Object document;
        try {
            document = CloudFormationYaml.load(text);
        } catch (YAMLException e) {
            throw new TemplateException(source + " is not valid YAML: " + e.getMessage(), e);
        } catch (TemplateException e) {
            throw new TemplateException(source + ": " + e.getMessage(), e);
        }
        try {
            return new SamTemplate(source, map(document, "the document"));
        } catch (TemplateException e) {
            throw new TemplateException(source + ": " + e.getMessage(), e);
        }
    }

    /** The whole document, for what the typed views do not cover (Parameters, Outputs, ...). */
    public Map<String, Object> document() {
        return Collections.unmodifiableMap(document);
    }

    /** Every resource by logical id, in template order. */
    public Map<String, Resource> resources() {
        return resources;
    }

    /** Every {@value #TABLE_TYPE}, in template order. */
    public List<TableDefinition> tables() {
        List<TableDefinition> tables = new ArrayList<>();
        for (Resource resource : resources.values()) {
            if (resource.type().equals(TABLE_TYPE)) {
                tables.add(withSource(() -> table(resource)));
            }
        }
        return List.copyOf(tables);
    }

    public Optional<TableDefinition> table(String logicalId) {
        return tables().stream().filter(table -> table.logicalId().equals(logicalId)).findFirst();
    }

    /** Every {@value #FUNCTION_TYPE}, in template order, with Globals.Function applied. */
    public List<FunctionDefinition> functions() {
        Map<String, Object> globals = withSource(() -> optionalMap(
                optionalMap(document.get("Globals"), "Globals").get("Function"), "Globals.Function"));
        List<FunctionDefinition> functions = new ArrayList<>();
        for (Resource resource : resources.values()) {
            if (resource.type().equals(FUNCTION_TYPE)) {
                functions.add(withSource(() -> function(resource, globals)));
            }
        }
        return List.copyOf(functions);
    }

    @Override
    public String toString() {
        return "SamTemplate[" + source + "]";
    }

    private static TableDefinition table(Resource resource) {
        String path = "Resources." + resource.logicalId() + ".Properties";
        Map<String, Object> properties = new LinkedHashMap<>(resource.properties());

        Optional<String> tableName = Optional.ofNullable(properties.remove("TableName"))
                .map(value -> string(value, path + ".TableName"));
        List<TableDefinition.Attribute> attributes = new ArrayList<>();
        List<Object> definitions = list(properties.remove("AttributeDefinitions"), path + ".AttributeDefinitions");
        for (int i = 0; i < definitions.size(); i++) {
            String itemPath = path + ".AttributeDefinitions[" + i + "]";
            Map<String, Object> definition = map(definitions.get(i), itemPath);
            attributes.add(new TableDefinition.Attribute(
                    string(definition.get("AttributeName"), itemPath + ".AttributeName"),
                    string(definition.get("AttributeType"), itemPath + ".AttributeType")));
        }
        List<TableDefinition.KeyElement> keySchema = keySchema(properties.remove("KeySchema"), path + ".KeySchema");
        List<TableDefinition.Index> globalIndexes = indexes(
                properties.remove("GlobalSecondaryIndexes"), path + ".GlobalSecondaryIndexes");
        List<TableDefinition.Index> localIndexes = indexes(
                properties.remove("LocalSecondaryIndexes"), path + ".LocalSecondaryIndexes");
        String billingMode = Optional.ofNullable(properties.remove("BillingMode"))
                .map(value -> string(value, path + ".BillingMode"))
                .orElse(TableDefinition.DEFAULT_BILLING_MODE);

        Optional<String> timeToLive = Optional.empty();
        Object ttlValue = properties.remove("TimeToLiveSpecification");
        if (ttlValue != null) {
            String ttlPath = path + ".TimeToLiveSpecification";
            Map<String, Object> ttl = map(ttlValue, ttlPath);
            if (bool(ttl.get("Enabled"), ttlPath + ".Enabled")) {
                timeToLive = Optional.of(string(ttl.get("AttributeName"), ttlPath + ".AttributeName"));
            }
        }
        return new TableDefinition(resource.logicalId(), tableName, attributes, keySchema, globalIndexes, localIndexes,
                billingMode, timeToLive, properties);
    }

    private static List<TableDefinition.Index> indexes(Object value, String path) {
        List<TableDefinition.Index> indexes = new ArrayList<>();
        if (value == null) {
            return indexes;
        }
        List<Object> entries = list(value, path);
        for (int i = 0; i < entries.size(); i++) {
            String indexPath = path + "[" + i + "]";
            Map<String, Object> index = map(entries.get(i), indexPath);
            Map<String, Object> projection = map(index.get("Projection"), indexPath + ".Projection");
            List<String> nonKeyAttributes = new ArrayList<>();
            Object nonKey = projection.get("NonKeyAttributes");
            if (nonKey != null) {
                List<Object> names = list(nonKey, indexPath + ".Projection.NonKeyAttributes");
                for (int j = 0; j < names.size(); j++) {
                    nonKeyAttributes.add(string(names.get(j), indexPath + ".Projection.NonKeyAttributes[" + j + "]"));
                }
            }
            indexes.add(new TableDefinition.Index(
                    string(index.get("IndexName"), indexPath + ".IndexName"),
                    keySchema(index.get("KeySchema"), indexPath + ".KeySchema"),
                    new TableDefinition.Projection(
                            string(projection.get("ProjectionType"), indexPath + ".Projection.ProjectionType"),
                            nonKeyAttributes)));
        }
        return indexes;
    }

    private static List<TableDefinition.KeyElement> keySchema(Object value, String path) {
        List<TableDefinition.KeyElement> keySchema = new ArrayList<>();
        List<Object> elements = list(value, path);
        for (int i = 0; i < elements.size(); i++) {
            String elementPath = path + "[" + i + "]";
            Map<String, Object> element = map(elements.get(i), elementPath);
            keySchema.add(new TableDefinition.KeyElement(
                    string(element.get("AttributeName"), elementPath + ".AttributeName"),
                    string(element.get("KeyType"), elementPath + ".KeyType")));
        }
        return keySchema;
    }

    private static FunctionDefinition function(Resource resource, Map<String, Object> globals) {
        String path = "Resources." + resource.logicalId() + ".Properties";
        Map<String, Object> properties = resource.properties();
        Object handler = properties.containsKey("Handler") ? properties.get("Handler") : globals.get("Handler");
        if (handler == null) {
            throw new TemplateException(path + ".Handler is missing, and Globals.Function has none");
        }

        Map<String, Object> environment = new LinkedHashMap<>(variables(globals, "Globals.Function"));
        environment.putAll(variables(properties, path));

        List<HttpRoute> routes = new ArrayList<>();
        optionalMap(properties.get("Events"), path + ".Events").forEach((name, value) -> {
            String eventPath = path + ".Events." + name;
            Map<String, Object> event = map(value, eventPath);
            if (HTTP_API_EVENT.equals(string(event.get("Type"), eventPath + ".Type"))) {
                routes.add(route(optionalMap(event.get("Properties"), eventPath + ".Properties"),
                        eventPath + ".Properties"));
            }
        });
        return new FunctionDefinition(resource.logicalId(), string(handler, path + ".Handler"), environment, routes);
    }

    /** SAM: an HttpApi event without Path and Method is the API's catch-all $default route. */
    private static HttpRoute route(Map<String, Object> properties, String path) {
        Object method = properties.get("Method");
        Object routePath = properties.get("Path");
        if (method == null && routePath == null) {
            return new HttpRoute("ANY", "$default");
        }
        return new HttpRoute(
                string(method, path + ".Method").toUpperCase(Locale.ROOT),
                string(routePath, path + ".Path"));
    }

    private static Map<String, Object> variables(Map<String, Object> owner, String path) {
        Map<String, Object> environment = optionalMap(owner.get("Environment"), path + ".Environment");
        return optionalMap(environment.get("Variables"), path + ".Environment.Variables");
    }

    private <T> T withSource(java.util.function.Supplier<T> reading) {
        try {
            return reading.get();
        } catch (TemplateException e) {
            throw new TemplateException(source + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> map(Object value, String path) {
        if (value == null) {
            throw new TemplateException(path + " is missing");
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new TemplateException(path + " must be a mapping, not " + describe(value));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, entry) -> result.put(String.valueOf(key), entry));
        return result;
    }

    private static Map<String, Object> optionalMap(Object value, String path) {
        return value == null ? new LinkedHashMap<>() : map(value, path);
    }

    private static List<Object> list(Object value, String path) {
        if (value == null) {
            throw new TemplateException(path + " is missing");
        }
        if (!(value instanceof List<?> list)) {
            throw new TemplateException(path + " must be a list, not " + describe(value));
        }
        return new ArrayList<>(list);
    }

    /** A literal string: an intrinsic here would need a deployed stack to resolve. */
    private static String string(Object value, String path) {
        if (value == null) {
            throw new TemplateException(path + " is missing");
        }
        if (!(value instanceof String text)) {
            throw new TemplateException(path + " must be a literal string, not " + describe(value));
        }
        return text;
    }

    private static boolean bool(Object value, String path) {
        if (value instanceof Boolean flag) {
            return flag;
        }
        if (value instanceof String text && (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw new TemplateException(path + " must be true or false, not " + describe(value));
    }

    private static String describe(Object value) {
        return value instanceof Intrinsic intrinsic
                ? "the intrinsic " + intrinsic.name()
                : value.getClass().getSimpleName() + " " + value;
    }
}
