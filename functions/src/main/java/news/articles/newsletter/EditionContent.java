package news.articles.newsletter;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import news.articles.article.ArticleSummary;
import news.articles.html.Html;

/**
 * What an edition says, the same in the email and on its public web version: the title, the
 * window, the lead story and the sections, each article with its title, summary, author, reading
 * time and its link tagged with the edition. Nothing personal: the email adds the recipient's
 * unsubscribe link around it.
 */
public final class EditionContent {

    private static final String SECTION_STYLE = "font-size:.9em;text-transform:uppercase;letter-spacing:.05em;color:#555";
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final String siteName;
    private final NewsletterLinks links;
    private final boolean inlineStyles;

    /** For an email: inline styles, the only styling mail clients keep. */
    public EditionContent(String siteName, NewsletterLinks links) {
        this(siteName, links, true);
    }

    private EditionContent(String siteName, NewsletterLinks links, boolean inlineStyles) {
        this.siteName = Objects.requireNonNull(siteName, "siteName");
        this.links = Objects.requireNonNull(links, "links");
        this.inlineStyles = inlineStyles;
    }

    /** For a web page, whose Content-Security-Policy allows no inline style: the same markup without it. */
    public EditionContent forWebPage() {
        return new EditionContent(siteName, links, false);
    }

    public String siteName() {
        return siteName;
    }

    public NewsletterLinks links() {
        return links;
    }

    /** "The Newsroom weekly, week 47 of 2026". */
    public String title(EditionId id) {
        return siteName + " weekly, week " + Integer.parseInt(id.value().substring(6)) + " of " + id.value().substring(0, 4);
    }

    /** "Published 13 November 2026 to 20 November 2026" (UTC days of the window). */
    public static String window(Edition edition) {
        return "Published " + DAY.format(edition.windowStart()) + " to " + DAY.format(edition.windowEnd());
    }

    /** The edition as HTML, every text escaped; inline styles (for an email) or none, no images. */
    public String html(Edition edition) {
        EditionDigest digest = EditionDigest.of(edition);
        StringBuilder html = new StringBuilder(4096);
        html.append("<h1").append(style("font-size:1.5em;margin:0 0 .2em")).append(">")
                .append(Html.escape(title(edition.id()))).append("</h1>")
                .append("<p").append(style("color:#555;margin:0 0 1.5em")).append(">")
                .append(Html.escape(window(edition))).append("</p>")
                .append("<h2").append(style(SECTION_STYLE)).append(">Top story</h2>");
        article(html, edition.id(), digest.lead(), "1.3em");
        for (EditionDigest.Section section : digest.sections()) {
            html.append("<h2").append(style(SECTION_STYLE + ";border-top:1px solid #ddd;padding-top:1em")).append(">")
                    .append(Html.escape(sectionName(section.name())))
                    .append("</h2>");
            for (ArticleSummary summary : section.articles()) {
                article(html, edition.id(), summary, "1.1em");
            }
        }
        return html.toString();
    }

    /** The edition as plain text, one article a paragraph, each link on a line of its own. */
    public String text(Edition edition) {
        EditionDigest digest = EditionDigest.of(edition);
        StringBuilder text = new StringBuilder(2048);
        String title = title(edition.id());
        text.append(title).append('\n').append("=".repeat(title.length())).append('\n')
                .append(window(edition)).append("\n\n")
                .append("TOP STORY\n\n");
        article(text, edition.id(), digest.lead());
        for (EditionDigest.Section section : digest.sections()) {
            text.append(sectionName(section.name()).toUpperCase(Locale.ROOT)).append("\n\n");
            for (ArticleSummary summary : section.articles()) {
                article(text, edition.id(), summary);
            }
        }
        return text.toString();
    }

    private void article(StringBuilder html, EditionId id, ArticleSummary summary, String titleSize) {
        html.append("<div").append(style("margin:0 0 1.4em")).append("><h3")
                .append(style("font-size:" + titleSize + ";margin:0 0 .3em")).append(">")
                .append("<a href=\"").append(Html.escape(links.article(summary.slug(), id))).append("\">")
                .append(Html.escape(summary.title())).append("</a></h3>")
                .append("<p").append(style("margin:0 0 .3em")).append(">")
                .append(Html.escape(summary.summary())).append("</p>")
                .append("<p").append(style("margin:0;font-size:.85em;color:#555")).append(">")
                .append(Html.escape(byline(summary)))
                .append("</p></div>");
    }

    private void article(StringBuilder text, EditionId id, ArticleSummary summary) {
        text.append(summary.title()).append('\n')
                .append(summary.summary()).append('\n')
                .append(byline(summary)).append('\n')
                .append(links.article(summary.slug(), id)).append("\n\n");
    }

    private String style(String css) {
        return inlineStyles ? " style=\"" + css + "\"" : "";
    }

    private static String byline(ArticleSummary summary) {
        return "By " + summary.author() + " · " + summary.readingMinutes() + " min read";
    }

    /** Sections are stored as slugs ({@code science}, {@code climate-policy}): shown as words. */
    static String sectionName(String section) {
        String words = section.replace('-', ' ').trim();
        if (words.isEmpty()) {
            return "More";
        }
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
