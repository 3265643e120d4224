package news.articles.config;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Reads a function's environment, failing fast with the variable's name when one is missing. */
public final class Environment {

    private final Map<String, String> variables;

    public Environment(Map<String, String> variables) {
        this.variables = Map.copyOf(Objects.requireNonNull(variables, "variables"));
    }

    public static Environment system() {
        return new Environment(System.getenv());
    }

    public String require(String name) {
        return optional(name).orElseThrow(() -> new ConfigurationException(
                "environment variable " + name + " is missing or blank"));
    }

    /** The variable's value; a blank value counts as absent, since templates declare optional ones as "". */
    public Optional<String> optional(String name) {
        String value = variables.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public int requirePositiveInt(String name) {
        String value = require(name);
        try {
            int parsed = Integer.parseInt(value);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, with the variable's name
        }
        throw new ConfigurationException("environment variable " + name + " must be a positive whole number");
    }
}
