package news.articles.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import news.articles.html.Html;

/** The few HTML pages a browser sees (the confirmation link in an email leads to one): plain, script-free. */
public final class HtmlPage {

    private static final String STYLE = "body{font:17px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#222}"
            + "button{font:inherit;padding:.6rem 1.4rem;border:0;border-radius:.3rem;background:#0b57d0;color:#fff;cursor:pointer}"
            + "code{color:#555}"
            + "header{font-weight:700;font-size:1.3rem;border-bottom:1px solid #ddd;padding-bottom:.5rem}"
            + "header a{color:#222;text-decoration:none}footer{margin-top:3rem;border-top:1px solid #ddd}";

    /**
     * What our pages may do: apply their one style element (allowed by its hash rather than
     * 'unsafe-inline', so markup slipped into a page cannot restyle it) and post their form back to
     * us. No script, no image or font, no framing, no base URL. Tokens sit in these pages' URLs,
     * hence no Referer either.
     *
     * @see <a href="https://www.w3.org/TR/CSP3/#grammardef-hash-source">CSP hash sources</a>
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'sha256-" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private HtmlPage() {
    }

    /** A complete page without a masthead; {@code bodyHtml} must already be escaped. */
    public static String page(String title, String bodyHtml) {
        return page(Masthead.NONE, title, bodyHtml);
    }

    /**
     * A complete page: the site's name above the content and a link back to the site below it;
     * {@code bodyHtml} must already be escaped.
     */
    public static String page(Masthead masthead, String title, String bodyHtml) {
        String content = masthead.isEmpty() ? bodyHtml
                : "<header><a href=\"" + Html.escape(masthead.siteUrl()) + "\">" + Html.escape(masthead.siteName())
                        + "</a></header>\n<main>" + bodyHtml + "</main>\n<footer><p><a href=\""
                        + Html.escape(masthead.siteUrl()) + "\">Back to " + Html.escape(masthead.siteName())
                        + "</a></p></footer>";
        String fullTitle = masthead.isEmpty() ? title : title + " \u00b7 " + masthead.siteName();
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + Html.escape(fullTitle) + "</title>"
                + "<style>" + STYLE + "</style></head>\n<body>" + content + "</body></html>\n";
    }

    public static String error(int status, String code, String message) {
        return error(Masthead.NONE, status, code, message);
    }

    public static String error(Masthead masthead, int status, String code, String message) {
        return page(masthead, "Sorry", "<h1>Sorry</h1><p>" + Html.escape(message) + "</p><p><code>" + status + " " + Html.escape(code)
                + "</code></p>");
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
