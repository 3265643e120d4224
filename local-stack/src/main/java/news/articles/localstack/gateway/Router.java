package news.articles.localstack.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Selects the route of a request as an HTTP API does: the most specific match, with a full match of
 * path and method before a greedy path variable, and the {@code $default} route last.
 *
 * <p>Within those tiers: a literal segment beats a path variable, which beats a greedy one, compared
 * from the left; then an explicit method beats {@code ANY} ("the ANY method matches all methods that
 * you haven't defined for a resource"). A path that matches no route for this method is not found,
 * even when another method has a route for it: HTTP APIs answer 404, never 405.
 *
 * @see <a href="https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-routes.html#http-api-develop-routes.evaluation">Routing API requests</a>
 */
public final class Router {

    private static final Comparator<Candidate> SPECIFICITY = Router::compareSpecificity;

    private final List<Route> routes;
    private final Optional<Route> defaultRoute;

    public Router(List<Route> routes) {
        Objects.requireNonNull(routes, "routes");
        Set<String> keys = new HashSet<>();
        Route defaultRoute = null;
        for (Route route : routes) {
            Objects.requireNonNull(route, "route");
            if (!keys.add(route.routeKey())) {
                throw new IllegalArgumentException("two routes have the key " + route.routeKey());
            }
            if (route.isDefault()) {
                defaultRoute = route;
            }
        }
        this.routes = List.copyOf(routes);
        this.defaultRoute = Optional.ofNullable(defaultRoute);
    }

    public List<Route> routes() {
        return routes;
    }

    /**
     * The route for {@code method} and the request's raw (still percent-encoded) path, with the
     * decoded path and path parameters; empty when API Gateway would answer 404.
     */
    public Optional<Match> match(String method, String rawPath) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        String path = decodePath(rawPath);
        List<String> requestSegments = requestSegments(path);
        Candidate best = null;
        for (Route route : routes) {
            if (route.isDefault() || !(route.method().equals(Route.ANY) || route.method().equals(method))) {
                continue;
            }
            Map<String, String> parameters = bind(route.segments(), requestSegments);
            if (parameters != null) {
                Candidate candidate = new Candidate(route, parameters);
                if (best == null || SPECIFICITY.compare(candidate, best) > 0) {
                    best = candidate;
                }
            }
        }
        if (best != null) {
            return Optional.of(new Match(best.route(), path, best.parameters()));
        }
        return defaultRoute.map(route -> new Match(route, path, Map.of()));
    }

    /**
     * The path as an HTTP API hands it to the integration in {@code rawPath}: percent-escapes
     * decoded (as UTF-8), except {@code %25}, which stays encoded so that the result can still be
     * told apart from an escape. An escape that is not one ({@code %zz}) is left as it is.
     */
    public static String decodePath(String rawPath) {
        Objects.requireNonNull(rawPath, "rawPath");
        if (rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        StringBuilder decoded = new StringBuilder(rawPath.length());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int i = 0;
        while (i < rawPath.length()) {
            char c = rawPath.charAt(i);
            int value = c == '%' && i + 2 < rawPath.length()
                    ? hexByte(rawPath.charAt(i + 1), rawPath.charAt(i + 2))
                    : -1;
            if (value >= 0 && value != '%') {
                pending.write(value);
                i += 3;
                continue;
            }
            flush(pending, decoded);
            if (value == '%') {
                decoded.append("%25");
                i += 3;
            } else {
                decoded.append(c);
                i++;
            }
        }
        flush(pending, decoded);
        return decoded.toString();
    }

    private static void flush(ByteArrayOutputStream pending, StringBuilder decoded) {
        if (pending.size() > 0) {
            // Invalid UTF-8 becomes U+FFFD, as String's decoder does.
            decoded.append(new String(pending.toByteArray(), StandardCharsets.UTF_8));
            pending.reset();
        }
    }

    private static int hexByte(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }

    /** API Gateway selects the route of a path with extra leading slashes as if it had one. */
    private static List<String> requestSegments(String path) {
        int start = 0;
        while (start < path.length() && path.charAt(start) == '/') {
            start++;
        }
        String rest = path.substring(start);
        return rest.isEmpty() ? List.of() : List.of(rest.split("/", -1));
    }

    /** The path parameters when the template matches the request's segments, else null. */
    private static Map<String, String> bind(List<Route.Segment> template, List<String> request) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < template.size(); i++) {
            Route.Segment segment = template.get(i);
            switch (segment.kind()) {
                case LITERAL -> {
                    if (i >= request.size() || !request.get(i).equals(segment.text())) {
                        return null;
                    }
                }
                case VARIABLE -> {
                    if (i >= request.size() || request.get(i).isEmpty()) {
                        return null;
                    }
                    parameters.put(segment.text(), parameterValue(request.get(i)));
                }
                case GREEDY -> {
                    // It catches child resources: at least one more segment, and not an empty one.
                    String rest = String.join("/", request.subList(Math.min(i, request.size()), request.size()));
                    if (rest.isEmpty()) {
                        return null;
                    }
                    parameters.put(segment.text(), parameterValue(rest));
                    return Collections.unmodifiableMap(parameters);
                }
                default -> throw new IllegalStateException(segment.kind().toString());
            }
        }
        return template.size() == request.size() ? Collections.unmodifiableMap(parameters) : null;
    }

    /** A parameter's value is fully decoded: the {@code %25} that rawPath keeps becomes {@code %}. */
    private static String parameterValue(String segment) {
        return segment.replace("%25", "%");
    }

    private static int compareSpecificity(Candidate a, Candidate b) {
        List<Route.Segment> left = a.route().segments();
        List<Route.Segment> right = b.route().segments();
        boolean leftGreedy = isGreedy(left);
        boolean rightGreedy = isGreedy(right);
        if (leftGreedy != rightGreedy) {
            return leftGreedy ? -1 : 1;
        }
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int byKind = left.get(i).kind().compareTo(right.get(i).kind());
            if (byKind != 0) {
                return byKind;
            }
        }
        if (left.size() != right.size()) {
            // Only greedy routes of different lengths both match: the longer prefix is the more specific.
            return Integer.compare(left.size(), right.size());
        }
        boolean leftAny = a.route().method().equals(Route.ANY);
        boolean rightAny = b.route().method().equals(Route.ANY);
        return leftAny == rightAny ? 0 : leftAny ? -1 : 1;
    }

    private static boolean isGreedy(List<Route.Segment> segments) {
        return !segments.isEmpty() && segments.get(segments.size() - 1).kind() == Route.Segment.Kind.GREEDY;
    }

    private record Candidate(Route route, Map<String, String> parameters) {
    }

    /** The selected route, the decoded path ({@code rawPath} in the event) and the path parameters. */
    public record Match(Route route, String path, Map<String, String> pathParameters) {
        public Match {
            Objects.requireNonNull(route, "route");
            Objects.requireNonNull(path, "path");
            pathParameters = Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
        }
    }
}
