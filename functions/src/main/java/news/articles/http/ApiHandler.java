package news.articles.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.logging.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Base of every HTTP function: reads the API Gateway event, lets the subclass answer it, and maps
 * whatever it throws to an error response. A stream handler with our own parsing, because the
 * runtime's reflective event binding costs cold-start time we do not need to spend.
 */
public abstract class ApiHandler implements RequestStreamHandler {

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
