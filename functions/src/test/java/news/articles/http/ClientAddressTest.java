package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClientAddressTest {

    private static final String EDGE = "130.176.1.1";
    private final ClientAddress behindCloudFront = new ClientAddress(Optional.of("s3cret-from-the-distribution"));
    private final ClientAddress direct = new ClientAddress(Optional.empty());

    private static HttpRequest request(String... headers) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], headers[i + 1]);
        }
        return new HttpRequest("POST", "/subscriptions", "", map, Map.of(), Map.of(), Optional.empty(), false, EDGE);
    }

    @Test
    void withTheSecretTheViewersAddressIsTheClients() {
        assertEquals("198.51.100.10", behindCloudFront.of(request("x-origin-verify", "s3cret-from-the-distribution",
                "cloudfront-viewer-address", "198.51.100.10:46532")));
        assertEquals("2001:db8:1:2::7", behindCloudFront.of(request("x-origin-verify", "s3cret-from-the-distribution",
                "cloudfront-viewer-address", "2001:db8:1:2::7:46532")));
    }

    @Test
    void withoutTheSecretOrWithAWrongOneTheHeaderIsNotBelieved() {
        assertEquals(EDGE, behindCloudFront.of(request("cloudfront-viewer-address", "198.51.100.10:46532")));
        assertEquals(EDGE, behindCloudFront.of(request("x-origin-verify", "guess",
                "cloudfront-viewer-address", "198.51.100.10:46532")));
        assertEquals(EDGE, behindCloudFront.of(request("x-origin-verify", "",
                "cloudfront-viewer-address", "198.51.100.10:46532")));
    }

    @Test
    void notBehindCloudFrontItIsAlwaysTheConnectionsAddress() {
        assertEquals(EDGE, direct.of(request("x-origin-verify", "", "cloudfront-viewer-address", "198.51.100.10:46532")));
        assertEquals(EDGE, new ClientAddress(Optional.of(" ")).of(request("x-origin-verify", " ",
                "cloudfront-viewer-address", "198.51.100.10:46532")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.10", "198.51.100.10:", ":46532", "evil.example:80", "1.2.3.4:80x", "", "<script>:1"})
    void aViewerHeaderThatIsNotAnAddressAndPortFallsBackToTheConnection(String header) {
        assertEquals(EDGE, behindCloudFront.of(request("x-origin-verify", "s3cret-from-the-distribution",
                "cloudfront-viewer-address", header)));
    }

    @ParameterizedTest
    @CsvSource({"198.51.100.10:1, 198.51.100.10", "[2001:db8::1]:443, 2001:db8::1", "::1:8080, ::1"})
    void thePortIsAfterTheLastColon(String header, String address) {
        assertEquals(Optional.of(address), ClientAddress.withoutPort(header));
    }
}
