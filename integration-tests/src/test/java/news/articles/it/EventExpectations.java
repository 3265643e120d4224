package news.articles.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * events/expectations.tsv: for each sample event in events/, the function it is for, what it gives
 * (an HTTP status, or {@value #RETURNS} for an SNS event: the function returns normally) and what it tries.
 */
final class EventExpectations {

    static final String FILE = "events/expectations.tsv";
    /** The document that shows the table, between {@link #TABLE_START} and {@link #TABLE_END}. */
    static final String DOC = "docs/local-stack.md";
    static final String TABLE_START = "<!-- events table: rendered from events/expectations.tsv; EventsTest fails when it differs -->";
    static final String TABLE_END = "<!-- end of events table -->";
    /** The status of an event that is not an HTTP request: the function returns normally. */
    static final String RETURNS = "returns";
    /** The invocation fails (a scheduled run it cannot read). */
    static final String THROWS = "throws";
    /** An SQS batch: the function returns, reporting this many messages in batchItemFailures. */
    static final String RETRIES = "retries";

    private static final String HEADER = "file\tfunction\tstatus\twhat it tries";
    private static final Pattern FILE_NAME = Pattern.compile("[\\w.-]+\\.json");
    private static final Pattern FUNCTION = Pattern.compile("\\w+");
    private static final Pattern STATUS = Pattern.compile("\\d{3}|" + RETURNS + "|" + THROWS + "|" + RETRIES + " \\d+");

    private EventExpectations() {
    }

    /** One line of the file. */
    record Expectation(String file, String function, String status, String tries) {
        Expectation {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(tries, "tries");
        }

        boolean http() {
            return status.matches("\\d{3}");
        }

        /** For {@code retries N}: N. */
        int retries() {
            return status.startsWith(RETRIES + " ") ? Integer.parseInt(status.substring(RETRIES.length() + 1)) : 0;
        }
    }

    /** The lines of the repository's file, in order; comments (#) and the header line skipped. */
    static List<Expectation> read(Path root) {
        Path file = root.resolve(FILE);
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<Expectation> expectations = new ArrayList<>();
        for (int number = 1; number <= lines.size(); number++) {
            String line = lines.get(number - 1);
            if (line.isBlank() || line.startsWith("#") || line.equals(HEADER)) {
                continue;
            }
            expectations.add(parse(line, FILE + ":" + number));
        }
        return List.copyOf(expectations);
    }

    static Expectation parse(String line, String where) {
        String[] fields = line.split("\t", -1);
        if (fields.length != 4) {
            throw new IllegalArgumentException(where + ": expected 4 tab-separated fields (" + HEADER.replace('\t', ',')
                    + "), found " + fields.length);
        }
        check(FILE_NAME, fields[0], where, "a file name ending in .json");
        check(FUNCTION, fields[1], where, "a function's logical id");
        check(STATUS, fields[2], where, "an HTTP status, " + RETURNS + ", " + THROWS + " or " + RETRIES + " N");
        if (fields[3].isBlank() || fields[3].contains("|")) {
            throw new IllegalArgumentException(where + ": what it tries must be given, without '|' (it becomes a table cell)");
        }
        return new Expectation(fields[0], fields[1], fields[2], fields[3].strip());
    }

    /** The Markdown table of the expectations, one row each, in the file's order. */
    static String table(List<Expectation> expectations) {
        StringBuilder table = new StringBuilder("| Event | Function | Status | What it tries |\n|---|---|---|---|\n");
        for (Expectation expectation : expectations) {
            table.append("| `").append(expectation.file()).append("` | `").append(expectation.function()).append("` | ")
                    .append(expectation.status()).append(" | ").append(expectation.tries()).append(" |\n");
        }
        return table.toString();
    }

    /** What the document holds between the markers (each on a line of its own). */
    static String tableInDoc(String doc) {
        int start = doc.indexOf(TABLE_START + "\n");
        int end = doc.indexOf(TABLE_END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException(DOC + " lacks the lines " + TABLE_START + " and " + TABLE_END);
        }
        return doc.substring(start + TABLE_START.length() + 1, end);
    }

    /** The document with {@code table} between the markers instead of what was there. */
    static String withTable(String doc, String table) {
        String old = tableInDoc(doc);
        int start = doc.indexOf(TABLE_START + "\n") + TABLE_START.length() + 1;
        return doc.substring(0, start) + table + doc.substring(start + old.length());
    }

    private static void check(Pattern pattern, String value, String where, String expected) {
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(where + ": '" + value + "' is not " + expected);
        }
    }
}
