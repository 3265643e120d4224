package news.articles.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import news.articles.json.Json;

/** Reads a value out of JSON parsed by {@link Json#read(String)}: {@code at(tree, "recommended", 0, "slug")}. */
public final class JsonTree {

    private JsonTree() {
    }

    public static Object parse(String text) {
        try {
            return Json.read(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }

    public static Object at(Object tree, Object... path) {
        Object current = tree;
        for (Object step : path) {
            if (step instanceof Integer index && current instanceof List<?> list) {
                current = list.get(index);
            } else if (step instanceof String name && current instanceof Map<?, ?> map) {
                if (!map.containsKey(name)) {
                    throw new AssertionError("no member '" + name + "' in " + map.keySet());
                }
                current = map.get(name);
            } else {
                throw new AssertionError("cannot step " + step + " into " + current);
            }
        }
        return current;
    }

    public static String string(Object tree, Object... path) {
        Object value = at(tree, path);
        if (!(value instanceof String text)) {
            throw new AssertionError("not a string: " + value);
        }
        return text;
    }

    public static int integer(Object tree, Object... path) {
        Object value = at(tree, path);
        if (!(value instanceof Json.JsonNumber number)) {
            throw new AssertionError("not a number: " + value);
        }
        return Integer.parseInt(number.text());
    }

    public static List<?> list(Object tree, Object... path) {
        Object value = at(tree, path);
        if (!(value instanceof List<?> list)) {
            throw new AssertionError("not an array: " + value);
        }
        return list;
    }

    public static Map<?, ?> object(Object tree, Object... path) {
        Object value = at(tree, path);
        if (!(value instanceof Map<?, ?> map)) {
            throw new AssertionError("not an object: " + value);
        }
        return map;
    }
}
