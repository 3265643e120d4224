package news.articles.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Invokes a stream handler as the Lambda runtime does and reads the payload 2.0 response it wrote. */
public final class Invocation {

    private Invocation() {
    }

    public static Reply invoke(RequestStreamHandler handler, ApiEvent event) {
        return invoke(handler, event.json(), null);
    }

    public static Reply invoke(RequestStreamHandler handler, String eventJson, Context context) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Reply.parse(out.toString(StandardCharsets.UTF_8));
    }

    /** The response as API Gateway would read it. */
    public record Reply(int status, Map<String, String> headers, String body) {

        static Reply parse(String output) {
            Object tree = JsonTree.parse(output);
            Map<String, String> headers = new LinkedHashMap<>();
            JsonTree.object(tree, "headers").forEach((name, value) -> headers.put((String) name, (String) value));
            if (!Boolean.FALSE.equals(JsonTree.at(tree, "isBase64Encoded"))) {
                throw new AssertionError("responses are never base64-encoded: " + output);
            }
            return new Reply(JsonTree.integer(tree, "statusCode"), headers, JsonTree.string(tree, "body"));
        }

        public String header(String name) {
            return headers.get(name);
        }

        public Object json() {
            return JsonTree.parse(body);
        }
    }
}
