package news.articles.tools.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** One entry of the template's Resources: its logical id, type and properties as written, intrinsics unresolved. */
public record Resource(String logicalId, String type, Map<String, Object> properties) {

    public Resource {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(type, "type");
        // Not Map.copyOf: YAML allows null values, and the template's order is worth keeping.
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(properties, "properties")));
    }
}
