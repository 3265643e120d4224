package news.articles.handler;

import java.io.IOException;
import java.util.Map;
import news.articles.article.SiteTaxonomy;
import news.articles.json.Json;

/**
 * The JSON body of GET /sections: {@code sections} and {@code tags}, each a list of {@code name}
 * and {@code articleCount}, by name. Only what readers can see now: no count of zero, no date.
 */
final class SectionsJson {

    private SectionsJson() {
    }

    static String of(SiteTaxonomy taxonomy) {
        return Json.write(json -> {
            json.writeStartObject();
            writeCounts(json, "sections", taxonomy.sections());
            writeCounts(json, "tags", taxonomy.tags());
            json.writeEndObject();
        });
    }

    private static void writeCounts(com.fasterxml.jackson.core.JsonGenerator json, String field, Map<String, Integer> counts)
            throws IOException {
        json.writeArrayFieldStart(field);
        for (Map.Entry<String, Integer> entry : counts.entrySet()) {
            json.writeStartObject();
            json.writeStringField("name", entry.getKey());
            json.writeNumberField("articleCount", entry.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
