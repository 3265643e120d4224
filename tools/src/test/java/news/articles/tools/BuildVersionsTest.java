package news.articles.tools;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * functions/ builds alone (`sam build` copies it without the rest), so its POM repeats the versions
 * it uses instead of inheriting build-parent's: they must stay the same, or the modules that test
 * and run the functions would do so with other versions than Lambda gets.
 */
class BuildVersionsTest {

    private static final Path ROOT = ProjectRoot.require();
    private static final String FUNCTIONS = "functions/pom.xml";
    private static final String PARENT = "build-parent/pom.xml";
    private static final List<String> CHILDREN = List.of("tools", "integration-tests", "local-stack", "benchmarks");

    @Test
    void functionsHasNoParent() {
        assertTrue(Pom.read(FUNCTIONS).child("parent").isEmpty(),
                FUNCTIONS + " must not have a parent: sam build copies functions/ alone");
    }

    @Test
    void everyPropertyOfFunctionsHasTheSameValueUnderTheSameNameInTheParent() {
        Pom functions = Pom.read(FUNCTIONS);
        Map<String, String> parent = Pom.read(PARENT).properties();
        List<String> differences = new ArrayList<>();
        functions.properties().forEach((name, value) -> {
            if (!value.equals(parent.get(name))) {
                differences.add("property " + name + ": " + value + " in " + FUNCTIONS + ", "
                        + Optional.ofNullable(parent.get(name)).orElse("nothing") + " in " + PARENT);
            }
        });
        assertNoDifferences(differences);
    }

    @Test
    void everyDependencyVersionOfFunctionsIsTheOneTheParentManages() {
        Pom functions = Pom.read(FUNCTIONS);
        Map<String, String> parent = Pom.read(PARENT).versions("dependencyManagement/dependencies/dependency");
        Map<String, String> used = functions.versions("dependencyManagement/dependencies/dependency");
        used.putAll(functions.versions("dependencies/dependency"));
        assertTrue(used.containsKey("software.amazon.awssdk:bom:pom"), "the reading below found " + used.keySet());
        assertNoDifferences(differences("dependency", used, parent));
    }

    @Test
    void everyPluginVersionOfFunctionsIsTheOneTheParentManages() {
        Pom functions = Pom.read(FUNCTIONS);
        Map<String, String> parent = Pom.read(PARENT).versions("build/pluginManagement/plugins/plugin");
        Map<String, String> used = functions.versions("build/pluginManagement/plugins/plugin");
        used.putAll(functions.versions("build/plugins/plugin"));
        assertTrue(used.containsKey("org.apache.maven.plugins:maven-compiler-plugin"), "the reading below found " + used.keySet());
        assertNoDifferences(differences("plugin", used, parent));
    }

    /** Versions live in build-parent only: a child naming one would drift from it again. */
    @Test
    void theOtherModulesInheritTheParentAndNameNoVersionOfTheirOwn() {
        List<String> found = new ArrayList<>();
        for (String module : CHILDREN) {
            String file = module + "/pom.xml";
            Pom pom = Pom.read(file);
            String parent = pom.child("parent").flatMap(element -> text(element, "artifactId")).orElse("none");
            if (!parent.equals("build-parent")) {
                found.add(file + " has parent " + parent + ", not build-parent");
            }
            pom.properties().keySet().stream().filter(name -> name.endsWith(".version"))
                    .forEach(name -> found.add(file + " defines the property " + name));
            for (String path : List.of("dependencies/dependency", "dependencyManagement/dependencies/dependency",
                    "build/plugins/plugin", "build/pluginManagement/plugins/plugin")) {
                pom.versions(path).forEach((key, version) -> found.add(file + " gives " + key + " the version " + version));
            }
        }
        assertTrue(found.isEmpty(), "versions belong in " + PARENT + ":\n  " + String.join("\n  ", found));
    }

    private static List<String> differences(String kind, Map<String, String> functions, Map<String, String> parent) {
        List<String> differences = new ArrayList<>();
        functions.forEach((key, version) -> {
            if (!version.equals(parent.get(key))) {
                differences.add(kind + " " + key + ": " + version + " in " + FUNCTIONS + ", "
                        + Optional.ofNullable(parent.get(key)).map(managed -> managed + " in " + PARENT)
                                .orElse("not managed in " + PARENT));
            }
        });
        return differences;
    }

    private static void assertNoDifferences(List<String> differences) {
        assertTrue(differences.isEmpty(), "functions/ builds alone with its own versions; give both POMs the"
                + " same:\n  " + String.join("\n  ", differences) + "\n");
    }

    private static Optional<String> text(Element parent, String name) {
        return Pom.children(parent, name).stream().findFirst().map(element -> element.getTextContent().trim());
    }

    /** A POM as written: its own properties, and the versions it writes, with its own properties substituted. */
    private record Pom(String file, Element project, Map<String, String> properties) {

        private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

        static Pom read(String file) {
            Element project;
            try {
                project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve(file).toFile())
                        .getDocumentElement();
            } catch (IOException | ParserConfigurationException | SAXException e) {
                throw new AssertionError("cannot read " + file, e);
            }
            Map<String, String> properties = new LinkedHashMap<>();
            children(project, "properties").forEach(block -> {
                for (Node node = block.getFirstChild(); node != null; node = node.getNextSibling()) {
                    if (node instanceof Element property) {
                        properties.put(property.getTagName(), property.getTextContent().trim());
                    }
                }
            });
            return new Pom(file, project, properties);
        }

        Optional<Element> child(String name) {
            return children(project, name).stream().findFirst();
        }

        /** groupId:artifactId (and :type when not a jar) to version, for each element at this path that has one. */
        Map<String, String> versions(String path) {
            List<Element> elements = List.of(project);
            for (String name : path.split("/")) {
                elements = elements.stream().flatMap(element -> children(element, name).stream()).toList();
            }
            Map<String, String> versions = new LinkedHashMap<>();
            for (Element element : elements) {
                Optional<String> version = text(element, "version");
                if (version.isPresent()) {
                    String type = text(element, "type").orElse("jar");
                    String key = text(element, "groupId").orElse("org.apache.maven.plugins") + ":"
                            + text(element, "artifactId").orElseThrow() + (type.equals("jar") ? "" : ":" + type);
                    versions.put(key, resolve(version.get()));
                }
            }
            return versions;
        }

        private String resolve(String value) {
            Matcher reference = PROPERTY.matcher(value);
            StringBuilder resolved = new StringBuilder();
            while (reference.find()) {
                String name = reference.group(1);
                String replacement = name.equals("project.version") ? text(project, "version")
                        .or(() -> child("parent").flatMap(parent -> text(parent, "version"))).orElseThrow()
                        : properties.get(name);
                if (replacement == null) {
                    throw new AssertionError(file + " uses ${" + name + "}, which it does not define");
                }
                reference.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
            }
            return reference.appendTail(resolved).toString();
        }

        static List<Element> children(Element parent, String name) {
            List<Element> children = new ArrayList<>();
            for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
                if (node instanceof Element element && element.getTagName().equals(name)) {
                    children.add(element);
                }
            }
            return children;
        }
    }
}
