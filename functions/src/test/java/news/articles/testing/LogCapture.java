package news.articles.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps what the code under test logs (functions log JSON lines to standard output), so that tests
 * stay quiet and can read the lines. Either around each test of a class:
 *
 * <pre>{@code @RegisterExtension final LogCapture log = LogCapture.eachTest();}</pre>
 *
 * or for a stretch of code: {@code try (LogCapture log = LogCapture.start()) { ... }}.
 */
public final class LogCapture implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private PrintStream original;

    private LogCapture() {
    }

    /** Captures from now until {@link #close}. */
    public static LogCapture start() {
        LogCapture capture = new LogCapture();
        capture.capture();
        return capture;
    }

    /** Captures during each test of the class that registers it, from a fresh start each time. */
    public static LogCapture eachTest() {
        return new LogCapture();
    }

    /** The lines logged so far. */
    public List<String> lines() {
        String text = captured.toString(StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    /** The lines logged since the last call (or since the start), forgetting them. */
    public List<String> drain() {
        List<String> lines = lines();
        captured.reset();
        return lines;
    }

    @Override
    public void close() {
        if (original != null) {
            System.setOut(original);
            original = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext test) {
        captured.reset();
        capture();
    }

    @Override
    public void afterEach(ExtensionContext test) {
        close();
    }

    private void capture() {
        original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }
}
