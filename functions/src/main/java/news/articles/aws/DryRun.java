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
 * request marked with {@link #of} is stopped, with {@link NotSent}.
 */
public final class DryRun implements ExecutionInterceptor {

    /** Set on a request's override configuration; absent on every real request. */
    public static final ExecutionAttribute<Boolean> ATTRIBUTE = new ExecutionAttribute<>("news.articles.DryRun");

    /** Thrown instead of sending a marked request; not retryable, so it ends the call at once. */
    public static final class NotSent extends SdkClientException {
        private static final long serialVersionUID = 1L;

        NotSent(SdkClientException.Builder builder) {
            super(builder);
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }

    /** The request, marked so that the SDK prepares it completely and sends nothing. */
    @SuppressWarnings("unchecked")
    public static <R extends AwsRequest> R of(R request) {
        return (R) request.toBuilder()
                .overrideConfiguration(override -> override.putExecutionAttribute(ATTRIBUTE, Boolean.TRUE))
                .build();
    }

    /** After signing, the last step before the HTTP client. */
    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        if (Boolean.TRUE.equals(attributes.getAttribute(ATTRIBUTE))) {
            throw new NotSent(SdkClientException.builder().message("dry run: not sent"));
        }
    }
}
