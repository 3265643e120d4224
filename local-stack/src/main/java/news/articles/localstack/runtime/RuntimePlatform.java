package news.articles.localstack.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which of the Runtime Interface Client's JNI libraries this machine can load. The client ships
 * four, all for Linux (its {@code JniHelper} tries them in turn); there is none for macOS or Windows.
 */
final class RuntimePlatform {

    private RuntimePlatform() {
    }

    /** The library for this JVM's machine, or empty when there is none. */
    static Optional<String> jniLibrary() {
        return jniLibrary(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), usesMusl());
    }

    /** The file name under {@code jni/} in the client's jar, as its JniHelper names them. */
    static Optional<String> jniLibrary(String osName, String osArch, boolean musl) {
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(osArch, "osArch");
        if (!osName.toLowerCase(Locale.ROOT).startsWith("linux")) {
            return Optional.empty();
        }
        String arch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> null;
        };
        if (arch == null) {
            return Optional.empty();
        }
        return Optional.of("libaws-lambda-jni." + (musl ? "linux_musl-" : "linux-") + arch + ".so");
    }

    /** Fails, naming this machine, when the client cannot run here. */
    static String requireJniLibrary() {
        return jniLibrary().orElseThrow(() -> new UnsupportedPlatformException(
                "cannot run functions under the AWS Lambda Runtime Interface Client on "
                        + System.getProperty("os.name") + " (" + System.getProperty("os.arch") + "): its native"
                        + " library exists for Linux only, on x86_64 or aarch64 with glibc or musl"));
    }

    /** Alpine and other musl systems have no glibc; their dynamic loader is /lib/ld-musl-<arch>.so.1. */
    private static boolean usesMusl() {
        try (var entries = Files.list(Path.of("/lib"))) {
            return entries.anyMatch(path -> path.getFileName().toString().startsWith("ld-musl-"));
        } catch (Exception e) {
            return false;
        }
    }
}
