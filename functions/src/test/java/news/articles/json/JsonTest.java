package news.articles.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void readsObjectsArraysAndScalars() throws IOException {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("text", "a \"b\" é");
        expected.put("numbers", List.of(new Json.JsonNumber("1"), new Json.JsonNumber("-2.50"), new Json.JsonNumber("1e3")));
        expected.put("flags", List.of(true, false));
        expected.put("nothing", null);
        expected.put("nested", Map.of("empty", List.of()));

        assertEquals(expected, Json.read(
                "{\"text\": \"a \\\"b\\\" \\u00e9\", \"numbers\": [1, -2.50, 1e3], \"flags\": [true, false],"
                        + " \"nothing\": null, \"nested\": {\"empty\": []}}"));
    }

    @Test
    void keepsNumbersAsTheirText() throws IOException {
        assertEquals(new Json.JsonNumber("12345678901234567890.000000001"), Json.read("12345678901234567890.000000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\": 1} x", "{\"a\": 1, \"a\": 2}", "{'a': 1}", "NaN", "{\"a\"}"})
    void refusesWhatIsNotOneJsonDocument(String text) {
        assertThrows(IOException.class, () -> Json.read(text));
    }

    @Test
    void refusesDeepNesting() {
        String nested = "[".repeat(33) + "]".repeat(33);
        assertThrows(IOException.class, () -> Json.read(nested));
    }

    @Test
    void writesWhatItReadsBack() throws IOException {
        String written = Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("quote", "\"</script>\u2028");
            json.writeEndObject();
        });

        assertEquals(Map.of("quote", "\"</script>\u2028"), Json.read(written));
    }
    @ParameterizedTest
    @ValueSource(strings = {"{\"a\": null, \"a\": \"x\"}", "{\"a\": null, \"a\": null}"})
    void refusesADuplicateMemberEvenAfterANull(String text) {
        assertThrows(IOException.class, () -> Json.read(text), text);
    }
}
