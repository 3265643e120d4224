package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.Map;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The pages the API serves itself, from each function built on its real environment: none is a
 * dead end. Each carries the site's name (SITE_NAME) at the top and a link back to the site
 * (SITE_URL), the errors a browser gets included.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiPagesTest {

    private SampleSite site;

    @BeforeAll
    void layOutSite(MotoServer moto) {
        site = SampleSite.create(moto);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({
        "SubscribeFunction, subscribe-form.json, 202",
        "ConfirmSubscriptionFunction, confirm-page.json, 200",
        "ConfirmSubscriptionFunction, confirm-page-missing-token.json, 400",
        "UnsubscribeFunction, unsubscribe-page.json, 200",
        "UnsubscribeFunction, unsubscribe-page-missing-token.json, 400",
        "NewsletterPageFunction, newsletter-archive.json, 200",
    })
    void everyPageNamesTheSiteAndLinksBackToIt(String function, String eventFile, int status) throws Exception {
        String event = Files.readString(site.root.resolve("events").resolve(eventFile));
        Map<String, String> environment = site.environment(function);
        String siteUrl = environment.get("SITE_URL").replaceAll("/+$", "");
        String siteName = environment.get("SITE_NAME");

        JsonNode response = SampleSite.invoke(site.handler(function), event);
        String page = response.path("body").asText();

        assertEquals(status, response.path("statusCode").asInt(), page);
        assertTrue(response.path("headers").path("content-type").asText().startsWith("text/html"), response::toString);
        assertTrue(page.contains("<header><a href=\"" + siteUrl + "\">" + siteName + "</a></header>"), page);
        assertTrue(page.contains("<a href=\"" + siteUrl + "\">Back to " + siteName + "</a>"), page);
    }
}
