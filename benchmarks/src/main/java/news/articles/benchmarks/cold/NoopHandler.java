package news.articles.benchmarks.cold;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A handler that does nothing, run under the Runtime Interface Client like the functions: what the
 * runtime itself costs, between the floor and our code.
 */
public final class NoopHandler implements RequestStreamHandler {

    private static final byte[] ANSWER = "{\"statusCode\":200,\"body\":\"\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        input.transferTo(OutputStream.nullOutputStream());
        output.write(ANSWER);
    }
}
