package news.articles.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EnvironmentTest {

    private final Environment environment = new Environment(Map.of(
            "TABLE", "articles-table", "PADDED", "  value  ", "EMPTY", "", "BLANK", "  \t", "TTL", "72"));

    @Test
    void requireReturnsTheTrimmedValue() {
        assertEquals("articles-table", environment.require("TABLE"));
        assertEquals("value", environment.require("PADDED"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MISSING", "EMPTY", "BLANK"})
    void requireNamesTheMissingOrBlankVariable(String name) {
        ConfigurationException error = assertThrows(ConfigurationException.class, () -> environment.require(name));
        assertTrue(error.getMessage().contains(name), error.getMessage());
    }

    @Test
    void blankCountsAsAbsent() {
        assertEquals(Optional.empty(), environment.optional("EMPTY"));
        assertEquals(Optional.empty(), environment.optional("BLANK"));
        assertEquals(Optional.empty(), environment.optional("MISSING"));
        assertEquals(Optional.of("value"), environment.optional("PADDED"));
    }

    @Test
    void readsAPositiveWholeNumber() {
        assertEquals(72, environment.requirePositiveInt("TTL"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1.5", "abc", "99999999999"})
    void refusesAnythingButAPositiveWholeNumberNamingTheVariable(String value) {
        Environment environment = new Environment(Map.of("TTL", value));

        ConfigurationException error = assertThrows(ConfigurationException.class, () -> environment.requirePositiveInt("TTL"));
        assertTrue(error.getMessage().contains("TTL"), error.getMessage());
    }

    @Test
    void keepsACopyOfTheVariables() {
        Map<String, String> variables = new java.util.HashMap<>(Map.of("A", "1"));
        Environment copy = new Environment(variables);
        variables.put("A", "2");

        assertEquals("1", copy.require("A"));
    }
}
