package news.articles.localstack.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteServerTest {

    @TempDir
    Path folder;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private Path site;
    private SiteServer server;

    @BeforeEach
    void aSite() throws Exception {
        site = Files.createDirectories(folder.resolve("site"));
        Files.writeString(site.resolve("index.html"), "<meta name=\"api-base-url\" content=\"http://127.0.0.1:3000\">"
                + "<form action=\"http://127.0.0.1:3000/subscriptions\">");
        Files.writeString(site.resolve("site.js"), "const fallback = 'http://127.0.0.1:3000';");
        Files.writeString(folder.resolve("secret.txt"), "outside the site");
        server = SiteServer.start(site, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                URI.create("http://127.0.0.1:4100/"), log::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theFolderIsIndexHtmlWithTheApisOriginWhereTheApiListens() throws Exception {
        HttpResponse<String> page = get("/", "GET");

        assertEquals(200, page.statusCode());
        assertEquals("text/html; charset=utf-8", page.headers().firstValue("content-type").orElseThrow());
        assertEquals("<meta name=\"api-base-url\" content=\"http://127.0.0.1:4100\">"
                + "<form action=\"http://127.0.0.1:4100/subscriptions\">", page.body());
        assertEquals(List.of("site GET / 200"), log);
    }

    @Test
    void otherFilesAreServedAsTheyAre() throws Exception {
        HttpResponse<String> script = get("/site.js", "GET");

        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("content-type").orElseThrow());
        assertEquals("const fallback = 'http://127.0.0.1:3000';", script.body());
    }

    @Test
    void nothingOutsideTheFolderNorMissingNorAWrite() throws Exception {
        assertEquals(404, rawStatus("GET /../secret.txt HTTP/1.1"));
        assertEquals(404, rawStatus("GET /%2e%2e/secret.txt HTTP/1.1"));
        assertEquals(404, get("/missing.html", "GET").statusCode());
        assertEquals(405, get("/", "DELETE").statusCode());
        assertFalse(String.join("\n", log).contains("secret.txt 200"), String.join("\n", log));
    }

    @Test
    void aTakenPortIsSaidPlainly() {
        InetSocketAddress taken = new InetSocketAddress(InetAddress.getLoopbackAddress(), URI.create(server.endpoint().toString()).getPort());

        UncheckedIOException refused = assertThrows(UncheckedIOException.class,
                () -> SiteServer.start(site, taken, URI.create("http://127.0.0.1:3000"), log::add));
        assertTrue(refused.getMessage().startsWith("cannot serve the site on "), refused.getMessage());
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        return http.send(HttpRequest.newBuilder(server.endpoint().resolve(path)).method(method,
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request line sent as is: HttpClient would normalise the dot segments away. */
    private int rawStatus(String requestLine) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.endpoint().getPort())) {
            socket.getOutputStream().write((requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).split("\r\n")[0];
            return Integer.parseInt(status.split(" ")[1]);
        }
    }
}
