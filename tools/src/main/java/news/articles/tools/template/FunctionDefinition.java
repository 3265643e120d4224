package news.articles.tools.template;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@code AWS::Serverless::Function} with Globals applied: its handler, its environment
 * variables (the function's over the global ones, values as written, intrinsics unresolved) and
 * the HTTP API routes its {@code HttpApi} events declare.
 */
public record FunctionDefinition(
        String logicalId, String handler, Map<String, Object> environment, List<HttpRoute> routes) {

    public FunctionDefinition {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handler, "handler");
        environment = Collections.unmodifiableMap(
                new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
        routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
    }

    /** The handler's class name, without the {@code ::method} part. */
    public String handlerClass() {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }
}
