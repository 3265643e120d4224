package news.articles.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Finds the repository's root: the nearest folder, from a start folder upwards, that holds template.yaml. */
public final class ProjectRoot {

    public static final String TEMPLATE_FILE = "template.yaml";

    private ProjectRoot() {
    }

    /** From the working directory, which is the module's own folder under Maven and the root from a shell. */
    public static Optional<Path> find() {
        return find(Path.of(""));
    }

    public static Optional<Path> find(Path start) {
        Objects.requireNonNull(start, "start");
        for (Path folder = start.toAbsolutePath().normalize(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(TEMPLATE_FILE))) {
                return Optional.of(folder);
            }
        }
        return Optional.empty();
    }

    public static Path require() {
        return find().orElseThrow(() -> new IllegalStateException(
                "no " + TEMPLATE_FILE + " in " + Path.of("").toAbsolutePath() + " or any folder above it"));
    }
}
