package news.articles.mail.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import news.articles.aws.AwsClients;
import news.articles.config.AwsSettings;
import news.articles.mail.EmailMessage;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

class SesMailerTest {

    @Test
    void everyMessageGetsTheOneClickUnsubscribeHeadersOfRfc8058() {
        EmailMessage message = new EmailMessage("reader@example.com", "s", "<p>h</p>", "t",
                "https://news.example.com/subscriptions/unsubscribe?token=abc.def");

        assertEquals(List.of(
                MessageHeader.builder().name("List-Unsubscribe")
                        .value("<https://news.example.com/subscriptions/unsubscribe?token=abc.def>").build(),
                MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build()),
                SesMailer.unsubscribeHeaders(message));
    }

    @Test
    void anUnsubscribeUrlThatCouldBreakTheHeaderIsRefused() {
        for (String url : List.of("https://x.example/u>", "https://x.example/u\r\nBcc: a@b.c", "https://x.example/a b")) {
            assertThrows(IllegalArgumentException.class, () -> new EmailMessage("a@b.c", "s", "h", "t", url), url);
        }
    }

    @Test
    void onlyARefusalOrAConnectionNeverMadeSaysTheMessageDidNotGo() {
        assertFalse(SesMailer.mayHaveBeenSent(TooManyRequestsException.builder().statusCode(429).message("slow down").build()));
        assertFalse(SesMailer.mayHaveBeenSent(SdkClientException.create("refused", new java.net.ConnectException("refused"))));
        assertTrue(SesMailer.mayHaveBeenSent(ApiCallTimeoutException.create(6000)));
        assertTrue(SesMailer.mayHaveBeenSent(SdkClientException.create("read", new java.net.SocketTimeoutException("read timed out"))));
        assertTrue(SesMailer.mayHaveBeenSent(SdkClientException.create("reset", new java.net.SocketException("Connection reset"))));
    }

    /** A port nothing listens on: a request that reached the wire would fail, and the test with it. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static final EmailMessage MESSAGE = new EmailMessage("priming@example.invalid", "s", "<p>h</p>", "t",
            "https://news.example.com/subscriptions/unsubscribe?token=abc.def");

    @Test
    void aRehearsalIsPreparedBySesClientAndStoppedBeforeTheWire() {
        AwsSettings settings = new AwsSettings(Region.EU_WEST_1, Optional.of(NOWHERE),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
        try (SesV2Client ses = AwsClients.sesV2(settings)) {
            new SesMailer(ses, "newsletter@news.example.com").rehearse(MESSAGE);
        }
    }

    @Test
    void aClientThatWouldReallySendIsNeverAskedToRehearse() {
        try (SesV2Client ses = SesV2Client.builder().region(Region.EU_WEST_1).endpointOverride(NOWHERE)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build()) {
            assertThrows(IllegalStateException.class,
                    () -> new SesMailer(ses, "newsletter@news.example.com").rehearse(MESSAGE));
        }
    }
}
