package news.articles.tools.contract;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import news.articles.tools.ProjectRoot;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The API's OpenAPI 3.1 document (docs/openapi.yaml) as a check of real answers: that the route,
 * the status and the content type are documented, that every header the document marks required
 * is there and matches its schema, and that a JSON body matches the response's schema (validated
 * by networknt's json-schema-validator with the OpenAPI 3.1 dialect). The integration and
 * local-stack tests pass every answer they get through {@link #check}.
 *
 * @see <a href="https://spec.openapis.org/oas/v3.1.0">OpenAPI 3.1</a>
 */
public final class ApiContract {

    /** Where the document lives in the repository. */
    public static final String DOCUMENT = "docs/openapi.yaml";
    /** The base URI the document is registered under, so that its {@code $ref}s resolve within it. */
    private static final String BASE_URI = "https://contract.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");
    private static final Map<Path, ApiContract> LOADED = new ConcurrentHashMap<>();

    private final JsonNode document;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    private ApiContract(JsonNode document) {
        this.document = Objects.requireNonNull(document, "document");
        String json = JsonMapper.shared().writeValueAsString(document);
        this.registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(),
                builder -> builder.schemas(Map.of(BASE_URI, json)));
    }

    /** The repository's document, read once per JVM. */
    public static ApiContract ofProject() {
        return load(ProjectRoot.require().resolve(DOCUMENT));
    }

    /** The document in {@code file}, read once per JVM. YAML aliases are expanded as every YAML reader does. */
    public static ApiContract load(Path file) {
        return LOADED.computeIfAbsent(file.toAbsolutePath().normalize(), path -> {
            try {
                return parse(Files.readString(path));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the API contract " + path, e);
            }
        });
    }

    /**
     * A document given as YAML text (tests that alter a copy). SnakeYAML reads it: it expands
     * aliases (the document's header sets), which Jackson's YAML tree reader does not; timestamps
     * stay text, as JSON has none.
     */
    public static ApiContract parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object loaded = new Yaml(new SafeConstructor(options), new Representer(new DumperOptions()), new DumperOptions(),
                options, new TextTimestamps()).load(yaml);
        return new ApiContract(JsonMapper.shared().valueToTree(loaded));
    }

    /** YAML's implicit types but timestamps, which stay strings as in JSON. */
    private static final class TextTimestamps extends Resolver {

        @Override
        public void addImplicitResolver(Tag tag, Pattern regexp, String first, int limit) {
            if (!Tag.TIMESTAMP.equals(tag)) {
                super.addImplicitResolver(tag, regexp, first, limit);
            }
        }
    }

    /** Every operation of the document as {@code "GET /articles/{slug}"}, as template.yaml's HttpApi events write them. */
    public Set<String> routes() {
        Set<String> routes = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    routes.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return routes;
    }

    /** Whether the document has an operation for {@code method} on {@code path} (a route, or a request path). */
    public boolean documents(String method, String path) {
        return route(path).map(route -> !document.at("/paths/" + escape(route) + "/" + method.toLowerCase(Locale.ROOT))
                .isMissingNode()).orElse(false);
    }

    /**
     * Checks one answer of {@code method} on {@code path} (a route as the document writes it, or
     * a request path the document's templates match); throws {@link ContractViolation} naming
     * every way it departs from the document.
     */
    public void check(String method, String path, int status, Map<String, String> headers, String body) {
        Objects.requireNonNull(headers, "headers");
        String what = method + " " + path + " answered " + status;
        String route = route(path).orElseThrow(() -> new ContractViolation(what + ": no such path in " + DOCUMENT));
        String operationPointer = "/paths/" + escape(route) + "/" + method.toLowerCase(Locale.ROOT);
        if (document.at(operationPointer).isMissingNode()) {
            throw new ContractViolation(what + ": " + method + " " + route + " is not in " + DOCUMENT);
        }
        String responsePointer = resolve(operationPointer + "/responses/" + status);
        if (document.at(responsePointer).isMissingNode()) {
            throw new ContractViolation(what + ": status " + status + " is not documented for " + method + " " + route
                    + "; body: " + abbreviate(body));
        }
        JsonNode response = document.at(responsePointer);
        List<String> problems = new ArrayList<>();
        Map<String, String> lowerCased = new java.util.HashMap<>();
        headers.forEach((name, value) -> lowerCased.put(name.toLowerCase(Locale.ROOT), value));
        checkHeaders(responsePointer, response, lowerCased, problems);
        checkContent(responsePointer, response, lowerCased.get("content-type"), body == null ? "" : body, problems);
        if (!problems.isEmpty()) {
            throw new ContractViolation(what + " (" + responsePointer + "):\n  " + String.join("\n  ", problems)
                    + "\n  body: " + abbreviate(body));
        }
    }

    /**
     * Every example of the document that does not match its schema: those of the responses' and
     * request bodies' media types and of the component schemas. Empty when all match.
     */
    public List<String> exampleProblems() {
        List<String> problems = new ArrayList<>();
        collectMediaTypeExamples("", document, problems);
        for (String name : document.path("components").path("schemas").propertyNames()) {
            String pointer = "/components/schemas/" + escape(name);
            if (document.at(pointer).has("example")) {
                validateExample(pointer + "/example", pointer, problems);
            }
        }
        return problems;
    }

    private void collectMediaTypeExamples(String pointer, JsonNode node, List<String> problems) {
        if (!node.isObject()) {
            return;
        }
        if (node.has("schema") && node.has("example")) {
            validateExample(pointer + "/example", pointer + "/schema", problems);
        }
        for (Map.Entry<String, JsonNode> child : node.properties()) {
            if (!child.getKey().equals("example") && !child.getKey().equals("schema")) {
                collectMediaTypeExamples(pointer + "/" + escape(child.getKey()), child.getValue(), problems);
            }
        }
    }

    private void validateExample(String examplePointer, String schemaPointer, List<String> problems) {
        for (Error error : schema(schemaPointer).validate(document.at(examplePointer))) {
            problems.add(examplePointer + error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    private void checkHeaders(String responsePointer, JsonNode response, Map<String, String> headers, List<String> problems) {
        for (Map.Entry<String, JsonNode> header : response.path("headers").properties()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String headerPointer = resolve(responsePointer + "/headers/" + escape(header.getKey()));
            JsonNode definition = document.at(headerPointer);
            String value = headers.get(name);
            if (value == null) {
                if (definition.path("required").asBoolean(false)) {
                    problems.add("header " + header.getKey() + " is required and missing");
                }
                continue;
            }
            if (definition.has("schema")) {
                for (Error error : schema(headerPointer + "/schema").validate(JsonNodeFactory.instance.stringNode(value))) {
                    problems.add("header " + header.getKey() + " '" + value + "': " + error.getMessage());
                }
            }
        }
    }

    private void checkContent(String responsePointer, JsonNode response, String contentType, String body,
            List<String> problems) {
        JsonNode content = response.path("content");
        if (content.isMissingNode() || content.isEmpty()) {
            if (!body.isEmpty()) {
                problems.add("a body, where the document has no content for this response");
            }
            return;
        }
        if (contentType == null) {
            problems.add("no Content-Type, where the document has content " + content.propertyNames());
            return;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!content.has(mediaType)) {
            problems.add("Content-Type " + contentType + " is not among " + content.propertyNames());
            return;
        }
        String schemaPointer = responsePointer + "/content/" + escape(mediaType) + "/schema";
        if (document.at(schemaPointer).isMissingNode()) {
            return;
        }
        JsonNode instance;
        if (mediaType.equals("application/json")) {
            try {
                instance = JsonMapper.shared().readTree(body);
            } catch (RuntimeException e) {
                problems.add("the body is not JSON");
                return;
            }
        } else {
            instance = JsonNodeFactory.instance.stringNode(body);
        }
        for (Error error : schema(schemaPointer).validate(instance)) {
            problems.add(error.getInstanceLocation() + ": " + error.getMessage());
        }
    }

    private Schema schema(String pointer) {
        return schemas.computeIfAbsent(pointer, key -> registry.getSchema(SchemaLocation.of(BASE_URI + "#" + key)));
    }

    /** Follows a {@code $ref} at {@code pointer}, if there is one, to what it names within the document. */
    private String resolve(String pointer) {
        JsonNode node = document.at(pointer);
        for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
            String ref = node.get("$ref").asString();
            if (!ref.startsWith("#")) {
                throw new ContractViolation(pointer + ": only references within the document are supported: " + ref);
            }
            pointer = ref.substring(1);
            node = document.at(pointer);
        }
        return pointer;
    }

    /** The document's path that {@code path} is, or whose template it matches. */
    private Optional<String> route(String path) {
        if (document.path("paths").has(path)) {
            return Optional.of(path);
        }
        for (String template : document.path("paths").propertyNames()) {
            Pattern pattern = Pattern.compile(template.replaceAll("\\{[^/}]+}", "[^/]+").replace(".", "\\."));
            if (pattern.matcher(path).matches()) {
                return Optional.of(template);
            }
        }
        return Optional.empty();
    }

    /** RFC 6901: a JSON pointer's reference token. */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "(none)";
        }
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }

    /** An answer the document does not describe. */
    public static final class ContractViolation extends AssertionError {

        private static final long serialVersionUID = 1L;

        public ContractViolation(String message) {
            super(message);
        }
    }
}
