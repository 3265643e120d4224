package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HttpRequestTest {

    @Test
    void plainBodyIsReturnedAsIs() {
        assertEquals("{\"email\":\"zoë@example.com\"}", post("{\"email\":\"zoë@example.com\"}", false).bodyText());
    }

    @Test
    void noBodyIsEmptyText() {
        HttpRequest request = new HttpRequest("POST", "/", "", Map.of(), Map.of(), Map.of(), Optional.empty(), true, "");
        assertEquals("", request.bodyText());
    }

    @Test
    void base64BodyIsDecodedAsUtf8() {
        assertEquals("email=zo%C3%AB%40example.com&name=Zoë",
                post(base64("email=zo%C3%AB%40example.com&name=Zoë".getBytes(StandardCharsets.UTF_8)), true).bodyText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not base64!", "ab$c", "a===", "dGVzdA==\n", "dGV zdA=="})
    void invalidBase64IsA400(String body) {
        ClientErrorException error = assertThrows(ClientErrorException.class, () -> post(body, true).bodyText());
        assertEquals(400, error.status());
        assertEquals("INVALID_BODY", error.code());
    }

    @Test
    void bytesThatAreNotUtf8AreA400() {
        byte[] latin1 = "café".getBytes(StandardCharsets.ISO_8859_1);
        byte[] truncated = {'a', (byte) 0xE2, (byte) 0x82};
        byte[] overlong = {(byte) 0xC0, (byte) 0xAF};

        for (byte[] bytes : new byte[][] {latin1, truncated, overlong}) {
            ClientErrorException error = assertThrows(ClientErrorException.class, () -> post(base64(bytes), true).bodyText());
            assertEquals(400, error.status());
            assertEquals("INVALID_BODY", error.code());
        }
    }

    @ParameterizedTest
    @CsvSource({"false, 0", "true, 0"})
    void aBodyOfExactlyTheLimitIsAccepted(boolean encoded, int extra) {
        String text = "x".repeat(HttpRequest.MAX_BODY_BYTES + extra);
        String body = encoded ? base64(text.getBytes(StandardCharsets.UTF_8)) : text;
        assertEquals(text, post(body, encoded).bodyText());
    }

    @Test
    void aBodyOverTheLimitIsA413() {
        String text = "x".repeat(HttpRequest.MAX_BODY_BYTES + 1);
        String multibyte = "é".repeat(HttpRequest.MAX_BODY_BYTES / 2 + 1);
        String huge = "x".repeat(1_000_000);

        for (HttpRequest request : new HttpRequest[] {
            post(text, false),
            post(multibyte, false),
            post(base64(text.getBytes(StandardCharsets.UTF_8)), true),
            post(base64(multibyte.getBytes(StandardCharsets.UTF_8)), true),
            post(base64(huge.getBytes(StandardCharsets.UTF_8)), true),
            post(huge, true)}) {
            ClientErrorException error = assertThrows(ClientErrorException.class, request::bodyText);
            assertEquals(413, error.status());
            assertEquals("BODY_TOO_LARGE", error.code());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/json                        | application/json",
        "Application/JSON; charset=UTF-8         | application/json",
        "' application/x-www-form-urlencoded ;q' | application/x-www-form-urlencoded",
    })
    void mediaTypeIsLowerCasedWithoutParameters(String header, String mediaType) {
        HttpRequest request = new HttpRequest("post", "/", "", Map.of("content-type", header), Map.of(), Map.of(),
                Optional.empty(), false, "");
        assertEquals(Optional.of(mediaType), request.mediaType());
        assertEquals("POST", request.method());
    }

    private static HttpRequest post(String body, boolean base64Encoded) {
        return new HttpRequest("POST", "/subscriptions", "", Map.of(), Map.of(), Map.of(), Optional.of(body), base64Encoded,
                "198.51.100.7");
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
