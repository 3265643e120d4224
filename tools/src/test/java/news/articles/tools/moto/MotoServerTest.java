package news.articles.tools.moto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import news.articles.mail.EmailMessage;
import news.articles.mail.ses.SesMailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

@ExtendWith(MotoExtension.class)
class MotoServerTest {

    private final MotoServer injectedIntoConstructor;

    MotoServerTest(MotoServer moto) {
        this.injectedIntoConstructor = moto;
    }

    @Test
    void oneServerServesTheWholeRun(MotoServer moto) {
        assertSame(injectedIntoConstructor, moto);
    }

    @Test
    void listensOnLoopbackAndAnswersHttp(MotoServer moto) throws IOException, InterruptedException {
        assertEquals("127.0.0.1", moto.endpoint().getHost());
        assertEquals(moto.port(), moto.endpoint().getPort());
        HttpResponse<Void> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(moto.endpoint().resolve("/moto-api/")).build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(200, response.statusCode());
        assertTrue(Files.isRegularFile(moto.logFile()), "moto's output goes to " + moto.logFile());
    }

    @Test
    void capturesTheEmailsThatSesAccepted(MotoServer moto) {
        String sender = "desk-" + UUID.randomUUID() + "@example.com";
        String subject = "Confirm your subscription " + UUID.randomUUID();
        try (SesV2Client ses = MotoClients.sesV2(moto.endpoint())) {
            ses.createEmailIdentity(request -> request.emailIdentity(sender));
            new SesMailer(ses, sender).send(new EmailMessage("reader@example.org", subject,
                    "<p>Click <a href=\"https://example.com/confirm\">here</a></p>", "Click https://example.com/confirm",
                    "https://example.com/unsubscribe?token=t"));
        }

        List<SentEmail> sent = moto.sentEmails().stream().filter(email -> email.subject().equals(subject)).toList();

        assertEquals(1, sent.size(), sent.toString());
        SentEmail email = sent.get(0);
        assertEquals(sender, email.source());
        assertEquals(List.of("reader@example.org"), email.to());
        assertEquals("<p>Click <a href=\"https://example.com/confirm\">here</a></p>", email.body(),
                "moto keeps the HTML part");
        assertFalse(email.id().isBlank());
    }

    @Test
    void clientsReachItWithDummyCredentials(MotoServer moto) {
        try (DynamoDbClient dynamoDb = MotoClients.dynamoDb(moto.endpoint())) {
            dynamoDb.listTables();
        }
        assertEquals("testing", MotoClients.settings(moto.endpoint()).credentials().resolveCredentials().accessKeyId());
    }

    /** A server of its own, since resetting or stopping the shared one would pull it from under other classes. */
    @Test
    void aServerResetsToEmptyAndFreesItsPortWhenClosed(@TempDir Path logs) throws IOException {
        MotoServer own = MotoServer.start(logs);
        int port = own.port();
        try (SesV2Client ses = MotoClients.sesV2(own.endpoint())) {
            ses.createEmailIdentity(request -> request.emailIdentity("a@example.com"));
            new SesMailer(ses, "a@example.com").send(new EmailMessage("b@example.com", "s", "<p>h</p>", "t",
                    "https://example.com/unsubscribe?token=t"));
            assertEquals(1, own.sentEmails().size());

            own.reset();

            assertEquals(List.of(), own.sentEmails());
        } finally {
            own.close();
        }
        own.close();

        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
        }
        assertTrue(Files.readString(own.logFile()).contains("moto-api"), "the log has moto's request lines");
    }

    @Test
    void findsTheExecutableInOrderOfPreference(@TempDir Path tmp) throws IOException {
        Path configured = executable(tmp.resolve("configured/moto_server"));
        Path onPath = executable(tmp.resolve("bin/moto_server"));
        Path repository = tmp.resolve("repo");
        Files.createDirectories(repository.resolve("tools"));
        Files.writeString(repository.resolve("template.yaml"), "Resources: {}\n");
        Path inVenv = executable(repository.resolve(".venv/bin/moto_server"));
        Path workingDirectory = repository.resolve("tools");

        assertEquals(configured, MotoServer.locateExecutable(
                Map.of("MOTO_SERVER", configured.toString(), "PATH", onPath.getParent().toString()), workingDirectory));
        assertEquals(onPath, MotoServer.locateExecutable(
                Map.of("PATH", tmp.resolve("empty") + ":" + onPath.getParent()), workingDirectory));
        assertEquals(inVenv, MotoServer.locateExecutable(Map.of("PATH", tmp.resolve("empty").toString()), workingDirectory));
    }

    @Test
    void saysWhatToInstallWhenThereIsNone(@TempDir Path tmp) {
        MotoServerException missing = assertThrows(MotoServerException.class,
                () -> MotoServer.locateExecutable(Map.of("PATH", tmp.toString()), tmp));
        assertTrue(missing.getMessage().contains("pip install \"moto[server]==5.2.1\""), missing.getMessage());

        MotoServerException wrong = assertThrows(MotoServerException.class, () -> MotoServer.locateExecutable(
                Map.of("MOTO_SERVER", tmp.resolve("nope").toString()), tmp));
        assertTrue(wrong.getMessage().startsWith("MOTO_SERVER is " + tmp.resolve("nope")), wrong.getMessage());
    }

    private static Path executable(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
