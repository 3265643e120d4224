package news.articles.store.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import news.articles.article.SiteTaxonomy;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps the {@link SiteTaxonomy} to its one item in the Articles table: {@code pk} = {@code SITE},
 * {@code sk} = {@code TAXONOMY}, with none of the index attributes, so no listing ever sees it.
 */
final class TaxonomyItems {

    static final String SITE_PK = "SITE";
    static final String TAXONOMY_SK = "TAXONOMY";

    private static final String COUNTED_AT = "countedAt";
    private static final String SECTIONS = "sections";
    private static final String TAGS = "tags";
    private static final String SCHEDULED = "scheduled";
    private static final String PUBLISHED_AT = "publishedAt";
    private static final String SECTION = "section";

    private TaxonomyItems() {
    }

    static Map<String, AttributeValue> key() {
        return Map.of(ArticleItems.PK, AttributeValue.fromS(SITE_PK), ArticleItems.SK, AttributeValue.fromS(TAXONOMY_SK));
    }

    static Map<String, AttributeValue> toItem(SiteTaxonomy taxonomy) {
        Map<String, AttributeValue> item = new HashMap<>(key());
        item.put(COUNTED_AT, AttributeValue.fromS(taxonomy.countedAt().toString()));
        item.put(SECTIONS, counts(taxonomy.sections()));
        item.put(TAGS, counts(taxonomy.tags()));
        List<AttributeValue> scheduled = new ArrayList<>();
        for (SiteTaxonomy.Scheduled article : taxonomy.scheduled()) {
            scheduled.add(AttributeValue.fromM(Map.of(
                    PUBLISHED_AT, AttributeValue.fromS(article.publishedAt().toString()),
                    SECTION, AttributeValue.fromS(article.section()),
                    TAGS, AttributeValue.fromL(article.tags().stream().map(AttributeValue::fromS).toList()))));
        }
        item.put(SCHEDULED, AttributeValue.fromL(scheduled));
        return item;
    }

    static SiteTaxonomy toTaxonomy(Map<String, AttributeValue> item) {
        List<SiteTaxonomy.Scheduled> scheduled = new ArrayList<>();
        for (AttributeValue value : list(item, SCHEDULED)) {
            Map<String, AttributeValue> article = value.m();
            scheduled.add(new SiteTaxonomy.Scheduled(Instant.parse(string(article, PUBLISHED_AT)),
                    string(article, SECTION), list(article, TAGS).stream().map(AttributeValue::s).toList()));
        }
        return new SiteTaxonomy(Instant.parse(string(item, COUNTED_AT)), counts(item, SECTIONS), counts(item, TAGS),
                scheduled);
    }

    private static AttributeValue counts(Map<String, Integer> counts) {
        Map<String, AttributeValue> map = new HashMap<>();
        counts.forEach((name, count) -> map.put(name, AttributeValue.fromN(Integer.toString(count))));
        return AttributeValue.fromM(map);
    }

    private static Map<String, Integer> counts(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasM()) {
            throw new IllegalStateException("stored taxonomy item lacks map attribute " + name);
        }
        Map<String, Integer> counts = new HashMap<>();
        value.m().forEach((key, count) -> counts.put(key, Integer.parseInt(count.n())));
        return counts;
    }

    private static List<AttributeValue> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || !value.hasL()) {
            throw new IllegalStateException("stored taxonomy item lacks list attribute " + name);
        }
        return value.l();
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.s() == null) {
            throw new IllegalStateException("stored taxonomy item lacks string attribute " + name);
        }
        return value.s();
    }
}
