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
            + "code{color:#555}";

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

    /** A complete page; {@code bodyHtml} must already be escaped. */
    public static String page(String title, String bodyHtml) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>" + Html.escape(title) + "</title>"
                + "<style>" + STYLE + "</style></head>\n<body>" + bodyHtml + "</body></html>\n";
    }

    public static String error(int status, String code, String message) {
        return page("Sorry", "<h1>Sorry</h1><p>" + Html.escape(message) + "</p><p><code>" + status + " " + Html.escape(code)
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
