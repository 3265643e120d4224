package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionCodeTest {

    @TempDir
    Path root;

    private Path classes() throws IOException {
        return Files.createDirectories(root.resolve("functions/target/classes"));
    }

    private Path dependencies() throws IOException {
        return Files.createDirectories(root.resolve("functions/target/dependency"));
    }

    @Test
    void theClassesThenEveryJarInNameOrder() throws IOException {
        Path classes = classes();
        Path dependencies = dependencies();
        Path sdk = Files.createFile(dependencies.resolve("dynamodb-2.57.8.jar"));
        Path core = Files.createFile(dependencies.resolve("aws-lambda-java-core-1.4.0.jar"));
        Path jackson = Files.createFile(dependencies.resolve("jackson-databind-2.23.0.jar"));
        Files.createFile(dependencies.resolve("README.txt"));
        Files.createFile(dependencies.resolve("notes.jar.txt"));

        assertEquals(List.of(classes, core, sdk, jackson), FunctionCode.taskRoot(root));
    }

    @Test
    void noJarsIsJustTheClasses() throws IOException {
        Path classes = classes();
        dependencies();

        assertEquals(List.of(classes), FunctionCode.taskRoot(root));
    }

    @Test
    void theListCannotBeChanged() throws IOException {
        classes();
        dependencies();

        List<Path> taskRoot = FunctionCode.taskRoot(root);
        assertThrows(UnsupportedOperationException.class, () -> taskRoot.add(root));
    }

    @Test
    void codeThatIsNotBuiltFailsSayingHowToBuildIt() throws IOException {
        assertNotBuilt();
        classes();
        assertNotBuilt();
        Files.delete(root.resolve("functions/target/classes"));
        dependencies();
        assertNotBuilt();
    }

    /** As `sam build` would leave it: copy-dependencies not run yet, or the classes not compiled. */
    private void assertNotBuilt() {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> FunctionCode.taskRoot(root));
        assertEquals("the function code is not built (" + root.resolve("functions/target/classes") + ", "
                + root.resolve("functions/target/dependency") + "): " + FunctionCode.BUILD_HINT, thrown.getMessage());
    }

    @Test
    void aFileWhereAFolderShouldBeIsNotABuild() throws IOException {
        classes();
        Files.writeString(root.resolve("functions/target/dependency"), "not a folder");

        assertThrows(IllegalStateException.class, () -> FunctionCode.taskRoot(root));
    }
}
