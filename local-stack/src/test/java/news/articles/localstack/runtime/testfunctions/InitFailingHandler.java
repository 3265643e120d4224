package news.articles.localstack.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;

/** Fails while Lambda builds it, as a handler missing its configuration does. */
public final class InitFailingHandler implements RequestStreamHandler {

    public InitFailingHandler() {
        throw new IllegalStateException("environment variable TABLE is missing");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {
        throw new AssertionError("never built");
    }
}
