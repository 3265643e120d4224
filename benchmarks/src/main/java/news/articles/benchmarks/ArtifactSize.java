package news.articles.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The deployment package as {@code sam build} lays out a Maven function: the classes at the top,
 * the runtime jars under {@code lib/}, zipped (deflate, default level) into a temporary file.
 */
final class ArtifactSize {

    private ArtifactSize() {
    }

    /** The zip's size in bytes. */
    static long zipBytes(List<Path> taskRoot) {
        try {
            Path zip = Files.createTempFile("function-artifact", ".zip");
            try {
                try (OutputStream file = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(file)) {
                    for (Path entry : taskRoot) {
                        if (Files.isDirectory(entry)) {
                            try (Stream<Path> files = Files.walk(entry)) {
                                for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                                    add(out, entry.relativize(path).toString().replace('\\', '/'), path);
                                }
                            }
                        } else {
                            add(out, "lib/" + entry.getFileName(), entry);
                        }
                    }
                }
                return Files.size(zip);
            } finally {
                Files.deleteIfExists(zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot zip the function code", e);
        }
    }

    private static void add(ZipOutputStream out, String name, Path file) throws IOException {
        out.putNextEntry(new ZipEntry(name));
        Files.copy(file, out);
        out.closeEntry();
    }
}
