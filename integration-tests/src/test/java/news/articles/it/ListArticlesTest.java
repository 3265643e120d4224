package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import news.articles.article.ArticleListing;
import news.articles.article.ArticleListingService;
import news.articles.article.ArticleQuery;
import news.articles.article.ArticleSummary;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** GET /articles over the real sample content in DynamoDB (moto), walked page by page through the handler. */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListArticlesTest {

    private static final int LIMIT = 5;
    /** The article whose position events/list-articles-next-page.json's cursor holds. */
    private static final String NEXT_PAGE_EVENT_AFTER = "soil-microbes-carbon-storage-study";

    private final AtomicInteger requests = new AtomicInteger();
    private SampleSite site;
    private RequestStreamHandler handler;
    private DynamoDbArticleStore countedStore;
    private List<ArticleSummary> published;

    @BeforeAll
    void importContent(MotoServer moto) {
        site = SampleSite.create(moto);
        handler = site.handler("ListArticlesFunction");
        DynamoDbClient counted = CountedDynamoDb.client(moto.endpoint(), operation -> requests.incrementAndGet());
        countedStore = new DynamoDbArticleStore(counted, site.tableNames.get("ArticlesTable"));
        published = countedStore.list(ArticleQuery.latest(Instant.now(), 100)).items();
    }

    private JsonNode get(Map<String, String> query) {
        StringBuilder url = new StringBuilder("http://127.0.0.1:3000/articles");
        String separator = "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = "&";
        }
        return SampleSite.invoke(handler, ApiEvents.get(URI.create(url.toString()), "/articles", Map.of(), Map.of()));
    }

    private static List<String> slugs(JsonNode response) {
        List<String> slugs = new ArrayList<>();
        body(response).path("articles").forEach(article -> slugs.add(article.path("slug").asText()));
        return slugs;
    }

    private static JsonNode body(JsonNode response) {
        try {
            return SampleSite.JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response, e);
        }
    }

    /** Every page of a listing through the handler, following nextCursor. */
    private List<List<String>> walk(Map<String, String> filter) {
        List<List<String>> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            Map<String, String> query = new LinkedHashMap<>(filter);
            query.put("limit", Integer.toString(LIMIT));
            cursor.ifPresent(value -> query.put("cursor", value));
            JsonNode response = get(query);
            assertEquals(200, response.path("statusCode").asInt(), response::toString);
            pages.add(slugs(response));
            JsonNode next = body(response).path("nextCursor");
            assertTrue(next.isNull() || next.isTextual(), response::toString);
            cursor = next.isNull() ? Optional.empty() : Optional.of(next.asText());
            if (pages.size() > 50) {
                fail("the walk does not end: " + pages);
            }
        } while (cursor.isPresent());
        return pages;
    }

    private void assertWalk(Map<String, String> filter, List<String> expected) {
        List<List<String>> pages = walk(filter);
        List<String> listed = pages.stream().flatMap(List::stream).toList();
        assertEquals(expected, listed, filter::toString);
        assertEquals(Math.max(1, (expected.size() + LIMIT - 1) / LIMIT), pages.size(), () -> filter + ": " + pages);
        for (List<String> page : pages.subList(0, pages.size() - 1)) {
            assertEquals(LIMIT, page.size(), () -> filter + ": " + pages);
        }
    }

    @Test
    void theHomeListingWalksEveryPublishedArticleNewestFirst() {
        assertTrue(published.size() > 3 * LIMIT, "the sample content spans several pages");
        assertFalse(published.stream().anyMatch(summary -> summary.slug().startsWith("draft-")));
        assertFalse(published.stream().anyMatch(summary -> summary.publishedAt().isAfter(Instant.now())));
        assertWalk(Map.of(), published.stream().map(ArticleSummary::slug).toList());
    }

    @Test
    void everyTagAndSectionListingWalksItsPublishedArticlesNewestFirst() {
        TreeSet<String> tags = new TreeSet<>();
        TreeSet<String> sections = new TreeSet<>();
        published.forEach(summary -> {
            tags.addAll(summary.tags());
            sections.add(summary.section());
        });
        assertTrue(published.stream().filter(summary -> summary.tags().contains("ai")).count() > LIMIT,
                "one tag spans pages");
        for (String tag : tags) {
            assertWalk(Map.of("tag", tag),
                    published.stream().filter(summary -> summary.tags().contains(tag)).map(ArticleSummary::slug).toList());
        }
        for (String section : sections) {
            assertWalk(Map.of("section", section),
                    published.stream().filter(summary -> summary.section().equals(section)).map(ArticleSummary::slug).toList());
        }
        assertWalk(Map.of("tag", "newsroom"), List.of());
    }

    @Test
    void excludingTheArticleBeingReadWalksTheRestOfEveryListingWithFullPages() {
        TreeSet<String> sections = new TreeSet<>();
        published.forEach(summary -> sections.add(summary.section()));
        for (String section : sections) {
            List<String> listed = published.stream().filter(summary -> summary.section().equals(section))
                    .map(ArticleSummary::slug).toList();
            String reading = listed.get(Math.min(LIMIT - 1, listed.size() - 1));
            assertWalk(Map.of("section", section, "exclude", reading),
                    listed.stream().filter(slug -> !slug.equals(reading)).toList());
        }
        String newest = published.get(0).slug();
        assertWalk(Map.of("exclude", newest), published.stream().map(ArticleSummary::slug)
                .filter(slug -> !slug.equals(newest)).toList());
    }

    @Test
    void aMalformedExcludeIsRefused() {
        JsonNode response = get(Map.of("exclude", "Not/A Slug"));

        assertEquals(400, response.path("statusCode").asInt());
        assertEquals("INVALID_EXCLUDE", body(response).path("code").asText());
    }

    /** GET /sections on the imported sample content: each count is what its listing holds. */
    @Test
    void theSectionsCountWhatTheirListingsHold() {
        JsonNode response = SampleSite.invoke(handler,
                ApiEvents.get(URI.create("http://127.0.0.1:3000/sections"), "/sections", Map.of(), Map.of()));
        assertEquals(200, response.path("statusCode").asInt(), response::toString);
        JsonNode sections = body(response);

        Map<String, Integer> expectedSections = new java.util.TreeMap<>();
        Map<String, Integer> expectedTags = new java.util.TreeMap<>();
        published.forEach(summary -> {
            expectedSections.merge(summary.section(), 1, Integer::sum);
            summary.tags().forEach(tag -> expectedTags.merge(tag, 1, Integer::sum));
        });
        assertEquals(expectedSections, counts(sections.path("sections")));
        assertEquals(expectedTags, counts(sections.path("tags")));
        assertEquals(new ArrayList<>(expectedSections.keySet()), new ArrayList<>(counts(sections.path("sections")).keySet()),
                "by name");
    }

    @Test
    void theSectionsCostOneGetItem() {
        List<String> operations = new ArrayList<>();
        DynamoDbClient counted = CountedDynamoDb.client(site.moto.endpoint(), operations::add);
        news.articles.article.SectionsService service = new news.articles.article.SectionsService(
                new news.articles.store.dynamodb.DynamoDbTaxonomyStore(counted, site.tableNames.get("ArticlesTable")),
                Clock.systemUTC());

        assertFalse(service.sections().sections().isEmpty());
        assertEquals(1, operations.size(), operations::toString);
        assertTrue(operations.get(0).contains("GetItem"), operations::toString);
    }

    private static Map<String, Integer> counts(JsonNode list) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        list.forEach(entry -> counts.put(entry.path("name").asText(), entry.path("articleCount").asInt()));
        return counts;
    }

    @Test
    void aCursorFromOneTagIsRefusedForAnother() {
        String cursor = body(get(Map.of("tag", "ai", "limit", "1"))).path("nextCursor").asText();

        JsonNode response = get(Map.of("tag", "startups", "cursor", cursor));

        assertEquals(400, response.path("statusCode").asInt());
        assertEquals("INVALID_CURSOR", body(response).path("code").asText());
    }

    @Test
    void eachPageCostsOneQuery() {
        ArticleListingService service = new ArticleListingService(countedStore, SampleSite.IDENTIFIERS, Clock.systemUTC());
        Optional<String> cursor = Optional.empty();
        int pages = 0;
        do {
            requests.set(0);
            ArticleListing page = service.list(Optional.empty(), Optional.empty(), LIMIT, cursor);
            assertEquals(1, requests.get(), "requests for page " + pages);
            cursor = page.nextCursor();
            pages++;
        } while (cursor.isPresent());
        assertEquals((published.size() + LIMIT - 1) / LIMIT, pages);
    }

    /**
     * Real DynamoDB refuses a start key outside the key condition with a ValidationException (a 500
     * at the edge); moto answers. So the store itself refuses to continue from a position after the
     * query's asOf, before sending anything.
     */
    @Test
    void theStoreNeverSendsAStartKeyOutsideTheListing() {
        Instant asOf = Instant.parse("2026-12-01T00:00:00Z");
        requests.set(0);

        assertThrows(IllegalArgumentException.class, () -> countedStore.list(ArticleQuery.latest(asOf, 5)
                .after(new news.articles.article.ListingPosition(asOf.plusSeconds(1), "from-the-future"))));
        assertEquals(0, requests.get(), "nothing reached DynamoDB");
        countedStore.list(ArticleQuery.latest(asOf, 5).after(new news.articles.article.ListingPosition(asOf, "just-then")));
        assertEquals(1, requests.get());
    }

    /** The event's cursor is static: it must keep leading to the articles published before the one it names. */
    @Test
    void theNextPageEventContinuesAfterTheArticleItsCursorNames() throws IOException {
        String event = Files.readString(site.root.resolve("events/list-articles-next-page.json"));
        JsonNode response = SampleSite.invoke(handler, event);
        int limit = SampleSite.JSON.readTree(event).path("queryStringParameters").path("limit").asInt();

        List<String> all = published.stream().map(ArticleSummary::slug).toList();
        int after = all.indexOf(NEXT_PAGE_EVENT_AFTER);
        assertTrue(after >= 0, NEXT_PAGE_EVENT_AFTER + " is no longer published: give the event a new cursor");
        assertEquals(all.subList(after + 1, Math.min(all.size(), after + 1 + limit)), slugs(response));
        assertEquals(all.size() > after + 1 + limit, body(response).path("nextCursor").isTextual());
    }
}
