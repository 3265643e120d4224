package news.articles.tools.importer;

import java.util.List;
import java.util.Objects;

/** Content that cannot be imported; each problem names its file and, where there is one, its field. */
public class ContentException extends RuntimeException {

    private final List<String> problems;

    public ContentException(List<String> problems) {
        super(String.join("\n", requireSome(problems)));
        this.problems = List.copyOf(problems);
    }

    public ContentException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static List<String> requireSome(List<String> problems) {
        Objects.requireNonNull(problems, "problems");
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ContentException needs at least one problem");
        }
        return problems;
    }
}
