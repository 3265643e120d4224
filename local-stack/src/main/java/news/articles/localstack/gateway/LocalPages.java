package news.articles.localstack.gateway;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import news.articles.html.Html;

/**
 * The pages the local stack adds under {@value #PREFIX}, a prefix no API route may use: an index of
 * the routes, and the outbox of the emails the functions sent, as HTML and as JSON.
 */
final class LocalPages {

    static final String PREFIX = "/_local";
    static final String OUTBOX = PREFIX + "/outbox";
    static final String OUTBOX_JSON = PREFIX + "/outbox.json";
    static final String METRICS = PREFIX + "/metrics";

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final Pattern HREF = Pattern.compile("(?i)\\bhref\\s*=\\s*(\"([^\"]*)\"|'([^']*)')");
    private static final Pattern BARE_URL = Pattern.compile("https?://[^\\s<>\"']+");
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");
    private static final JsonFactory JSON = new JsonFactory();
    /** The emails are somebody else's HTML: nothing in them runs, and the pages load nothing else. */
    private static final List<Map.Entry<String, String>> HTML_HEADERS = List.of(
            Map.entry("Content-Type", "text/html; charset=utf-8"),
            Map.entry("Content-Security-Policy",
                    "default-src 'none'; style-src 'unsafe-inline'; img-src * data:; frame-src 'self';"
                            + " base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
            Map.entry("Cache-Control", "no-store"),
            Map.entry("Referrer-Policy", "no-referrer"),
            Map.entry("X-Content-Type-Options", "nosniff"));
    private static final String STYLE = """
            body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
            table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #ddd}
            code{font-size:.9em}.email{border:1px solid #ccc;border-radius:6px;padding:1rem;margin:1rem 0}
            .meta{color:#555;margin:.2rem 0}iframe{width:100%;height:22rem;border:1px solid #ddd;background:#fff}
            pre{white-space:pre-wrap;background:#f6f6f6;padding:.6rem}.links a{display:block;word-break:break-all}
            .warning{background:#fff3cd;padding:.6rem}""";

    private final List<Route> routes;
    private final Outbox outbox;
    private final List<String> functions;
    private final LocalMetrics metrics;

    LocalPages(List<Route> routes, Outbox outbox) {
        this(routes, outbox, routes.stream().map(Route::functionLogicalId).distinct().toList());
    }

    /** {@code functions}: those {@code POST /_local/invoke/{Function}} invokes, listed on the index. */
    LocalPages(List<Route> routes, Outbox outbox, List<String> functions) {
        this(routes, outbox, functions, new LocalMetrics());
    }

    /** {@code metrics}: the functions' business metrics, summed, for {@value #METRICS}. */
    LocalPages(List<Route> routes, Outbox outbox, List<String> functions, LocalMetrics metrics) {
        this.routes = List.copyOf(Objects.requireNonNull(routes, "routes"));
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.functions = List.copyOf(Objects.requireNonNull(functions, "functions"));
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    static boolean handles(String rawPath) {
        return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
    }

    GatewayResponse respond(String method, String rawPath) {
        boolean known = rawPath.equals(PREFIX) || rawPath.equals(PREFIX + "/")
                || rawPath.equals(OUTBOX) || rawPath.equals(OUTBOX_JSON) || rawPath.equals(METRICS);
        if (!known) {
            return GatewayResponse.notFound();
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return new GatewayResponse(405, List.of(Map.entry("Allow", "GET, HEAD"),
                    Map.entry("Content-Type", GatewayResponse.JSON)),
                    "{\"message\":\"Method Not Allowed\"}".getBytes(StandardCharsets.UTF_8));
        }
        if (rawPath.equals(METRICS)) {
            return new GatewayResponse(200, List.of(Map.entry("Content-Type", GatewayResponse.JSON),
                    Map.entry("Cache-Control", "no-store")), metrics.json().getBytes(StandardCharsets.UTF_8));
        }
        if (rawPath.equals(OUTBOX) || rawPath.equals(OUTBOX_JSON)) {
            String problem = null;
            try {
                outbox.refresh();
            } catch (RuntimeException e) {
                problem = "Could not read the sent emails just now (" + e.getClass().getSimpleName()
                        + "); showing what was read before.";
            }
            List<OutboxEmail> emails = outbox.emails();
            return rawPath.equals(OUTBOX) ? html(outboxPage(emails, problem)) : outboxJson(emails);
        }
        return html(indexPage());
    }

    private String indexPage() {
        StringBuilder page = start("Local stack");
        page.append("<h1>Local stack</h1>\n<p><a href=\"").append(escape(OUTBOX))
                .append("\">Outbox</a>: the emails the functions sent (<a href=\"").append(escape(OUTBOX_JSON))
                .append("\">as JSON</a>).</p>\n<p><a href=\"").append(escape(METRICS))
                .append("\">Metrics</a>: the business metrics the functions wrote (EMF lines in their log), summed by name,"
                        + " as JSON.</p>\n<h2>Routes</h2>\n<table>\n<tr><th>Method</th><th>Path</th>"
                        + "<th>Function</th></tr>\n");
        for (Route route : routes) {
            page.append("<tr><td>").append(escape(route.method())).append("</td><td><code>");
            boolean linkable = !route.isDefault() && route.method().equals("GET") && !route.pathTemplate().contains("{");
            if (linkable) {
                page.append("<a href=\"").append(escape(route.pathTemplate())).append("\">")
                        .append(escape(route.pathTemplate())).append("</a>");
            } else {
                page.append(escape(route.pathTemplate()));
            }
            page.append("</code></td><td>").append(escape(route.functionLogicalId())).append("</td></tr>\n");
        }
        page.append("</table>\n<h2>Invoke a function</h2>\n<p><code>POST ").append(escape(InvokeEndpoint.PATH))
                .append("/{FunctionLogicalId}</code> invokes a function with the request body as its event; with no"
                        + " body, with its trigger's sample event (for a schedule, a run at <code>?time=</code>, an"
                        + " ISO-8601 instant, default now); the answer is what the function returned. The banner"
                        + " shows a <code>curl</code> line. The functions:</p>\n<ul>\n");
        for (String function : functions) {
            page.append("<li><code>").append(escape(function)).append("</code></li>\n");
        }
        return page.append("</ul>\n</body>\n</html>\n").toString();
    }

    private static String outboxPage(List<OutboxEmail> emails, String problem) {
        StringBuilder page = start("Outbox");
        page.append("<h1>Outbox</h1>\n<p>The emails the functions sent, newest first. <a href=\"")
                .append(escape(OUTBOX)).append("\">Refresh</a> · <a href=\"").append(escape(OUTBOX_JSON))
                .append("\">JSON</a> · <a href=\"").append(escape(PREFIX + "/")).append("\">Routes</a></p>\n");
        if (problem != null) {
            page.append("<p class=\"warning\">").append(escape(problem)).append("</p>\n");
        }
        if (emails.isEmpty()) {
            page.append("<p>No email sent yet.</p>\n");
        }
        for (OutboxEmail email : emails) {
            page.append("<article class=\"email\">\n<h2>").append(escape(email.subject())).append("</h2>\n")
                    .append("<p class=\"meta\">").append(escape(TIME.format(email.sentAt())))
                    .append(" · from ").append(escape(email.from()))
                    .append(" · to ").append(escape(String.join(", ", email.to()))).append("</p>\n");
            if (looksLikeHtml(email.body())) {
                // sandbox="": no scripts, no forms, no same-origin access; the links below are the way out.
                page.append("<iframe sandbox=\"\" referrerpolicy=\"no-referrer\" title=\"")
                        .append(escape(email.subject())).append("\" srcdoc=\"").append(escape(email.body()))
                        .append("\"></iframe>\n");
            } else {
                page.append("<pre>").append(escape(email.body())).append("</pre>\n");
            }
            List<String> links = links(email.body());
            if (!links.isEmpty()) {
                page.append("<div class=\"links\"><p>Links in this email:</p>\n");
                for (String link : links) {
                    page.append("<a href=\"").append(escape(link)).append("\" rel=\"noreferrer\">")
                            .append(escape(link)).append("</a>\n");
                }
                page.append("</div>\n");
            }
            page.append("</article>\n");
        }
        return page.append("</body>\n</html>\n").toString();
    }

    private static GatewayResponse outboxJson(List<OutboxEmail> emails) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("emails");
            for (OutboxEmail email : emails) {
                json.writeStartObject();
                json.writeStringField("sentAt", email.sentAt().toString());
                json.writeStringField("from", email.from());
                json.writeArrayFieldStart("to");
                for (String to : email.to()) {
                    json.writeString(to);
                }
                json.writeEndArray();
                json.writeStringField("subject", email.subject());
                json.writeStringField("body", email.body());
                json.writeArrayFieldStart("links");
                for (String link : links(email.body())) {
                    json.writeString(link);
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GatewayResponse(200, List.of(Map.entry("Content-Type", GatewayResponse.JSON),
                Map.entry("Cache-Control", "no-store")), out.toByteArray());
    }

    /** The http(s) links of a body, in order and once each: href attributes first, then bare URLs. */
    static List<String> links(String body) {
        Set<String> links = new LinkedHashSet<>();
        Matcher href = HREF.matcher(body);
        while (href.find()) {
            String value = unescape((href.group(2) != null ? href.group(2) : href.group(3)).trim());
            if (isWebLink(value)) {
                links.add(value);
            }
        }
        Matcher bare = BARE_URL.matcher(HREF.matcher(body).replaceAll(""));
        while (bare.find()) {
            String value = unescape(bare.group());
            if (isWebLink(value)) {
                links.add(value);
            }
        }
        return new ArrayList<>(links);
    }

    private static boolean isWebLink(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") && lower.length() > "https://".length()
                || lower.startsWith("http://") && lower.length() > "http://".length();
    }

    private static boolean looksLikeHtml(String body) {
        return body.indexOf('<') >= 0 && body.indexOf('>') > body.indexOf('<');
    }

    /** The character references an href may hold; enough for links, not a general HTML decoder. */
    private static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher entity = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (entity.find()) {
            String name = entity.group(1);
            String replacement = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    try {
                        int codePoint = name.startsWith("#x") || name.startsWith("#X")
                                ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                        yield new String(Character.toChars(codePoint));
                    } catch (IllegalArgumentException e) {
                        yield entity.group();
                    }
                }
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        entity.appendTail(out);
        return out.toString();
    }

    /** For text and for attribute values alike: the functions' own escaping. */
    static String escape(String text) {
        return Html.escape(text);
    }

    private static StringBuilder start(String title) {
        return new StringBuilder(4096).append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>").append(STYLE)
                .append("</style>\n</head>\n<body>\n");
    }

    private static GatewayResponse html(String page) {
        return new GatewayResponse(200, HTML_HEADERS, page.getBytes(StandardCharsets.UTF_8));
    }
}
