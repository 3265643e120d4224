package news.articles.logging;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import news.articles.json.Json;

/**
 * The one way every function logs: a JSON object per line on standard output, with the level, an
 * event name, the request id of the invocation being served and the event's fields, so that
 * CloudWatch Logs Insights can filter and count by any of them. Lines below the function's
 * application log level ({@code AWS_LAMBDA_LOG_LEVEL}, which the template's {@code LoggingConfig}
 * sets) are dropped.
 *
 * <p>Fields carry kinds, counts, codes and class names, never personal data: no address, IP,
 * token, user agent or exception message (an SDK's message can quote an address).
 */
public final class Log {

    /** Severities, lowest first. */
    public enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    /** Set by Lambda from the function's application log level. */
    static final String LEVEL_VARIABLE = "AWS_LAMBDA_LOG_LEVEL";

    private static final Level THRESHOLD = threshold(System.getenv(LEVEL_VARIABLE));
    /** The invocation each thread is serving: Lambda serves one at a time, the local stack's in-process mode several. */
    private static final ThreadLocal<String> REQUEST_ID = new ThreadLocal<>();

    private Log() {
    }

    /** Tags the lines this thread logs with the invocation's request id, until {@link #endRequest}. */
    public static void beginRequest(String requestId) {
        REQUEST_ID.set(requestId);
    }

    public static void endRequest() {
        REQUEST_ID.remove();
    }

    /** The request id of the invocation this thread is serving, for other lines that carry it (metrics). */
    public static java.util.Optional<String> requestId() {
        return java.util.Optional.ofNullable(REQUEST_ID.get());
    }

    public static Line debug(String event) {
        return new Line(Level.DEBUG, event);
    }

    public static Line info(String event) {
        return new Line(Level.INFO, event);
    }

    public static Line warn(String event) {
        return new Line(Level.WARN, event);
    }

    public static Line error(String event) {
        return new Line(Level.ERROR, event);
    }

    /** The exception's class and those of its causes, outermost first, each with its first frame: never a message. */
    public static List<String> causes(Throwable failure) {
        List<String> causes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && causes.size() < 8; cause = cause.getCause()) {
            StackTraceElement[] frames = cause.getStackTrace();
            causes.add(cause.getClass().getName() + (frames.length > 0 ? " at " + frames[0] : ""));
        }
        return causes;
    }

    static Level threshold(String configured) {
        if (configured == null || configured.isBlank()) {
            return Level.INFO;
        }
        return switch (configured.trim().toUpperCase(Locale.ROOT)) {
            case "TRACE", "DEBUG" -> Level.DEBUG;
            case "WARN" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    /** One line being put together; {@link #write} prints it. */
    public static final class Line {

        private final Level level;
        private final String event;
        private final List<Object[]> fields = new ArrayList<>(4);

        private Line(Level level, String event) {
            this.level = level;
            this.event = Objects.requireNonNull(event, "event");
        }

        public Line field(String name, long value) {
            fields.add(new Object[] {name, value});
            return this;
        }

        public Line field(String name, boolean value) {
            fields.add(new Object[] {name, value});
            return this;
        }

        /** A kind, a code or a class name: never text that came from a request or a dependency. */
        public Line field(String name, String value) {
            fields.add(new Object[] {name, value});
            return this;
        }

        public Line field(String name, List<String> values) {
            fields.add(new Object[] {name, List.copyOf(values)});
            return this;
        }

        /** Prints the line, if its level is at or above the function's. */
        public void write() {
            write(System.out, THRESHOLD);
        }

        void write(PrintStream out, Level threshold) {
            if (level.compareTo(threshold) >= 0) {
                out.println(json());
            }
        }

        String json() {
            return Json.write(json -> {
                json.writeStartObject();
                json.writeStringField("level", level.name());
                json.writeStringField("event", event);
                String requestId = REQUEST_ID.get();
                if (requestId != null) {
                    json.writeStringField("requestId", requestId);
                }
                for (Object[] field : fields) {
                    String name = (String) field[0];
                    Object value = field[1];
                    if (value instanceof Long number) {
                        json.writeNumberField(name, number);
                    } else if (value instanceof Boolean flag) {
                        json.writeBooleanField(name, flag);
                    } else if (value instanceof List<?> values) {
                        json.writeArrayFieldStart(name);
                        for (Object item : values) {
                            json.writeString((String) item);
                        }
                        json.writeEndArray();
                    } else if (value == null) {
                        json.writeNullField(name);
                    } else {
                        json.writeStringField(name, (String) value);
                    }
                }
                json.writeEndObject();
            });
        }
    }
}
