package news.articles.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import news.articles.json.Json;

/**
 * Reads the CloudWatch Embedded Metric Format lines among captured log lines, checks each against
 * the specification (the JSON schema in test resources, and the rules a schema cannot say), and
 * holds them to the metrics' privacy rule: the only members besides the metrics are the fixed
 * dimension, the edition, the request id and the trace id, each of a known shape.
 */
public final class EmfLines {

    private static final Schema SCHEMA = schema();
    /** The members a metric line may carry besides its metrics, each with the shape of its value. */
    private static final Map<String, Pattern> ALLOWED_MEMBERS = Map.of(
            "Service", Pattern.compile("Subscriptions|Newsletter"),
            "edition", Pattern.compile("\\d{4}-W\\d{2}"),
            "requestId", Pattern.compile("[0-9a-f-]{36}"),
            "traceId", Pattern.compile("Root=1-[0-9a-f]{8}-[0-9a-f]{24}(;[A-Za-z]+=[0-9a-f]+)*"));

    private final List<Map<String, Object>> lines = new ArrayList<>();

    private EmfLines() {
    }

    /** The metric lines among {@code logLines}, each checked as above (a failed check throws). */
    public static EmfLines from(List<String> logLines) {
        EmfLines emf = new EmfLines();
        for (String line : logLines) {
            if (line.startsWith("{\"_aws\"")) {
                emf.lines.add(check(line));
            }
        }
        return emf;
    }

    /** Each metric's total over the lines. */
    public Map<String, Long> totals() {
        Map<String, Long> totals = new TreeMap<>();
        for (Map<String, Object> line : lines) {
            for (String name : metricNames(line)) {
                totals.merge(name, Long.parseLong(((Json.JsonNumber) line.get(name)).text()), Long::sum);
            }
        }
        return totals;
    }

    public int size() {
        return lines.size();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> check(String line) {
        List<Error> errors = SCHEMA.validate(line, InputFormat.JSON);
        assertTrue(errors.isEmpty(), () -> "not EMF: " + errors + "\n" + line);
        Map<String, Object> root;
        try {
            root = (Map<String, Object>) Json.read(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> aws = (Map<String, Object>) root.get("_aws");
        for (Object directive : (List<Object>) aws.get("CloudWatchMetrics")) {
            Map<String, Object> fields = (Map<String, Object>) directive;
            for (Object set : (List<Object>) fields.get("Dimensions")) {
                for (Object key : (List<Object>) set) {
                    assertTrue(root.get(key) instanceof String, "dimension " + key + " is no string member: " + line);
                }
            }
            for (Object metric : (List<Object>) fields.get("Metrics")) {
                Object name = ((Map<String, Object>) metric).get("Name");
                assertTrue(root.get(name) instanceof Json.JsonNumber, "metric " + name + " is no number member: " + line);
            }
        }
        Set<String> metrics = Set.copyOf(metricNames(root));
        for (Map.Entry<String, Object> member : root.entrySet()) {
            String name = member.getKey();
            if (name.equals("_aws") || metrics.contains(name)) {
                continue;
            }
            Pattern shape = ALLOWED_MEMBERS.get(name);
            assertTrue(shape != null, "a member that is neither a metric nor an allowed property: " + name + " in " + line);
            assertTrue(member.getValue() instanceof String value && shape.matcher(value).matches(),
                    "member " + name + " is not of its shape: " + line);
        }
        assertEquals(line, new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        return root;
    }

    @SuppressWarnings("unchecked")
    private static List<String> metricNames(Map<String, Object> root) {
        List<String> names = new ArrayList<>();
        Map<String, Object> aws = (Map<String, Object>) root.get("_aws");
        for (Object directive : (List<Object>) aws.get("CloudWatchMetrics")) {
            for (Object metric : (List<Object>) ((Map<String, Object>) directive).get("Metrics")) {
                names.add((String) ((Map<String, Object>) metric).get("Name"));
            }
        }
        return names;
    }

    private static Schema schema() {
        try (InputStream in = EmfLines.class.getResourceAsStream("/emf/embedded-metric-format.schema.json")) {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
