package news.articles.http;

/** Decides between a page and JSON for the endpoints a browser may visit directly. */
public final class Negotiation {

    private Negotiation() {
    }

    /**
     * Browsers navigating or posting a form send {@code Accept: text/html,...}; fetch() and API
     * clients send {@code *}{@code /*} or application/json, and get JSON.
     */
    public static boolean prefersHtml(HttpRequest request) {
        return request.header("accept").map(accept -> accept.contains("text/html")).orElse(false);
    }

    /**
     * For the pages a browser shows by default (the newsletter's): JSON only when the client asks
     * for application/json and not for text/html.
     */
    public static boolean asksForJson(HttpRequest request) {
        return request.header("accept")
                .map(accept -> accept.contains("application/json") && !accept.contains("text/html"))
                .orElse(false);
    }
}
