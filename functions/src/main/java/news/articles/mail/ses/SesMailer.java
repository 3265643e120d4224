package news.articles.mail.ses;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import news.articles.aws.DryRun;
import news.articles.mail.EmailMessage;
import news.articles.mail.MailException;
import news.articles.mail.Mailer;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.AccountSuspendedException;
import software.amazon.awssdk.services.sesv2.model.LimitExceededException;
import software.amazon.awssdk.services.sesv2.model.MailFromDomainNotVerifiedException;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;
import software.amazon.awssdk.services.sesv2.model.SendingPausedException;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.MessageHeader;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;

/**
 * Sends through Amazon SES v2 from the configured, verified sender, with the one-click
 * unsubscribe headers of RFC 8058 on every message, and the List-Id of RFC 2919 on the messages of
 * a list.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8058">RFC 8058</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc2919">RFC 2919</a>
 */
public final class SesMailer implements Mailer {

    public static final String LIST_UNSUBSCRIBE = "List-Unsubscribe";
    public static final String LIST_UNSUBSCRIBE_POST = "List-Unsubscribe-Post";
    public static final String ONE_CLICK = "List-Unsubscribe=One-Click";
    public static final String LIST_ID = "List-Id";

    private final SesV2Client ses;
    private final String senderAddress;
    private final Optional<String> configurationSet;

    public SesMailer(SesV2Client ses, String senderAddress) {
        this(ses, senderAddress, Optional.empty());
    }

    /** {@code configurationSet}: the SES configuration set whose event destination reports bounces and complaints. */
    public SesMailer(SesV2Client ses, String senderAddress, Optional<String> configurationSet) {
        this.ses = Objects.requireNonNull(ses, "ses");
        this.senderAddress = Objects.requireNonNull(senderAddress, "senderAddress");
        this.configurationSet = Objects.requireNonNull(configurationSet, "configurationSet");
    }

    @Override
    public void send(EmailMessage message) {
        try {
            ses.sendEmail(request(message));
        } catch (SdkException e) {
            // The SDK's message can quote the addresses involved: keep only the failure's kind.
            throw failure(e);
        }
    }

    /** What a failed send means for the caller; package-private for its test. */
    static MailException failure(SdkException e) {
        String message = "SES did not accept the message (" + e.getClass().getSimpleName() + ")";
        if (isThrottled(e)) {
            return MailException.throttled(message, e);
        }
        boolean accountWide = isAccountWide(e);
        return new MailException(message, !accountWide && isRetryable(e), mayHaveBeenSent(e), false, accountWide, e);
    }

    /**
     * For SnapStart priming: the message prepared as {@link #send} prepares it, marshalled and
     * signed by the SDK, and stopped before the wire by {@link DryRun}: nobody is mailed.
     */
    public void rehearse(EmailMessage message) {
        // Checked before, not after: a client without the interceptor would really send it.
        boolean stopsDryRuns = ses.serviceClientConfiguration().overrideConfiguration().executionInterceptors().stream()
                .anyMatch(DryRun.class::isInstance);
        if (!stopsDryRuns) {
            throw new IllegalStateException("the SES client does not stop dry runs: it must be built by AwsClients");
        }
        try {
            ses.sendEmail(DryRun.of(request(message)));
        } catch (SdkException e) {
            if (DryRun.stopped(e)) {
                return;
            }
            throw new MailException("SES rehearsal failed (" + e.getClass().getSimpleName() + ")", isRetryable(e), e);
        }
        throw new IllegalStateException("a dry run reached SES");
    }

    private SendEmailRequest request(EmailMessage message) {
        return SendEmailRequest.builder()
                .fromEmailAddress(senderAddress)
                .destination(destination -> destination.toAddresses(message.to()))
                .content(content -> content.simple(Message.builder()
                        .subject(utf8(message.subject()))
                        .body(Body.builder().html(utf8(message.html())).text(utf8(message.text())).build())
                        .headers(headers(message))
                        .build()))
                .configurationSetName(configurationSet.orElse(null))
                .build();
    }

    /**
     * SES asks us to slow down: its maximum sending rate ({@code TooManyRequestsException}, or the
     * SDK's throttling codes) or its sending quota for the last 24 hours
     * ({@code LimitExceededException}). The message did not go and will go later.
     */
    static boolean isThrottled(SdkException e) {
        if (e instanceof TooManyRequestsException || e instanceof LimitExceededException) {
            return true;
        }
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return service.isThrottlingException() || "TooManyRequestsException".equals(code)
                    || "LimitExceededException".equals(code);
        }
        return false;
    }

    /**
     * Refusals that no recipient can get past until someone acts: the account suspended or its
     * sending paused, the sender's MAIL FROM domain not verified, the configuration set or identity
     * not found. Not throttling, and not retryable.
     */
    static boolean isAccountWide(SdkException e) {
        return e instanceof AccountSuspendedException || e instanceof SendingPausedException
                || e instanceof MailFromDomainNotVerifiedException || e instanceof NotFoundException;
    }

    /**
     * Throttling, SES's own failures and network trouble pass; a rejected message (an unverified
     * sender, a paused account) stays rejected until someone fixes the configuration.
     */
    private static boolean isRetryable(SdkException e) {
        if (e instanceof AwsServiceException service) {
            return service.statusCode() >= 500 || service.isThrottlingException()
                    || (service.awsErrorDetails() != null
                            && "TooManyRequestsException".equals(service.awsErrorDetails().errorCode()));
        }
        return true;
    }

    /**
     * SES answered with an error, or no connection was made: the message did not go. A timeout or
     * a connection lost after the request went out leaves it unknown.
     */
    static boolean mayHaveBeenSent(SdkException e) {
        if (e instanceof AwsServiceException) {
            return false;
        }
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
                return false;
            }
        }
        return true;
    }

    /**
     * What mail providers read to offer their own unsubscribe button, which POSTs to the URL, and,
     * for a list's mail, to file and filter it by list.
     */
    static List<MessageHeader> headers(EmailMessage message) {
        List<MessageHeader> headers = new ArrayList<>(3);
        headers.add(MessageHeader.builder().name(LIST_UNSUBSCRIBE).value("<" + message.unsubscribeUrl() + ">").build());
        headers.add(MessageHeader.builder().name(LIST_UNSUBSCRIBE_POST).value(ONE_CLICK).build());
        message.listId().ifPresent(id -> headers.add(MessageHeader.builder().name(LIST_ID).value("<" + id + ">").build()));
        return List.copyOf(headers);
    }

    private static Content utf8(String data) {
        return Content.builder().data(data).charset("UTF-8").build();
    }
}
