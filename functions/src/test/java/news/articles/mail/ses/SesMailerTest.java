package news.articles.mail.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import news.articles.aws.AwsClients;
import news.articles.aws.DryRun;
import news.articles.config.AwsSettings;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.SesV2ServiceClientConfiguration;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;

class SesMailerTest {

    @Test
    void everyMessageGetsTheOneClickUnsubscribeHeadersOfRfc8058() {
        EmailMessage message = new EmailMessage("reader@example.com", "s", "<p>h</p>", "t",
                "https://news.example.com/subscriptions/unsubscribe?token=abc.def");

        assertEquals(List.of(
                MessageHeader.builder().name("List-Unsubscribe")
                        .value("<https://news.example.com/subscriptions/unsubscribe?token=abc.def>").build(),
                MessageHeader.builder().name("List-Unsubscribe-Post").value("List-Unsubscribe=One-Click").build()),
                SesMailer.headers(message));
    }

    @Test
    void aListsMessageAlsoNamesTheListInAnRfc2919ListIdAndOthersDoNot() {
        EmailMessage message = new EmailMessage("reader@example.com", "s", "<p>h</p>", "t",
                "https://news.example.com/subscriptions/unsubscribe?token=abc.def").withListId("weekly.news.example.com");

        List<MessageHeader> headers = SesMailer.headers(message);

        assertEquals(3, headers.size());
        assertEquals(MessageHeader.builder().name("List-Id").value("<weekly.news.example.com>").build(), headers.get(2));
        assertEquals(List.of("List-Unsubscribe", "List-Unsubscribe-Post"),
                SesMailer.headers(new EmailMessage("reader@example.com", "s", "<p>h</p>", "t",
                        "https://news.example.com/u")).stream().map(MessageHeader::name).toList());
    }

    @Test
    void aListIdThatCouldBreakTheHeaderIsRefused() {
        EmailMessage message = new EmailMessage("a@b.c", "s", "h", "t", "https://x.example/u");
        for (String id : List.of("weekly", "weekly.x>", "weekly.x\r\nBcc: a@b.c", "weekly x.y", "weekly..x", ".x.y", "")) {
            assertThrows(IllegalArgumentException.class, () -> message.withListId(id), id);
        }
        assertEquals(Optional.of("weekly.127.0.0.1"), message.withListId("weekly.127.0.0.1").listId());
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

    @Test
    void sesRateAndQuotaRefusalsAreThrottlingThatSentNothing() {
        for (SdkException e : List.<SdkException>of(
                TooManyRequestsException.builder().statusCode(429).message("Maximum sending rate exceeded").build(),
                LimitExceededException.builder().statusCode(400).message("Daily message quota exceeded").build(),
                AwsServiceException.builder().statusCode(400)
                        .awsErrorDetails(AwsErrorDetails.builder().errorCode("Throttling").build()).build())) {
            MailException failure = SesMailer.failure(e);
            assertTrue(failure.throttled(), e.toString());
            assertTrue(failure.retryable(), e.toString());
            assertFalse(failure.mayHaveBeenSent(), e.toString());
            assertFalse(failure.accountWide(), e.toString());
        }
    }

    @Test
    void aSuspendedOrPausedAccountIsNeitherThrottlingNorRetryableAndConcernsEveryMessage() {
        for (SdkException e : List.<SdkException>of(
                AccountSuspendedException.builder().statusCode(400).message("suspended").build(),
                SendingPausedException.builder().statusCode(400).message("paused").build(),
                MailFromDomainNotVerifiedException.builder().statusCode(400).message("not verified").build(),
                NotFoundException.builder().statusCode(404).message("no such configuration set").build())) {
            MailException failure = SesMailer.failure(e);
            assertFalse(failure.throttled(), e.toString());
            assertFalse(failure.retryable(), e.toString());
            assertFalse(failure.mayHaveBeenSent(), e.toString());
            assertTrue(failure.accountWide(), e.toString());
        }
    }

    @Test
    void aRejectedMessageConcernsThatMessageOnlyAndATimeoutMayHaveSentIt() {
        MailException rejected = SesMailer.failure(MessageRejectedException.builder().statusCode(400).message("x").build());
        assertFalse(rejected.throttled() || rejected.retryable() || rejected.mayHaveBeenSent() || rejected.accountWide());
        MailException timedOut = SesMailer.failure(ApiCallTimeoutException.create(6000));
        assertTrue(timedOut.mayHaveBeenSent());
        assertFalse(timedOut.throttled() || timedOut.accountWide());
        MailException unavailable = SesMailer.failure(AwsServiceException.builder().statusCode(503).build());
        assertTrue(unavailable.retryable());
        assertFalse(unavailable.throttled() || unavailable.mayHaveBeenSent() || unavailable.accountWide());
    }

    /** A port nothing listens on. */
    private static final URI NOWHERE = URI.create("http://127.0.0.1:9");
    private static final EmailMessage MESSAGE = new EmailMessage("priming@example.invalid", "s", "<p>h</p>", "t",
            "https://news.example.com/subscriptions/unsubscribe?token=abc.def");

    /**
     * The rehearsal hands the SDK the request a send would make, marked for a dry run, and the SDK's
     * own pipeline stops it: an endpoint on loopback that answers as SES does sees no request, where
     * a real send through the same client reaches it.
     */
    @Test
    void aRehearsalIsPreparedBySesClientAndStoppedBeforeTheWire() throws IOException {
        HttpServer endpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger reached = new AtomicInteger();
        endpoint.createContext("/", exchange -> {
            reached.incrementAndGet();
            byte[] body = "{\"MessageId\":\"sent-anyway\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        endpoint.start();
        URI local = URI.create("http://127.0.0.1:" + endpoint.getAddress().getPort());
        AwsSettings settings = new AwsSettings(Region.EU_WEST_1, Optional.of(local),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));
        try (SesV2Client ses = AwsClients.sesV2(settings)) {
            RecordingSes recording = new RecordingSes(ses);

            new SesMailer(recording, "newsletter@news.example.com").rehearse(MESSAGE);

            assertEquals(0, reached.get(), "the rehearsal reached the endpoint");
            assertEquals(1, recording.requests.size());
            SendEmailRequest request = recording.requests.get(0);
            assertEquals("newsletter@news.example.com", request.fromEmailAddress());
            assertEquals(List.of("priming@example.invalid"), request.destination().toAddresses());
            assertEquals(SesMailer.headers(MESSAGE), request.content().simple().headers());
            assertEquals("<p>h</p>", request.content().simple().body().html().data());
            assertEquals(Boolean.TRUE, request.overrideConfiguration().orElseThrow().executionAttributes()
                    .getAttribute(DryRun.ATTRIBUTE));
            assertEquals(1, recording.failures.size(), "the SDK, not the mailer, stops it");
            assertTrue(DryRun.stopped(recording.failures.get(0)), recording.failures.get(0).toString());

            new SesMailer(ses, "newsletter@news.example.com").send(MESSAGE);
            assertEquals(1, reached.get(), "a real send through the same client reaches the endpoint");
        } finally {
            endpoint.stop(0);
        }
    }

    /** The client a mailer is given, recording each request it is asked to send and how the SDK ended it. */
    private static final class RecordingSes implements SesV2Client {
        final List<SendEmailRequest> requests = new ArrayList<>();
        final List<SdkException> failures = new ArrayList<>();
        private final SesV2Client client;

        RecordingSes(SesV2Client client) {
            this.client = client;
        }

        @Override
        public SendEmailResponse sendEmail(SendEmailRequest request) {
            requests.add(request);
            try {
                return client.sendEmail(request);
            } catch (SdkException e) {
                failures.add(e);
                throw e;
            }
        }

        @Override
        public SesV2ServiceClientConfiguration serviceClientConfiguration() {
            return client.serviceClientConfiguration();
        }

        @Override
        public String serviceName() {
            return client.serviceName();
        }

        @Override
        public void close() {
            // The test closes the client it built.
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
