package news.articles.handler;

import news.articles.testing.TestKeys;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.config.SiteUrl;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.EditionComposer;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutPage;
import news.articles.newsletter.NewsletterEmail;
import news.articles.newsletter.NewsletterFanOut;
import news.articles.newsletter.NewsletterSender;
import news.articles.newsletter.SendPace;
import news.articles.newsletter.WeeklyNewsletter;
import news.articles.newsletter.sqs.DeliveryMessages;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberId;
import news.articles.testing.Articles;
import news.articles.testing.InMemoryArticleStore;
import news.articles.testing.InMemoryDeliveryQueue;
import news.articles.testing.InMemoryEditionStore;
import news.articles.testing.InMemoryFanOutProgress;
import news.articles.testing.JsonTree;
import news.articles.testing.LogCapture;
import news.articles.testing.Subscriptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The two newsletter handlers on the fakes: the events they read, what they answer, what they log. */
class NewsletterHandlersTest {

    @RegisterExtension
    final LogCapture log = LogCapture.eachTest();

    private static final Instant SCHEDULED = Articles.NOW.plus(Duration.ofHours(1));
    private static final EditionId EDITION = EditionId.forWeekOf(SCHEDULED);

    private final Subscriptions subscriptions = new Subscriptions();
    private final InMemoryEditionStore editions = new InMemoryEditionStore();
    private final InMemoryFanOutProgress progress = new InMemoryFanOutProgress(editions);
    private final InMemoryDeliveryQueue queue = new InMemoryDeliveryQueue();
    private final NewsletterFanOut fanOut = new NewsletterFanOut(subscriptions.store, queue, progress, 100,
            subscriptions.clock);
    private final NewsletterScheduleHandler weekly = new NewsletterScheduleHandler(new WeeklyNewsletter(
            new EditionComposer(new InMemoryArticleStore(Articles.article("fresh-news").daysAgo(1).build()), editions, 12,
                    subscriptions.clock), fanOut));
    private final NewsletterSenderHandler sender = new NewsletterSenderHandler(new NewsletterSender(editions,
            subscriptions.store, new NewsletterEmail(Subscriptions.SITE_NAME,
                    new SiteLinks(new SiteUrl(Subscriptions.SITE_URL))), subscriptions.settings.links(), subscriptions.mailer, fanOut,
            new SendPace(1000, () -> 0L, duration -> { }), subscriptions.clock, Subscriptions.seededRandom()),
            DeliveryMessages::read);

    private static String invoke(com.amazonaws.services.lambda.runtime.RequestStreamHandler handler, String event)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return out.toString(StandardCharsets.UTF_8);
    }

    private String scheduledRun() {
        return "{\"scheduledTime\":\"" + SCHEDULED + "\",\"executionId\":\"e-1\"}";
    }

    @Test
    void aScheduledRunComposesTheWeekAndStartsItsFanOutOnce() throws IOException {
        Object first = JsonTree.parse(invoke(weekly, scheduledRun()));
        Object second = JsonTree.parse(invoke(weekly, "{\"scheduledTime\":\"" + SCHEDULED + "\"}"));

        assertEquals(EDITION.value(), JsonTree.string(first, "edition"));
        assertEquals(Boolean.TRUE, JsonTree.at(first, "composedNow"));
        assertEquals("STARTED", JsonTree.string(first, "fanOut"));
        assertEquals(Boolean.FALSE, JsonTree.at(second, "composedNow"));
        assertEquals("ALREADY_STARTED", JsonTree.string(second, "fanOut"));
        assertEquals(List.of(FanOutPage.first(EDITION)), queue.everEnqueued());
    }

    @Test
    void aWeekWithoutArticlesSaysWhyAndStartsNothing() throws IOException {
        Object run = JsonTree.parse(invoke(weekly, "{\"scheduledTime\":\"2020-01-10T09:00:00Z\"}"));

        assertEquals(Boolean.FALSE, JsonTree.at(run, "hasEdition"));
        assertEquals("NONE", JsonTree.string(run, "fanOut"));
        assertTrue(JsonTree.string(run, "noEditionReason").startsWith("no article published"));
        assertEquals(List.of(), queue.everEnqueued());
    }

    @Test
    void aScheduledRunWithoutAValidScheduledTimeFailsNamingTheMemberAndNeverQuotingIt() {
        for (String event : List.of("{\"executionId\":\"x\"}", "{\"scheduledTime\":\"next friday <secret>\"}",
                "{\"scheduledTime\":7}", "[]", "not json <secret>", "")) {
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> invoke(weekly, event), event);
            assertTrue(failure.getMessage().contains("scheduledTime") || failure.getMessage().contains("JSON"), failure.getMessage());
            assertFalse(failure.getMessage().contains("secret"), failure.getMessage());
        }
        assertFalse(String.join("\n", log.lines()).contains("secret"));
        assertEquals(List.of(), queue.everEnqueued());
    }

    private static String sqsEvent(Map<String, String> bodiesById) {
        StringBuilder records = new StringBuilder();
        bodiesById.forEach((id, body) -> {
            if (records.length() > 0) {
                records.append(',');
            }
            records.append("{\"messageId\":\"").append(id).append("\",\"body\":")
                    .append(news.articles.json.Json.write(json -> json.writeString(body)))
                    .append(",\"eventSource\":\"aws:sqs\"}");
        });
        return "{\"Records\":[" + records + "]}";
    }

    @Test
    void theSenderReportsOnlyTheMessagesItCouldNotHandle() throws IOException {
        invoke(weekly, scheduledRun());
        subscriptions.service.subscribe("reader@example.com", Subscriptions.REQUESTER);
        subscriptions.service.confirm(subscriptions.lastToken(), Subscriptions.REQUESTER);
        String id = SubscriberId.of(EmailAddress.parse("reader@example.com"), TestKeys.IDENTIFIERS);
        String batch = DeliveryMessages.write(new DeliveryBatch(EDITION, List.of(id)));

        int mailedBefore = subscriptions.mailer.sent().size();
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("good", batch);
        bodies.put("bad", "{\"kind\":\"party\"}");
        Object answer = JsonTree.parse(invoke(sender, sqsEvent(bodies)));

        assertEquals(1, JsonTree.list(answer, "batchItemFailures").size());
        assertEquals("bad", JsonTree.string(answer, "batchItemFailures", 0, "itemIdentifier"));
        assertEquals(mailedBefore + 1, subscriptions.mailer.sent().size(), "the good message's one email");
        assertEquals("reader@example.com", subscriptions.mailer.last().to());
        String lines = String.join("\n", log.lines());
        assertTrue(lines.contains("\"event\":\"newsletter_sent\""), lines);
        assertFalse(lines.contains(id) || lines.contains("reader@example.com"), "no subscriber id or address logged");
    }

    @Test
    void anEventThatIsNotAnSqsEventFailsTheInvocation() {
        for (String event : List.of("{}", "{\"Records\":{}}", "{\"Records\":[{\"body\":\"x\"}]}", "nonsense")) {
            assertThrows(IllegalArgumentException.class, () -> invoke(sender, event), event);
        }
    }
}
