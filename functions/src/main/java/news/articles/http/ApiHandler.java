package news.articles.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import news.articles.snapstart.Priming;
import org.crac.Resource;

/**
 * Base of every HTTP function: reads the API Gateway event, lets the subclass answer it, and maps
 * whatever it throws to an error response. A stream handler with our own parsing, because the
 * runtime's reflective event binding costs cold-start time we do not need to spend.
 */
public abstract class ApiHandler implements RequestStreamHandler, Resource {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpRequest request = null;
        HttpResponse response;
        try {
            request = ApiGatewayEvents.read(input);
            response = handle(request);
        } catch (RuntimeException failure) {
            response = ErrorResponses.of(failure, request != null && answersWithHtml(request));
            if (response.status() >= 500) {
                log(context, failure, response);
            }
        }
        ApiGatewayEvents.write(response, output);
    }

    /**
     * SnapStart, before the snapshot: runs {@link #primingSteps()} (see {@link Priming}). Called
     * once the subclass registered itself with {@link Priming#registerForSnapshot}.
     */
    @Override
    public final void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        Priming.run(getClass().getSimpleName(), primingSteps(), System.err);
    }

    /**
     * Nothing to renew after a restore: connections the priming left in HttpURLConnection's
     * keep-alive cache have expired by then (it keeps idle ones for seconds), and the runtime
     * clears the JVM's DNS cache before the snapshot.
     */
    @Override
    public final void afterRestore(org.crac.Context<? extends Resource> context) {
    }

    /**
     * What this function runs before a snapshot: its hot path on requests that read and never
     * write. Each step on its own; a failing one is logged and skipped.
     */
    protected abstract List<Runnable> primingSteps();

    /** A priming step: this handler answers the event, as it would an invocation; the answer is dropped. */
    protected final Runnable answering(byte[] event) {
        return () -> {
            try {
                handleRequest(new ByteArrayInputStream(event), OutputStream.nullOutputStream(), null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    /** Answers one request; throws for every outcome that is not a success. */
    protected abstract HttpResponse handle(HttpRequest request);

    /** Whether errors should be pages rather than JSON: only for requests a browser makes to a page. */
    protected boolean answersWithHtml(HttpRequest request) {
        return false;
    }

    /**
     * Logs the failure's kind, never its message: SDK messages can quote addresses and request data,
     * and our logs must hold no personal data.
     */
    private static void log(Context context, RuntimeException failure, HttpResponse response) {
        StringBuilder message = new StringBuilder("request failed: status=").append(response.status())
                .append(" causes=");
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            message.append(cause == failure ? "" : " <- ").append(cause.getClass().getName());
            StackTraceElement[] frames = cause.getStackTrace();
            if (frames.length > 0) {
                message.append(" at ").append(frames[0]);
            }
        }
        LambdaLogger logger = context == null ? null : context.getLogger();
        if (logger != null) {
            logger.log(message.toString(), LogLevel.ERROR);
        } else {
            System.err.println(message);
        }
    }
}
