package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestFieldsTest {

    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void readsStringFieldsOfAJsonObject() {
        RequestFields fields = RequestFields.of(request("application/json; charset=utf-8",
                "{\"email\": \"reader@example.com\", \"note\": \"a \\\"quote\\\"\"}"));

        assertEquals(Optional.of("reader@example.com"), fields.string("email"));
        assertEquals(Optional.of("a \"quote\""), fields.string("note"));
        assertEquals(Optional.empty(), fields.string("token"));
    }

    @Test
    void acceptsJsonSubtypes() {
        assertEquals(Optional.of("x"), RequestFields.of(request("application/merge-patch+json", "{\"a\":\"x\"}")).string("a"));
    }

    @Test
    void aNullJsonFieldIsAbsent() {
        assertEquals(Optional.empty(), RequestFields.of(request(JSON, "{\"email\": null}")).string("email"));
    }

    @Test
    void readsAUrlEncodedForm() {
        RequestFields fields = RequestFields.of(request(FORM + "; charset=UTF-8",
                "email=first.last%2Bnews%40example.com&name=Zo%C3%AB+Martin&empty=&flag&&"));

        assertEquals(Optional.of("first.last+news@example.com"), fields.string("email"));
        assertEquals(Optional.of("Zoë Martin"), fields.string("name"));
        assertEquals(Optional.of(""), fields.string("empty"));
        assertEquals(Optional.of(""), fields.string("flag"));
        assertEquals(Optional.empty(), fields.string("token"));
    }

    @Test
    void anEmptyFormHasNoFields() {
        assertEquals(Optional.empty(), RequestFields.of(request(FORM, "")).string("email"));
    }

    @Test
    void aRepeatedFormFieldIsA400() {
        assertClientError(400, "INVALID_FORM", request(FORM, "email=a%40example.com&email=b%40example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"email=%", "email=%zz", "email=%4", "%=x"})
    void aBadlyEncodedFormIsA400(String body) {
        assertClientError(400, "INVALID_FORM", request(FORM, body));
    }

    /** URLDecoder replaces what is not UTF-8; the fields we read (address, token) are ASCII and reject it. */
    @Test
    void percentEncodedBytesThatAreNotUtf8BecomeReplacementCharacters() {
        assertEquals(Optional.of("a\uFFFD"), RequestFields.of(request(FORM, "email=a%E2%82")).string("email"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{\"email\": \"a@example.com\"}]", "\"a@example.com\"", "42", "null"})
    void jsonThatIsNotAnObjectIsA400(String body) {
        assertClientError(400, "INVALID_JSON", request(JSON, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"email\": }", "{email: \"a@example.com\"}", "{\"email\": \"a\"} {}", "email=a",
        "{\"email\": \"a@example.com\", \"email\": \"b@example.com\"}"})
    void brokenJsonIsA400(String body) {
        assertClientError(400, "INVALID_JSON", request(JSON, body));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"email\": 42}", "{\"email\": true}", "{\"email\": [\"a@example.com\"]}",
        "{\"email\": {\"address\": \"a@example.com\"}}"})
    void aFieldThatIsNotAStringIsA400NamingIt(String body) {
        RequestFields fields = RequestFields.of(request(JSON, body));

        ClientErrorException error = assertThrows(ClientErrorException.class, () -> fields.string("email"));
        assertEquals(400, error.status());
        assertEquals("INVALID_FIELD", error.code());
        assertEquals("The field 'email' must be a string.", error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", ""})
    void otherMediaTypesAreA415(String contentType) {
        assertClientError(415, "UNSUPPORTED_MEDIA_TYPE", request(contentType, "{\"email\": \"a@example.com\"}"));
    }

    @Test
    void noContentTypeIsA415() {
        HttpRequest request = new HttpRequest("POST", "/", "", Map.of(), Map.of(), Map.of(), Optional.of("{}"), false, "");
        assertClientError(415, "UNSUPPORTED_MEDIA_TYPE", request);
    }

    private static void assertClientError(int status, String code, HttpRequest request) {
        ClientErrorException error = assertThrows(ClientErrorException.class, () -> RequestFields.of(request));
        assertEquals(status, error.status());
        assertEquals(code, error.code());
    }

    private static HttpRequest request(String contentType, String body) {
        return new HttpRequest("POST", "/subscriptions", "", Map.of("content-type", contentType), Map.of(), Map.of(),
                Optional.of(body), false, "");
    }
}
