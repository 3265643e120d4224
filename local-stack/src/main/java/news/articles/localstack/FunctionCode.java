package news.articles.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The functions' code as `sam build` packages it from {@code CodeUri: functions}: the compiled
 * classes and the runtime jars that {@code mvn dependency:copy-dependencies -DincludeScope=runtime}
 * copies (SAM runs that same goal), which is what Lambda puts on the class path.
 */
public final class FunctionCode {

    static final String BUILD_HINT =
            "build it first: (cd functions && mvn -DskipTests install dependency:copy-dependencies -DincludeScope=runtime), "
                    + "or run bin/local, which does";

    private FunctionCode() {
    }

    /** The class path entries: the classes folder, then every jar. */
    public static List<Path> taskRoot(Path root) {
        Path classes = root.resolve("functions/target/classes");
        Path dependencies = root.resolve("functions/target/dependency");
        if (!Files.isDirectory(classes) || !Files.isDirectory(dependencies)) {
            throw new IllegalStateException("the function code is not built (" + classes + ", " + dependencies + "): "
                    + BUILD_HINT);
        }
        List<Path> entries = new ArrayList<>();
        entries.add(classes);
        try (Stream<Path> jars = Files.list(dependencies)) {
            jars.filter(path -> path.getFileName().toString().endsWith(".jar")).sorted().forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dependencies, e);
        }
        return List.copyOf(entries);
    }
}
