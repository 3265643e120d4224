package news.articles.handler;

import static news.articles.testing.JsonTree.at;
import static news.articles.testing.JsonTree.integer;
import static news.articles.testing.JsonTree.list;
import static news.articles.testing.JsonTree.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.articles.article.ArticleSummary;
import news.articles.config.ConfigurationException;
import news.articles.config.Environment;
import news.articles.config.SiteUrl;
import news.articles.http.ConditionalGet;
import news.articles.http.HttpResponse;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionPages;
import news.articles.newsletter.NewsletterEmail;
import news.articles.testing.ApiEvent;
import news.articles.testing.InMemoryEditionStore;
import news.articles.testing.Invocation;
import news.articles.testing.Invocation.Reply;
import org.junit.jupiter.api.Test;

class NewsletterPageHandlerTest {

    private static final SiteUrl SITE = new SiteUrl("https://news.example.com");
    private static final SiteLinks LINKS = new SiteLinks(SITE);

    private final InMemoryEditionStore store = new InMemoryEditionStore();
    private final NewsletterPageHandler handler = new NewsletterPageHandler(new EditionPages(store),
            new EditionContent("The Newsroom", LINKS), SITE);

    private static ApiEvent edition(String id) {
        return ApiEvent.get("/newsletter/" + id).pathParameter("editionId", id);
    }

    @Test
    void theWebVersionIsAPageWithTheEmailsContentAndNothingPersonal() {
        Edition edition = edition(47, 4);
        store.create(edition);

        Reply reply = Invocation.invoke(handler, edition("2026-W47").header("accept", "text/html,application/xhtml+xml"));

        assertEquals(200, reply.status());
        assertEquals(HttpResponse.HTML, reply.header("content-type"));
        String email = new NewsletterEmail("The Newsroom", LINKS).render(edition, "reader@example.com",
                "https://news.example.com/subscriptions/unsubscribe?token=t0ken").text();
        for (ArticleSummary article : edition.articles()) {
            assertTrue(reply.body().contains(article.title()), article.slug());
            assertTrue(reply.body().contains(article.summary()), article.slug());
            String link = LINKS.article(article.slug(), edition.id());
            assertTrue(email.contains(link) && reply.body().contains(link.replace("&", "&amp;")), article.slug());
        }
        assertTrue(reply.body().contains("The Newsroom weekly, week 47 of 2026"));
        assertFalse(reply.body().contains("unsubscribe") || reply.body().contains("reader@example.com")
                || reply.body().contains("token"), "no personal link");
        assertFalse(reply.body().contains("style=\""), "the page's CSP allows no inline style");
    }

    @Test
    void theWebVersionIsHtmlByDefaultAndJsonWhenAskedFor() {
        store.create(edition(47, 5));

        assertEquals(HttpResponse.HTML, Invocation.invoke(handler, edition("2026-W47")).header("content-type"));
        assertEquals(HttpResponse.HTML, Invocation.invoke(handler, edition("2026-W47").header("accept", "*/*"))
                .header("content-type"));
        Reply json = Invocation.invoke(handler, edition("2026-W47").header("accept", "application/json"));

        assertEquals(HttpResponse.JSON, json.header("content-type"));
        Object body = json.json();
        assertEquals("2026-W47", string(body, "id"));
        assertEquals("The Newsroom weekly, week 47 of 2026", string(body, "title"));
        assertEquals("https://news.example.com/newsletter/2026-W47", string(body, "url"));
        assertEquals("w47-article-0", string(body, "lead", "slug"));
        assertEquals("https://news.example.com/articles/w47-article-0", string(body, "lead", "canonicalUrl"));
        assertEquals("https://news.example.com/articles/w47-article-0?utm_source=newsletter&utm_medium=email"
                + "&utm_campaign=2026-W47", string(body, "lead", "newsletterUrl"));
        assertEquals(5, integer(body, "lead", "readingTimeMinutes"));
        assertEquals("technology", string(body, "sections", 0, "section"));
        assertEquals(List.of("w47-article-1", "w47-article-3"),
                list(body, "sections", 0, "articles").stream().map(a -> ((Map<?, ?>) a).get("slug")).toList());
        assertEquals("science", string(body, "sections", 1, "section"));
    }

    @Test
    void answersAreCacheableWithAnETagPerRepresentationAndA304() {
        store.create(edition(47, 2));

        Reply page = Invocation.invoke(handler, edition("2026-W47"));
        Reply json = Invocation.invoke(handler, edition("2026-W47").header("accept", "application/json"));

        assertEquals(ConditionalGet.CACHE_CONTROL, page.header("cache-control"));
        assertEquals("Origin, Accept", page.header("vary"));
        assertNotEquals(page.header("etag"), json.header("etag"));
        Reply again = Invocation.invoke(handler, edition("2026-W47").header("if-none-match", page.header("etag")));
        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(200, Invocation.invoke(handler, edition("2026-W47").header("if-none-match", json.header("etag"))).status());
        Reply archive = Invocation.invoke(handler, ApiEvent.get("/newsletter"));
        assertEquals(304, Invocation.invoke(handler, ApiEvent.get("/newsletter").header("if-none-match", archive.header("etag")))
                .status());
    }

    @Test
    void aMalformedIdIs400WithAStableCode() {
        for (String id : List.of("2026-47", "2026-W54", "2025-W53", "2026-W00", "latest", "2026-w47", "2026-W4")) {
            Reply json = Invocation.invoke(handler, edition(id).header("accept", "application/json"));
            assertEquals(400, json.status(), id);
            assertEquals("INVALID_EDITION_ID", string(json.json(), "code"), id);
            Reply page = Invocation.invoke(handler, edition(id));
            assertEquals(400, page.status(), id);
            assertEquals(HttpResponse.HTML, page.header("content-type"), "a browser gets a page");
            assertTrue(page.body().contains("INVALID_EDITION_ID"));
        }
    }

    @Test
    void anUnknownWeekIs404WithAStableCode() {
        store.create(edition(47, 2));

        Reply reply = Invocation.invoke(handler, edition("2026-W48").header("accept", "application/json"));

        assertEquals(404, reply.status());
        assertEquals("EDITION_NOT_FOUND", string(reply.json(), "code"));
        assertEquals("no-store", reply.header("cache-control"));
    }

    @Test
    void theArchiveListsEditionsNewestFirstAPageAtATime() {
        for (int week = 1; week <= 25; week++) {
            store.create(edition(week, 1));
        }

        Object first = Invocation.invoke(handler, ApiEvent.get("/newsletter").header("accept", "application/json")).json();
        List<?> editions = list(first, "editions");
        assertEquals(EditionPages.ARCHIVE_PAGE_SIZE, editions.size());
        assertEquals("2026-W25", string(first, "editions", 0, "id"));
        assertEquals("2026-W06", string(first, "editions", 19, "id"));
        assertEquals("https://news.example.com/newsletter/2026-W25", string(first, "editions", 0, "url"));
        assertEquals("Title of w25-article-0", string(first, "editions", 0, "leadTitle"));
        assertEquals(1, integer(first, "editions", 0, "articleCount"));
        assertEquals("https://news.example.com/newsletter?before=2026-W06", string(first, "next"));

        Object second = Invocation.invoke(handler, ApiEvent.get("/newsletter").query("before", "2026-W06")
                .header("accept", "application/json")).json();
        assertEquals(List.of("2026-W05", "2026-W04", "2026-W03", "2026-W02", "2026-W01"),
                list(second, "editions").stream().map(e -> ((Map<?, ?>) e).get("id")).toList());
        assertNull(at(second, "next"));

        Reply page = Invocation.invoke(handler, ApiEvent.get("/newsletter"));
        assertEquals(HttpResponse.HTML, page.header("content-type"));
        assertTrue(page.body().indexOf("2026-W25\"") < page.body().indexOf("2026-W24\""), "newest first");
        assertTrue(page.body().contains("href=\"https://news.example.com/newsletter?before=2026-W06\""), page.body());
    }

    @Test
    void anEmptyArchiveIsAnEmptyList() {
        Object body = Invocation.invoke(handler, ApiEvent.get("/newsletter").header("accept", "application/json")).json();

        assertEquals(List.of(), list(body, "editions"));
        assertNull(at(body, "next"));
        assertTrue(Invocation.invoke(handler, ApiEvent.get("/newsletter")).body().contains("No edition yet."));
    }

    @Test
    void aMalformedBeforeIs400() {
        Reply reply = Invocation.invoke(handler, ApiEvent.get("/newsletter").query("before", "yesterday")
                .header("accept", "application/json"));

        assertEquals(400, reply.status());
        assertEquals("INVALID_EDITION_ID", string(reply.json(), "code"));
    }

    @Test
    void aMissingVariableFailsTheInitWithItsName() {
        ConfigurationException thrown = assertThrows(ConfigurationException.class, () -> new NewsletterPageHandler(
                new Environment(Map.of("SITE_URL", "https://news.example.com", "SITE_NAME", "The Newsroom"))));
        assertTrue(thrown.getMessage().contains("EDITIONS_TABLE"), thrown.getMessage());
    }

    /** An edition of week {@code week} of 2026 with {@code articles} articles, two sections. */
    static Edition edition(int week, int articles) {
        Instant scheduled = LocalDate.of(2026, 6, 1).with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(java.time.DayOfWeek.FRIDAY).atTime(9, 0).toInstant(ZoneOffset.UTC);
        List<ArticleSummary> summaries = new ArrayList<>();
        for (int i = 0; i < articles; i++) {
            Instant published = scheduled.minus(Duration.ofHours(i + 1));
            String slug = String.format("w%02d-article-%d", week, i);
            summaries.add(new ArticleSummary(slug, "Title of " + slug, "Summary of " + slug, "Ada Writer",
                    i % 2 == 0 ? "science" : "technology", List.of(), published, published, 5));
        }
        if (articles > 1) {
            // The lead is the newest, in science; the technology section follows.
            summaries.set(0, withSection(summaries.get(0), "science"));
        }
        return new Edition(new EditionId(String.format("2026-W%02d", week)), scheduled, scheduled.minus(Duration.ofDays(7)),
                scheduled, scheduled, summaries);
    }

    private static ArticleSummary withSection(ArticleSummary summary, String section) {
        return new ArticleSummary(summary.slug(), summary.title(), summary.summary(), summary.author(), section,
                summary.tags(), summary.publishedAt(), summary.updatedAt(), summary.readingMinutes());
    }
}
