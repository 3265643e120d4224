package news.articles.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import news.articles.article.Article;
import news.articles.article.ArticleStatus;
import news.articles.article.RecommendationService;
import news.articles.article.Recommendations;
import news.articles.store.dynamodb.DynamoDbArticleStore;
import news.articles.tools.ProjectRoot;
import news.articles.tools.moto.MotoClients;
import news.articles.tools.moto.MotoExtension;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.template.SamTemplate;
import news.articles.tools.template.TableDefinition;
import news.articles.tools.template.TableProvisioner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The request bound at scale: a site of 5,000 published articles (plus drafts and scheduled ones)
 * in a fresh Articles table in moto costs, per recommendation call, exactly what a site of a dozen
 * costs for an article with as many tags, counted on the SDK; never a Scan.
 */
@ExtendWith(MotoExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RecommendationsAtScaleTest {

    private static final int PUBLISHED = 5_000;
    private static final int HIDDEN = 40;
    private static final int SAMPLE = 16;
    /** Tag counts cycle through 0 to this, past {@link RecommendationService#MAX_TAGS_CONSIDERED}. */
    private static final int MOST_TAGS = 7;
    private static final Instant NOW = Instant.parse("2026-06-01T08:00:00Z");
    private static final String[] SECTIONS = {"news", "politics", "business", "technology", "science", "climate",
        "culture", "sport"};
    /** One GetItem, a query per considered tag, two for the section and one for the latest. */
    private static final int REQUEST_BOUND = 1 + RecommendationService.MAX_TAGS_CONSIDERED + 3;

    private final List<String> operations = Collections.synchronizedList(new ArrayList<>());
    /** Every operation the counted client ever sent, on either site. */
    private final Set<String> everySent = Collections.synchronizedSet(new TreeSet<>());
    private DynamoDbClient loader;
    private DynamoDbClient counted;
    private RecommendationService large;
    private RecommendationService small;
    private List<Article> sample;
    private Set<String> hidden;

    @BeforeAll
    void loadTwoSites(MotoServer moto) {
        loader = MotoClients.dynamoDb(moto.endpoint());
        counted = CountedDynamoDb.client(moto.endpoint(), operation -> {
            operations.add(operation);
            everySent.add(operation);
        });
        TableDefinition table = SamTemplate.load(ProjectRoot.require().resolve(ProjectRoot.TEMPLATE_FILE))
                .table("ArticlesTable")
                .orElseThrow(() -> new AssertionError("template.yaml declares no ArticlesTable"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

        List<Article> site = largeSite();
        String largeTable = "articles-scale-" + UUID.randomUUID().toString().substring(0, 8);
        TableProvisioner.createTable(loader, table, largeTable);
        long start = System.nanoTime();
        int items = ArticleBulkLoader.load(loader, largeTable, site);
        System.out.printf("Loaded %d articles (%d published) as %d items in %.1f s%n", site.size(), PUBLISHED, items,
                (System.nanoTime() - start) / 1e9);
        large = new RecommendationService(new DynamoDbArticleStore(counted, largeTable), clock, RecommendationService.newReadPool());

        String smallTable = "articles-small-" + UUID.randomUUID().toString().substring(0, 8);
        TableProvisioner.createTable(loader, table, smallTable);
        ArticleBulkLoader.load(loader, smallTable, smallSite());
        small = new RecommendationService(new DynamoDbArticleStore(counted, smallTable), clock, RecommendationService.newReadPool());

        hidden = new HashSet<>();
        site.stream().filter(article -> !article.isVisibleAt(NOW)).forEach(article -> hidden.add(article.slug()));
        sample = new ArrayList<>();
        for (int i = 0; i < SAMPLE; i++) {
            sample.add(site.get((i * 167 + 11) % PUBLISHED));
        }
    }

    @AfterAll
    void closeClients() {
        counted.close();
        loader.close();
    }

    @Test
    void eachCallCostsWhatItCostsOnASmallSiteAndNoScan() {
        Map<Integer, Integer> largeCounts = new TreeMap<>();
        Map<Integer, Integer> smallCounts = new TreeMap<>();
        Map<String, Integer> operationTotals = new TreeMap<>();
        long start = System.nanoTime();
        for (Article article : sample) {
            int tags = article.tags().size();
            List<String> largeOperations = countedCall(() -> assertGuarantees(article, large.recommend(article.slug(),
                    RecommendationService.MAX_LIMIT)));
            List<String> smallOperations = countedCall(() -> small.recommend("small-" + tags, RecommendationService.MAX_LIMIT));
            largeOperations.forEach(operation -> operationTotals.merge(operation, 1, Integer::sum));

            String context = article.slug() + " (" + tags + " tags): " + largeOperations;
            assertFalse(largeOperations.contains("Scan") || smallOperations.contains("Scan"), context);
            assertTrue(largeOperations.size() <= REQUEST_BOUND, context + " exceeds " + REQUEST_BOUND);
            assertEquals(1 + Math.min(tags, RecommendationService.MAX_TAGS_CONSIDERED) + 3, largeOperations.size(), context);
            assertEquals(smallOperations.size(), largeOperations.size(), context + " against the small site's " + smallOperations);
            assertEquals(1, Collections.frequency(largeOperations, "GetItem"), context);
            assertEquals(largeOperations.size() - 1, Collections.frequency(largeOperations, "Query"), context);
            largeCounts.put(tags, largeOperations.size());
            smallCounts.put(tags, smallOperations.size());
        }
        assertEquals(new TreeSet<>(rangeClosed(0, MOST_TAGS)), largeCounts.keySet(), "the sample covers every tag count");
        assertEquals(Set.of("GetItem", "Query"), everySent, "no Scan, nor anything else");
        // moto answers an index query by walking the whole table, so calls on the large site take seconds there.
        System.out.printf("Requests per recommendation call, by the article's tag count, %d-article site %s,"
                        + " 12-article site %s (bound %d); over %d sampled calls: %s, in %.0f s against moto%n",
                PUBLISHED, largeCounts, smallCounts, REQUEST_BOUND, sample.size(), operationTotals,
                (System.nanoTime() - start) / 1e9);
    }

    private List<String> countedCall(Runnable call) {
        operations.clear();
        call.run();
        return List.copyOf(operations);
    }

    private void assertGuarantees(Article article, Recommendations result) {
        List<String> slugs = new ArrayList<>();
        result.recommended().forEach(recommendation -> slugs.add(recommendation.article().slug()));
        result.nextUp().ifPresent(nextUp -> slugs.add(nextUp.article().slug()));
        assertEquals(RecommendationService.MAX_LIMIT, result.recommended().size(), article.slug());
        assertTrue(result.nextUp().isPresent(), article.slug());
        assertFalse(slugs.contains(article.slug()), () -> article.slug() + " recommends itself");
        assertEquals(slugs.size(), new HashSet<>(slugs).size(), () -> article.slug() + " repeats " + slugs);
        assertTrue(slugs.stream().noneMatch(hidden::contains), () -> "a draft or scheduled article in " + slugs);
    }

    /**
     * 5,000 published articles over five years, tags drawn from 400 with a long tail (a few on
     * hundreds of articles, most on a handful), the tag count cycling from 0 to {@value #MOST_TAGS};
     * plus drafts and scheduled articles that share tags and sections with them.
     */
    private static List<Article> largeSite() {
        Random random = new Random(20260601);
        List<Article> articles = new ArrayList<>(PUBLISHED + HIDDEN);
        for (int i = 0; i < PUBLISHED + HIDDEN; i++) {
            Set<String> tags = new LinkedHashSet<>();
            while (tags.size() < i % (MOST_TAGS + 1)) {
                // Squaring skews the draw towards the low, common tags.
                double draw = random.nextDouble();
                tags.add("tag-" + (int) (draw * draw * 400));
            }
            ArticleStatus status = i >= PUBLISHED && i % 2 == 0 ? ArticleStatus.DRAFT : ArticleStatus.PUBLISHED;
            Instant publishedAt = i < PUBLISHED
                    ? NOW.minusSeconds(1 + random.nextInt(5 * 365 * 24 * 3600))
                    : NOW.plus(Duration.ofDays(1 + random.nextInt(30)));
            if (status == ArticleStatus.DRAFT) {
                publishedAt = NOW.minus(Duration.ofDays(random.nextInt(30)));
            }
            articles.add(article(String.format("article-%05d", i), SECTIONS[random.nextInt(SECTIONS.length)],
                    List.copyOf(tags), status, publishedAt));
        }
        return articles;
    }

    /** An article for each tag count from 0 to {@value #MOST_TAGS}, and a few others. */
    private static List<Article> smallSite() {
        List<Article> articles = new ArrayList<>();
        for (int tags = 0; tags <= MOST_TAGS; tags++) {
            List<String> names = new ArrayList<>();
            for (int t = 0; t < tags; t++) {
                names.add("tag-" + t);
            }
            articles.add(article("small-" + tags, SECTIONS[tags % 2], names, ArticleStatus.PUBLISHED,
                    NOW.minus(Duration.ofDays(tags + 1))));
        }
        for (int i = 0; i < 4; i++) {
            articles.add(article("small-other-" + i, SECTIONS[2], List.of("tag-" + i), ArticleStatus.PUBLISHED,
                    NOW.minus(Duration.ofDays(20 + i))));
        }
        return articles;
    }

    private static Article article(String slug, String section, List<String> tags, ArticleStatus status, Instant publishedAt) {
        return new Article(slug, "Title of " + slug, "Summary of " + slug, "<p>Body of " + slug + "</p>", "Ada Writer",
                section, tags, status, publishedAt, publishedAt, 3);
    }

    private static List<Integer> rangeClosed(int from, int to) {
        List<Integer> values = new ArrayList<>();
        for (int value = from; value <= to; value++) {
            values.add(value);
        }
        return values;
    }
}
