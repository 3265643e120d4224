package news.articles.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A Lambda {@link Context} whose logger keeps the lines, so that tests stay quiet and can read them. */
public final class RecordingContext implements Context, LambdaLogger {

    private final List<String> lines = new ArrayList<>();
    private final boolean printing;

    public RecordingContext() {
        this(false);
    }

    private RecordingContext(boolean printing) {
        this.printing = printing;
    }

    /** One whose logger also writes each line to stdout, as the runtime's does, for tests that read the process's output. */
    public static RecordingContext printing() {
        return new RecordingContext(true);
    }

    public List<String> logLines() {
        return List.copyOf(lines);
    }

    @Override
    public void log(String message) {
        lines.add(message);
        if (printing) {
            System.out.println(message);
        }
    }

    @Override
    public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
    }

    @Override
    public LambdaLogger getLogger() {
        return this;
    }

    @Override
    public String getAwsRequestId() {
        return "c6af9ac6-7b61-11e6-9a41-93e8deadbeef";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/test";
    }

    @Override
    public String getLogStreamName() {
        return "2025/06/02/[$LATEST]0123456789abcdef";
    }

    @Override
    public String getFunctionName() {
        return "test";
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:eu-west-1:123456789012:function:test";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }
}
