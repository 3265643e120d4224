package news.articles.aws;

import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Requests that go through the whole SDK pipeline (marshalling, endpoint, signing) but never
 * reach the wire: for priming the code of a call that must not happen, such as sending an email,
 * before a SnapStart snapshot. Every client of {@link AwsClients} carries the interceptor; only a
 * request marked with {@link #of} is stopped, failing with {@link NotSent} as the cause.
 */
public final class DryRun implements ExecutionInterceptor {

    /** Set on a request's override configuration; absent on every real request. */
    public static final ExecutionAttribute<Boolean> ATTRIBUTE = new ExecutionAttribute<>("news.articles.DryRun");

    /**
     * The cause of the failure a stopped request ends with. A cause, because the SDK rebuilds the
     * exceptions it reports (adding the attempt count), which keeps causes and loses subclasses.
     */
    public static final class NotSent extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotSent() {
            super("dry run: not sent", null, false, false);
        }
    }

    /** The request, marked so that the SDK prepares it completely and sends nothing. */
    @SuppressWarnings("unchecked")
    public static <R extends AwsRequest> R of(R request) {
        return (R) request.toBuilder()
                .overrideConfiguration(override -> override.putExecutionAttribute(ATTRIBUTE, Boolean.TRUE))
                .build();
    }

    /** Whether {@code failure} is a dry run's stop, as the SDK reports it. */
    public static boolean stopped(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NotSent) {
                return true;
            }
        }
        return false;
    }

    /** After signing, the last step before the HTTP client. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(ATTRIBUTE))) {
            // Not retryable: the standard strategy retries client failures caused by I/O only.
            throw SdkClientException.builder().message("dry run: not sent").cause(new NotSent()).build();
        }
    }
}
