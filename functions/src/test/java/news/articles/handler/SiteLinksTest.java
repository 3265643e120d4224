package news.articles.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import news.articles.config.SiteUrl;
import news.articles.mail.EmailMessage;
import news.articles.newsletter.EditionId;
import org.junit.jupiter.api.Test;

class SiteLinksTest {

    private final SiteLinks links = new SiteLinks(new SiteUrl("https://news.example.com/site"));
    private final EditionId week = new EditionId("2026-W47");

    @Test
    void theNewsletterPagesAreTheRoutesOfTheNewsletterPageFunction() {
        assertEquals("https://news.example.com/site/newsletter/2026-W47", links.edition(week));
        assertEquals("https://news.example.com/site/newsletter", links.archive());
    }

    @Test
    void anArticleLinkIsItsCanonicalUrlTaggedWithTheEdition() {
        assertEquals("https://news.example.com/site/articles/ev-charging?utm_source=newsletter&utm_medium=email"
                + "&utm_campaign=2026-W47", links.article("ev-charging", week));
    }

    @Test
    void theListIdIsWeeklyAtTheSitesHostAndFitsTheHeader() {
        assertEquals("weekly.news.example.com", links.listId());
        assertEquals("weekly.127.0.0.1", new SiteLinks(new SiteUrl("http://127.0.0.1:3000")).listId());
        assertEquals("weekly.localhost", new SiteLinks(new SiteUrl("http://[::1]:3000")).listId());
        for (String site : new String[] {"https://News.Example.com", "http://localhost:3000", "http://[::1]"}) {
            String id = new SiteLinks(new SiteUrl(site)).listId();
            new EmailMessage("a@b.c", "s", "h", "t", "https://x.example/u").withListId(id);
        }
    }
}
