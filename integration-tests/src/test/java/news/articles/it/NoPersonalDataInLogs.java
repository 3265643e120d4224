package news.articles.it;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import news.articles.tools.PersonalData;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Captures everything written to stdout and stderr while a test class runs (the functions' log
 * lines without a Lambda context, slf4j-simple's SDK warnings, whatever escapes a handler) and
 * fails the class if an email or IP address is among it. Registered for every test class of this
 * module (META-INF/services, with autodetection on in junit-platform.properties); what is captured
 * still reaches the console.
 */
public final class NoPersonalDataInLogs implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(NoPersonalDataInLogs.class);

    /** What the running test class has written so far. */
    public static final class CapturedOutput {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PrintStream out;
        private final PrintStream err;

        private CapturedOutput(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        public String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        private PrintStream tee(PrintStream original) {
            return new PrintStream(new OutputStream() {
                @Override
                public void write(int b) {
                    synchronized (bytes) {
                        bytes.write(b);
                    }
                    original.write(b);
                }

                @Override
                public void write(byte[] buffer, int offset, int length) {
                    synchronized (bytes) {
                        bytes.write(buffer, offset, length);
                    }
                    original.write(buffer, offset, length);
                }

                @Override
                public void flush() {
                    original.flush();
                }
            }, true, StandardCharsets.UTF_8);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        CapturedOutput captured = new CapturedOutput(System.out, System.err);
        context.getStore(NAMESPACE).put(CapturedOutput.class, captured);
        System.setOut(captured.tee(captured.out));
        System.setErr(captured.tee(captured.err));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        CapturedOutput captured = context.getStore(NAMESPACE).remove(CapturedOutput.class, CapturedOutput.class);
        System.out.flush();
        System.err.flush();
        System.setOut(captured.out);
        System.setErr(captured.err);
        List<String> found = PersonalData.findBeyondLoopback(captured.text());
        if (!found.isEmpty()) {
            throw new AssertionError(context.getDisplayName() + " wrote personal data to its output (the logs): " + found);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CapturedOutput.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get(CapturedOutput.class, CapturedOutput.class);
    }
}
