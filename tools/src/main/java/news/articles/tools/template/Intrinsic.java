package news.articles.tools.template;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A CloudFormation intrinsic function as the template wrote it, left unresolved: its long-form
 * name ({@code Ref}, {@code Condition}, {@code Fn::Sub}, {@code Fn::GetAtt}, ...) and its argument
 * (a string, a list or a map, which may hold further intrinsics). A short-form {@code !GetAtt A.B}
 * becomes the list {@code [A, B]}, as in the long form.
 */
public record Intrinsic(String name, Object argument) {

    public Intrinsic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(argument, "argument");
    }

    public static Intrinsic ref(String logicalId) {
        return new Intrinsic("Ref", logicalId);
    }

    /**
     * The intrinsic that {@code value} is, in either form: a short form read from a tag, or a
     * long-form single-key map such as {@code {"Ref": "X"}} or {@code {"Fn::Sub": "..."}}. A
     * long-form {@code {"Condition": "X"}} is not recognised: out of context it is an ordinary key.
     */
    public static Optional<Intrinsic> of(Object value) {
        if (value instanceof Intrinsic intrinsic) {
            return Optional.of(intrinsic);
        }
        if (value instanceof Map<?, ?> map && map.size() == 1) {
            Map.Entry<?, ?> entry = map.entrySet().iterator().next();
            if (entry.getKey() instanceof String key && entry.getValue() != null
                    && (key.equals("Ref") || key.startsWith("Fn::"))) {
                return Optional.of(new Intrinsic(key, entry.getValue()));
            }
        }
        return Optional.empty();
    }
}
