package news.articles.localstack;

import java.util.Map;
import java.util.Objects;

/** One function of the template, resolved for running here: its handler string, environment and limits. */
public record FunctionSpec(
        String logicalId, String handler, Map<String, String> environment, int memoryMb, int timeoutSeconds) {

    public FunctionSpec {
        Objects.requireNonNull(logicalId, "logicalId");
        Objects.requireNonNull(handler, "handler");
        environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        if (memoryMb < 128 || timeoutSeconds < 1) {
            throw new IllegalArgumentException(logicalId + ": memory " + memoryMb + " MB, timeout " + timeoutSeconds + " s");
        }
    }
}
