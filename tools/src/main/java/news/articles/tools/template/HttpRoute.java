package news.articles.tools.template;

import java.util.Objects;

/** A route of the HTTP API that a function serves: {@code GET /articles/{slug}}, or {@code ANY $default}. */
public record HttpRoute(String method, String path) {

    public HttpRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
