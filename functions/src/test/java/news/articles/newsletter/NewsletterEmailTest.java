package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import news.articles.article.ArticleSummary;
import news.articles.mail.EmailMessage;
import org.junit.jupiter.api.Test;

class NewsletterEmailTest {

    private static final Instant SCHEDULED = Instant.parse("2026-11-20T09:00:00Z");
    private static final String UNSUBSCRIBE = "https://news.example.com/subscriptions/unsubscribe?token=s3cr3t.t0ken";

    /** Links that show what they were asked for. */
    static final NewsletterLinks LINKS = new NewsletterLinks() {
        @Override
        public String edition(EditionId id) {
            return "https://news.example.com/newsletter/" + id.value();
        }

        @Override
        public String archive() {
            return "https://news.example.com/newsletter";
        }

        @Override
        public String article(String slug, EditionId id) {
            return "https://news.example.com/articles/" + slug + "?utm_source=newsletter&utm_medium=email&utm_campaign="
                    + id.value();
        }

        @Override
        public String listId() {
            return "weekly.news.example.com";
        }
    };

    private final NewsletterEmail emails = new NewsletterEmail("The <Newsroom>", LINKS);

    @Test
    void theSubjectNamesTheSiteTheWeekAndTheLeadStory() {
        EmailMessage message = emails.render(edition(), "reader@example.com", UNSUBSCRIBE);

        assertEquals("The <Newsroom> weekly, week 47 of 2026: Chip makers race to 2 nm", message.subject());
        assertEquals("reader@example.com", message.to());
    }

    @Test
    void theEmailCarriesTheRecipientsUnsubscribeLinkTheListIdAndAViewInBrowserLink() {
        EmailMessage message = emails.render(edition(), "reader@example.com", UNSUBSCRIBE);

        assertEquals(UNSUBSCRIBE, message.unsubscribeUrl(), "the mailer's RFC 8058 headers");
        assertEquals(Optional.of("weekly.news.example.com"), message.listId());
        assertTrue(message.html().contains("<a href=\"" + UNSUBSCRIBE + "\">Unsubscribe</a>"), message.html());
        assertTrue(message.text().contains("To stop all email from us to this address: " + UNSUBSCRIBE), message.text());
        assertTrue(message.html().contains("<a href=\"https://news.example.com/newsletter/2026-W47\">View this email in your browser</a>"));
        assertTrue(message.text().startsWith("View this email in your browser: https://news.example.com/newsletter/2026-W47\n"));
        assertTrue(message.html().contains("href=\"https://news.example.com/newsletter\""), "the archive");
        assertTrue(message.text().contains("The <Newsroom> weekly, week 47 of 2026\n"), message.text());
    }

    @Test
    void everyArticleShowsItsTitleSummaryAuthorReadingTimeAndItsTaggedLink() {
        EmailMessage message = emails.render(edition(), "reader@example.com", UNSUBSCRIBE);

        for (ArticleSummary article : edition().articles()) {
            String link = "https://news.example.com/articles/" + article.slug()
                    + "?utm_source=newsletter&utm_medium=email&utm_campaign=2026-W47";
            assertTrue(message.text().contains(article.title() + "\n" + article.summary() + "\nBy " + article.author()
                    + " · " + article.readingMinutes() + " min read\n" + link + "\n"), article.slug());
            assertTrue(message.html().contains("<a href=\"" + link.replace("&", "&amp;") + "\">"), article.slug());
            assertTrue(message.html().contains(">By " + article.author() + " · " + article.readingMinutes() + " min read<"),
                    article.slug());
        }
    }

    @Test
    void theLeadStoryComesFirstThenSectionsFreshestFirstNewestFirstWithin() {
        EmailMessage message = emails.render(edition(), "reader@example.com", UNSUBSCRIBE);

        List<String> expected = List.of(
                "TOP STORY", "Chip makers race to 2 nm",
                "SCIENCE", "Comet seen at dawn", "Soil microbes store carbon",
                "TECHNOLOGY", "Batteries get cheaper", "Old phones, new tricks",
                "CLIMATE POLICY", "Carbon border tax starts");
        assertInOrder(message.text(), expected);
        assertInOrder(message.html(), List.of(">Top story<", "Chip makers race to 2 nm", ">Science<", "Comet seen at dawn",
                "Soil microbes store carbon", ">Technology<", "Batteries get cheaper", "Old phones, new tricks",
                ">Climate policy<", "Carbon border tax starts"));
    }

    @Test
    void everythingFromTheContentIsEscapedInTheHtmlAndKeptAsWrittenInTheText() {
        ArticleSummary hostile = summary("hostile", "<script>alert(1)</script> & \"quotes\"", "a<b>c", "O'Brien <x>",
                "technology", 3);
        Edition edition = new Edition(new EditionId("2026-W47"), SCHEDULED, SCHEDULED.minus(Duration.ofDays(7)), SCHEDULED,
                SCHEDULED, List.of(hostile));

        EmailMessage message = emails.render(edition, "reader@example.com", UNSUBSCRIBE);

        assertFalse(message.html().contains("<script>") || message.html().contains("<b>") || message.html().contains("<x>")
                || message.html().contains("<Newsroom>"), message.html());
        assertTrue(message.html().contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
        assertTrue(message.html().contains("By O&#39;Brien &lt;x&gt;"));
        assertTrue(message.text().contains("<script>alert(1)</script> & \"quotes\"\na<b>c\nBy O'Brien <x>"), message.text());
    }

    @Test
    void aTitleThatSpansLinesStillMakesAOneLineSubject() {
        Edition edition = new Edition(new EditionId("2026-W47"), SCHEDULED, SCHEDULED.minus(Duration.ofDays(7)), SCHEDULED,
                SCHEDULED, List.of(summary("two-lines", "First\r\nBcc: x@example.com", "s", "a", "science", 2)));

        String subject = emails.render(edition, "reader@example.com", UNSUBSCRIBE).subject();

        assertFalse(subject.contains("\r") || subject.contains("\n"), subject);
    }

    @Test
    void noImagesNoScriptsNoTrackingPixels() {
        EmailMessage message = emails.render(edition(), "reader@example.com", UNSUBSCRIBE);

        for (String forbidden : List.of("<img", "<script", "<iframe", "background=", "url(", "<link", "<object")) {
            assertFalse(message.html().toLowerCase().contains(forbidden), forbidden);
        }
    }

    @Test
    void theDigestOrderIsTheSameWhateverOrderTheEditionListsItsArticlesIn() {
        List<ArticleSummary> reversed = new ArrayList<>(edition().articles());
        java.util.Collections.reverse(reversed);
        Edition shuffled = new Edition(edition().id(), SCHEDULED, edition().windowStart(), SCHEDULED, SCHEDULED, reversed);

        assertEquals(EditionDigest.of(edition()), EditionDigest.of(shuffled));
        assertEquals(emails.render(edition(), "r@example.com", UNSUBSCRIBE), emails.render(shuffled, "r@example.com", UNSUBSCRIBE));
    }

    @Test
    void theWindowIsShownInUtcDays() {
        assertEquals("Published 13 November 2026 to 20 November 2026", EditionContent.window(edition()));
    }

    private static void assertInOrder(String text, List<String> parts) {
        int from = 0;
        for (String part : parts) {
            int at = text.indexOf(part, from);
            assertTrue(at >= 0, () -> "\"" + part + "\" missing after position " + text.length() + " in:\n" + text);
            from = at + part.length();
        }
    }

    /** Six articles in three sections, listed newest first as the composer stores them. */
    static Edition edition() {
        return new Edition(new EditionId("2026-W47"), SCHEDULED, SCHEDULED.minus(Duration.ofDays(7)), SCHEDULED,
                SCHEDULED.plusSeconds(2), List.of(
                        at(summary("chips", "Chip makers race to 2 nm", "Who gets there first.", "Ada Writer", "technology", 6), 1),
                        at(summary("comet", "Comet seen at dawn", "Look east.", "Lin Stars", "science", 3), 5),
                        at(summary("batteries", "Batteries get cheaper", "Prices fell again.", "Ada Writer", "technology", 4), 10),
                        at(summary("soil", "Soil microbes store carbon", "A new study.", "Mo Field", "science", 7), 30),
                        at(summary("phones", "Old phones, new tricks", "Repair is back.", "Kim Fix", "technology", 2), 50),
                        at(summary("border-tax", "Carbon border tax starts", "What changes.", "Jo Law", "climate-policy", 5), 70)));
    }

    private static ArticleSummary at(ArticleSummary summary, int hoursBefore) {
        Instant published = SCHEDULED.minus(Duration.ofHours(hoursBefore));
        return new ArticleSummary(summary.slug(), summary.title(), summary.summary(), summary.author(), summary.section(),
                summary.tags(), published, published, summary.readingMinutes());
    }

    private static ArticleSummary summary(String slug, String title, String text, String author, String section, int minutes) {
        Instant published = SCHEDULED.minus(Duration.ofHours(2));
        return new ArticleSummary(slug, title, text, author, section, List.of(), published, published, minutes);
    }
}
