package news.articles.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import news.articles.aws.DryRun;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Every request the SDK clients of the tests (the functions' own ones included) bring to the
 * wire, as {@code Service.Operation}, apart from those that {@link DryRun} stops just after: a
 * global interceptor runs before a client's own ones, so it sees both, and tells them apart by the
 * request's mark. Registered through {@code software/amazon/awssdk/global/handlers/execution.interceptors}.
 */
public final class WireRecorder implements ExecutionInterceptor {

    private static final List<String> SENT = new CopyOnWriteArrayList<>();
    private static final List<String> DRY_RUNS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        (Boolean.TRUE.equals(attributes.getAttribute(DryRun.ATTRIBUTE)) ? DRY_RUNS : SENT).add(operation);
    }

    /** Forgets what was recorded so far. */
    static void clear() {
        SENT.clear();
        DRY_RUNS.clear();
    }

    /** The operations sent since the last {@link #clear}, in order. */
    static List<String> sent() {
        return List.copyOf(SENT);
    }

    /** The operations prepared and stopped by {@link DryRun} since the last {@link #clear}. */
    static List<String> dryRuns() {
        return List.copyOf(DRY_RUNS);
    }
}
