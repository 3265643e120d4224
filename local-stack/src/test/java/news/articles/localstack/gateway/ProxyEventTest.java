package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyEventTest {

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "text/html; charset=utf-8", "application/json", "Application/JSON;charset=UTF-8",
            "application/xml", "application/javascript"})
    void passesTheseBodiesAsText(String contentType) {
        assertTrue(ProxyEvent.isText(contentType));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/octet-stream", "image/png", "application/vnd.api+json", ""})
    void base64EncodesTheOthers(String contentType) {
        assertFalse(ProxyEvent.isText(contentType));
    }

    @Test
    void decodesQueryParametersAndJoinsRepeatedOnes() {
        assertEquals(Map.of("tag", "a,b", "q", "a b&c", "flag", "", "email", "x+y@example.com"),
                ProxyEvent.queryParameters("tag=a&tag=b&q=a+b%26c&flag&&email=x%2By%40example.com"));
        assertEquals(Map.of("bad", "%zz"), ProxyEvent.queryParameters("bad=%zz"));
        assertEquals(Map.of(), ProxyEvent.queryParameters(""));
    }
}
