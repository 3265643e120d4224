package news.articles.tools.template;

import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads CloudFormation YAML, whose short-form intrinsics ({@code !Ref X}) plain YAML rejects as unknown tags. */
final class CloudFormationYaml {

    /** https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html */
    private static final List<String> FUNCTIONS = List.of(
            "Base64", "Cidr", "FindInMap", "GetAtt", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub",
            "Transform", "Length", "ToJsonString", "If", "Equals", "Not", "And", "Or");

    private CloudFormationYaml() {
    }

    static Object load(String text) {
        LoaderOptions options = new LoaderOptions();
        // CloudFormation rejects a duplicated key; plain SnakeYAML would keep the last one silently.
        options.setAllowDuplicateKeys(false);
        return new Yaml(new IntrinsicConstructor(options)).load(text);
    }

    /** SafeConstructor, plus one construct per short-form tag: no arbitrary classes are ever built. */
    private static final class IntrinsicConstructor extends SafeConstructor {

        IntrinsicConstructor(LoaderOptions options) {
            super(options);
            register("Ref", "Ref");
            register("Condition", "Condition");
            for (String function : FUNCTIONS) {
                register(function, "Fn::" + function);
            }
        }

        private void register(String shortName, String longName) {
            yamlConstructors.put(new Tag("!" + shortName), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object argument;
                    if (node instanceof ScalarNode scalar) {
                        argument = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        argument = constructSequence(sequence);
                    } else {
                        argument = constructMapping((MappingNode) node);
                    }
                    // The long form of GetAtt is always [resource, attribute]; the attribute may contain dots.
                    if (longName.equals("Fn::GetAtt") && argument instanceof String dotted) {
                        int dot = dotted.indexOf('.');
                        if (dot < 1 || dot == dotted.length() - 1) {
                            throw new TemplateException("!GetAtt " + dotted + " is not Resource.Attribute ("
                                    + node.getStartMark() + ")");
                        }
                        argument = List.of(dotted.substring(0, dot), dotted.substring(dot + 1));
                    }
                    return new Intrinsic(longName, argument);
                }
            });
        }
    }
}
