package news.articles.localstack.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A route of the HTTP API and the function behind it: {@code GET /articles/{slug}}, {@code ANY /{proxy+}},
 * or the catch-all {@code $default}.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html">Routes for HTTP APIs</a>
 */
public record Route(String method, String pathTemplate, String functionLogicalId) {

    /** The path template of the catch-all route; its route key is just {@code $default}. */
    public static final String DEFAULT_ROUTE = "$default";
    public static final String ANY = "ANY";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", ANY);
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pathTemplate, "pathTemplate");
        Objects.requireNonNull(functionLogicalId, "functionLogicalId");
        method = method.toUpperCase(Locale.ROOT);
        if (pathTemplate.equals(DEFAULT_ROUTE) || method.equals(DEFAULT_ROUTE.toUpperCase(Locale.ROOT))) {
            // HttpRoute spells the catch-all "ANY $default"; API Gateway's route key is "$default".
            method = ANY;
            pathTemplate = DEFAULT_ROUTE;
        } else {
            if (!METHODS.contains(method)) {
                throw new IllegalArgumentException("route " + method + " " + pathTemplate + ": unknown method " + method);
            }
            segments(pathTemplate);
        }
    }

    /** The catch-all route for requests no other route matches. */
    public static Route defaultRoute(String functionLogicalId) {
        return new Route(ANY, DEFAULT_ROUTE, functionLogicalId);
    }

    public boolean isDefault() {
        return pathTemplate.equals(DEFAULT_ROUTE);
    }

    /** What API Gateway puts in the event's {@code routeKey}: {@code GET /articles/{slug}}, or {@code $default}. */
    public String routeKey() {
        return isDefault() ? DEFAULT_ROUTE : method + " " + pathTemplate;
    }

    /** The template's segments; empty for {@code /} and for {@code $default}. */
    List<Segment> segments() {
        return isDefault() ? List.of() : segments(pathTemplate);
    }

    private static List<Segment> segments(String template) {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("route path " + template + " must start with /");
        }
        String rest = template.substring(1);
        List<Segment> segments = new ArrayList<>();
        if (rest.isEmpty()) {
            return List.of();
        }
        String[] parts = rest.split("/", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            if (part.isEmpty()) {
                throw new IllegalArgumentException("route path " + template + " has an empty segment");
            }
            if (part.startsWith("{") && part.endsWith("}")) {
                String name = part.substring(1, part.length() - 1);
                boolean greedy = name.endsWith("+");
                if (greedy) {
                    name = name.substring(0, name.length() - 1);
                    if (i != parts.length - 1) {
                        throw new IllegalArgumentException(
                                "route path " + template + ": a greedy path variable must be at the end of the path");
                    }
                }
                if (!VARIABLE_NAME.matcher(name).matches()) {
                    throw new IllegalArgumentException("route path " + template + ": bad variable name in " + part);
                }
                segments.add(new Segment(greedy ? Segment.Kind.GREEDY : Segment.Kind.VARIABLE, name));
            } else if (part.contains("{") || part.contains("}")) {
                throw new IllegalArgumentException(
                        "route path " + template + ": a path variable must be a whole segment: " + part);
            } else {
                segments.add(new Segment(Segment.Kind.LITERAL, part));
            }
        }
        return Collections.unmodifiableList(segments);
    }

    @Override
    public String toString() {
        return routeKey() + " -> " + functionLogicalId;
    }

    /** One segment of a path template; the order of {@link Kind} is from least to most specific. */
    record Segment(Kind kind, String text) {
        enum Kind { GREEDY, VARIABLE, LITERAL }
    }
}
