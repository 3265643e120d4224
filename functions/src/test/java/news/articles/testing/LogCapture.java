package news.articles.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Keeps what the code under test logs (functions log JSON lines to standard output) until closed,
 * so that tests stay quiet and can read the lines.
 */
public final class LogCapture implements AutoCloseable {

    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private LogCapture() {
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    public static LogCapture start() {
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
        System.setOut(original);
    }
}
