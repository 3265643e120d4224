package news.articles.tools;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;

/** What the tools' command lines share: taking option values, checking endpoints, explaining failures. */
public final class CommandLine {

    private CommandLine() {
    }

    /** The command line is wrong; the message says how. */
    public static final class UsageException extends RuntimeException {

        public UsageException(String message) {
            super(message);
        }
    }

    /** Takes the option's value off the front of {@code remaining}; another option or a blank is no value. */
    public static String value(String option, List<String> remaining) {
        if (remaining.isEmpty() || remaining.get(0).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        String value = remaining.remove(0);
        if (value.isBlank()) {
            throw new UsageException(option + " needs a value");
        }
        return value;
    }

    /** A local AWS endpoint such as moto's. */
    public static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Reported below, as for any other value that is not an http(s) URL.
        }
        throw new UsageException("--endpoint must be an http(s) URL such as http://127.0.0.1:5000, was " + value);
    }

    /** Each cause on its own line: the SDK's and the stores' messages say what failed, the causes why. */
    public static String causes(Throwable cause) {
        StringBuilder text = new StringBuilder();
        for (Throwable current = cause; current != null; current = current.getCause()) {
            if (current.getMessage() != null) {
                text.append("\n  caused by: ").append(current.getMessage());
            }
        }
        return text.toString();
    }
}
