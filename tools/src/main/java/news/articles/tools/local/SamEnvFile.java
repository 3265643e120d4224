package news.articles.tools.local;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.SamTemplate;

/**
 * An environment file for {@code sam local invoke --env-vars}: a section per function's logical id,
 * and {@code Parameters} for all of them. Read with SAM's rule: it only sets variables the template
 * declares for the function.
 */
public final class SamEnvFile {

    private static final String SHARED_SECTION = "Parameters";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode document;

    private SamEnvFile(JsonNode document) {
        this.document = Objects.requireNonNull(document, "document");
    }

    /** Reads the file; a missing, unreadable or malformed one fails with a message that names it. */
    public static SamEnvFile load(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new UncheckedIOException("there is no env file " + file, e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the env file " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /**
     * Parses env file text; {@code source} names it in error messages. Like {@code sam local}, it
     * takes only an object whose every member is an object of variables.
     */
    public static SamEnvFile parse(String text, String source) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(source, "source");
        JsonNode document;
        try {
            document = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new IllegalArgumentException(source + " is not valid JSON" + where + ": " + e.getOriginalMessage(), e);
        }
        if (document == null || !document.isObject()) {
            throw new IllegalArgumentException(
                    source + " must hold a JSON object: {\"Parameters\": {...}, \"<function logical id>\": {...}}");
        }
        for (Map.Entry<String, JsonNode> section : document.properties()) {
            if (!section.getValue().isObject()) {
                throw new IllegalArgumentException(source + ": " + section.getKey()
                        + " must be an object of variable names and values");
            }
        }
        return new SamEnvFile(document);
    }

    /** The value for the function's variable: its own section first, then Parameters. */
    public Optional<String> value(String functionLogicalId, String variable) {
        JsonNode own = document.path(functionLogicalId).path(variable);
        if (own.isValueNode() && !own.isNull()) {
            return Optional.of(own.asText());
        }
        JsonNode shared = document.path(SHARED_SECTION).path(variable);
        return shared.isValueNode() && !shared.isNull() ? Optional.of(shared.asText()) : Optional.empty();
    }

    /**
     * The variables SAM gives the function: those the template declares, valued from this file or
     * else by the template's literal. Computed values this file does not give are left out, as SAM
     * cannot compute them locally either.
     */
    public Map<String, String> environment(FunctionDefinition function) {
        Map<String, String> variables = new LinkedHashMap<>();
        function.environment().forEach((name, templateValue) -> value(function.logicalId(), name)
                .or(() -> templateValue instanceof String literal ? Optional.of(literal) : Optional.empty())
                .ifPresent(value -> variables.put(name, value)));
        return variables;
    }

    /** Each table's local name: the value this file gives any variable that the template sets to {@code !Ref <table>}. */
    public Map<String, String> tableNames(SamTemplate template) {
        Map<String, String> names = new LinkedHashMap<>();
        for (FunctionDefinition function : template.functions()) {
            function.environment().forEach((variable, templateValue) -> Intrinsic.of(templateValue)
                    .filter(intrinsic -> intrinsic.name().equals("Ref") && intrinsic.argument() instanceof String)
                    .map(intrinsic -> (String) intrinsic.argument())
                    .filter(logicalId -> template.table(logicalId).isPresent())
                    .ifPresent(table -> value(function.logicalId(), variable).ifPresent(name -> {
                        String previous = names.putIfAbsent(table, name);
                        if (previous != null && !previous.equals(name)) {
                            throw new IllegalArgumentException("the env file names " + table + " both " + previous
                                    + " and " + name);
                        }
                    })));
        }
        return names;
    }
}
