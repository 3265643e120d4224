package news.articles.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import news.articles.logging.Log;

/**
 * Base of every HTTP function: reads the API Gateway event, lets the subclass answer it, and maps
 * whatever it throws to an error response. A stream handler with our own parsing, because the
 * runtime's reflective event binding costs cold-start time we do not need to spend.
 */
public abstract class ApiHandler implements RequestStreamHandler {

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Log.beginRequest(context == null ? null : context.getAwsRequestId());
        long start = System.nanoTime();
        HttpRequest request = null;
        int status = 0;
        try {
            HttpResponse response;
            try {
                request = ApiGatewayEvents.read(input);
                response = handle(request);
            } catch (RuntimeException failure) {
                response = ErrorResponses.of(failure, request != null && answersWithHtml(request), masthead());
                if (response.status() >= 500) {
                    // The failure's kind, never its message: SDK messages can quote addresses and request data.
                    Log.error("request_failed").field("status", response.status())
                            .field("causes", Log.causes(failure)).write();
                }
            }
            status = response.status();
            ApiGatewayEvents.write(response, output);
        } finally {
            // The access line, one per request: the route's template, never the path (it can hold anything).
            Log.info("request").field("route", request == null ? HttpRequest.UNKNOWN_ROUTE : request.route())
                    .field("status", status).field("durationMs", (System.nanoTime() - start) / 1_000_000).write();
            Log.endRequest();
        }
    }

    /** Answers one request; throws for every outcome that is not a success. */
    protected abstract HttpResponse handle(HttpRequest request);

    /** Whether errors should be pages rather than JSON: only for requests a browser makes to a page. */
    protected boolean answersWithHtml(HttpRequest request) {
        return false;
    }

    /** What tops the function's error pages: none for functions that never answer with a page. */
    protected Masthead masthead() {
        return Masthead.NONE;
    }
}
