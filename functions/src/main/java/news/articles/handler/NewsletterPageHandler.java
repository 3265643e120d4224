package news.articles.handler;

import java.util.Objects;
import news.articles.config.Environment;
import news.articles.config.NewsletterPageConfig;
import news.articles.config.SiteUrl;
import news.articles.html.Html;
import news.articles.http.ApiHandler;
import news.articles.http.ConditionalGet;
import news.articles.http.HtmlPage;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;
import news.articles.http.Masthead;
import news.articles.http.Negotiation;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionDigest;
import news.articles.newsletter.EditionPages;
import news.articles.newsletter.EditionPages.ArchivePage;

/**
 * GET /newsletter/{editionId}: an edition's public web version, the email's content without
 * anything personal; GET /newsletter?before=: the archive, newest first. A page by default, JSON
 * when the client asks for application/json; cacheable, with an ETag.
 */
public final class NewsletterPageHandler extends ApiHandler {

    private final EditionPages pages;
    private final EditionContent content;
    private final SiteUrl site;

    public NewsletterPageHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public NewsletterPageHandler(Environment environment) {
        this(Wiring.newsletterPage(environment), content(NewsletterPageConfig.from(environment)),
                NewsletterPageConfig.from(environment).siteUrl());
    }

    public NewsletterPageHandler(EditionPages pages, EditionContent content, SiteUrl site) {
        this.pages = Objects.requireNonNull(pages, "pages");
        this.content = Objects.requireNonNull(content, "content").forWebPage();
        this.site = Objects.requireNonNull(site, "site");
    }

    static EditionContent content(NewsletterPageConfig config) {
        return new EditionContent(config.siteName(), new SiteLinks(config.siteUrl()));
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        boolean json = Negotiation.asksForJson(request);
        var editionId = request.pathParameter("editionId");
        if (editionId.isPresent()) {
            Edition edition = pages.edition(editionId.get());
            return ConditionalGet.negotiated(request, json
                    ? HttpResponse.json(200, NewsletterJson.edition(edition, content, site))
                    : HttpResponse.html(200, editionPage(edition)));
        }
        ArchivePage archive = pages.archive(request.queryParameter("before"));
        return ConditionalGet.negotiated(request, json
                ? HttpResponse.json(200, NewsletterJson.archive(archive, content))
                : HttpResponse.html(200, archivePage(archive)));
    }

    @Override
    protected Masthead masthead() {
        return new Masthead(content.siteName(), site.base());
    }

    @Override
    protected boolean answersWithHtml(HttpRequest request) {
        return !Negotiation.asksForJson(request);
    }

    private String editionPage(Edition edition) {
        return HtmlPage.page(masthead(), content.title(edition.id()), content.html(edition)
                + "<p><a href=\"" + Html.escape(content.links().archive()) + "\">Past editions</a></p>");
    }

    private String archivePage(ArchivePage archive) {
        String title = content.siteName() + " weekly: past editions";
        StringBuilder body = new StringBuilder("<h1>").append(Html.escape(title)).append("</h1>");
        if (archive.editions().isEmpty()) {
            body.append("<p>No edition yet.</p>");
        } else {
            body.append("<ul>");
            for (Edition edition : archive.editions()) {
                body.append("<li><a href=\"").append(Html.escape(content.links().edition(edition.id()))).append("\">")
                        .append(Html.escape(content.title(edition.id()))).append("</a>: ")
                        .append(Html.escape(EditionDigest.of(edition).lead().title())).append(" <small>(")
                        .append(Html.escape(EditionContent.window(edition))).append(")</small></li>");
            }
            body.append("</ul>");
        }
        archive.olderBefore().ifPresent(before -> body.append("<p><a href=\"")
                .append(Html.escape(content.links().archive() + "?before=" + before.value()))
                .append("\">Older editions</a></p>"));
        return HtmlPage.page(masthead(), title, body.toString());
    }
}
