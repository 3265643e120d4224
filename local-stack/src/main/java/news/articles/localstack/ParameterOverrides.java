package news.articles.localstack;

import java.util.LinkedHashMap;
import java.util.Map;

/** Parses {@code sam deploy}'s {@code --parameter-overrides} text: {@code Name=Value Other="a value"}. */
final class ParameterOverrides {

    private ParameterOverrides() {
    }

    static Map<String, String> parse(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            int equals = text.indexOf('=', i);
            if (equals < 0) {
                throw new IllegalArgumentException("parameter override without '=': " + text.substring(i));
            }
            String name = text.substring(i, equals);
            if (name.isEmpty() || !name.chars().allMatch(Character::isLetterOrDigit)) {
                throw new IllegalArgumentException("not a parameter name: '" + name + "'");
            }
            i = equals + 1;
            StringBuilder value = new StringBuilder();
            if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i++);
                int end = text.indexOf(quote, i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed quote in the value of " + name);
                }
                value.append(text, i, end);
                i = end + 1;
            } else {
                while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                    value.append(text.charAt(i++));
                }
            }
            values.put(name, value.toString());
        }
        return values;
    }
}
