package news.articles.localstack.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The functions' business metrics, summed: reads the CloudWatch Embedded Metric Format lines among
 * the functions' log lines (as CloudWatch Logs would) and adds up each metric by name, for
 * {@code GET /_local/metrics}, so that a developer sees them move.
 */
public final class LocalMetrics {

    private static final JsonFactory JSON = new JsonFactory();
    private final Map<String, Double> totals = new TreeMap<>();

    /** Passes every line on to {@code next}, counting the metric lines among them. */
    public Consumer<String> tap(Consumer<String> next) {
        Objects.requireNonNull(next, "next");
        return line -> {
            add(line);
            next.accept(line);
        };
    }

    /** Adds the metrics of {@code line} if it is an EMF line (after the function's {@code [Name] } prefix, if any). */
    public void add(String line) {
        int start = line.indexOf("{\"_aws\"");
        if (start < 0) {
            return;
        }
        Map<String, Double> values = new HashMap<>();
        List<String> names = new ArrayList<>();
        try (JsonParser parser = JSON.createParser(line.substring(start))) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.getCurrentName();
                JsonToken value = parser.nextToken();
                if (field.equals("_aws")) {
                    readNames(parser, names);
                } else if (value.isNumeric()) {
                    values.put(field, parser.getDoubleValue());
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return; // not a whole JSON line: not a metric line CloudWatch would read either
        }
        synchronized (totals) {
            for (String name : names) {
                Double value = values.get(name);
                if (value != null) {
                    totals.merge(name, value, Double::sum);
                }
            }
        }
    }

    /** The metric names a line's {@code _aws.CloudWatchMetrics[].Metrics[].Name} declares. */
    private static void readNames(JsonParser parser, List<String> names) throws IOException {
        int depth = 1;
        String previousField = null;
        while (depth > 0) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                throw new IOException("the line ended inside _aws");
            }
            switch (token) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                case FIELD_NAME -> previousField = parser.getCurrentName();
                case VALUE_STRING -> {
                    if ("Name".equals(previousField)) {
                        names.add(parser.getText());
                    }
                }
                default -> { }
            }
        }
    }

    /** Each metric's total so far, by name. */
    public Map<String, Double> totals() {
        synchronized (totals) {
            return new TreeMap<>(totals);
        }
    }

    /** {@code {"SignUpsAccepted": 2, ...}}: whole numbers without a fraction. */
    String json() {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            for (Map.Entry<String, Double> total : totals().entrySet()) {
                double value = total.getValue();
                if (value == Math.rint(value) && Math.abs(value) < 1e15) {
                    json.writeNumberField(total.getKey(), (long) value);
                } else {
                    json.writeNumberField(total.getKey(), value);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString() + "\n";
    }
}
