package news.articles.handler;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import news.articles.article.Article;
import news.articles.article.ArticleSummary;
import news.articles.article.NextUp;
import news.articles.article.Recommendation;
import news.articles.article.Recommendations;
import news.articles.config.SiteUrl;
import news.articles.json.Json;

/** The JSON bodies of the article endpoints, written field by field. */
final class ArticleJson {

    private ArticleJson() {
    }

    static String article(Article article, SiteUrl site) {
        return Json.write(json -> {
            json.writeStartObject();
            writeSummaryFields(json, article.summarize(), site);
            json.writeStringField("bodyHtml", article.bodyHtml());
            json.writeEndObject();
        });
    }

    /**
     * {@code {slug, recommended: [summary + reason], nextUp: summary + rule | null}}. Each
     * {@code reason} is {@code {kind, sharedTags, sharedKeywords, sameSection}}: {@code kind} is
     * {@code SHARED_TAGS} (the two share the tags {@code sharedTags} names, in the reader's article's
     * tag order), {@code SHARED_KEYWORDS} (no shared tag, but the topics {@code sharedKeywords} names,
     * where a keyword derived from one's text meets the other's tag or keyword), {@code SAME_SECTION}
     * (no shared topic, same section) or {@code LATEST} (neither: among the newest on the site);
     * {@code sharedTags} is empty unless the kind is {@code SHARED_TAGS}, {@code sharedKeywords}
     * unless it is one of the two shared kinds; {@code sameSection} says whether the two share a
     * section, for any kind. {@code rule} is {@code RELATED_NEWER}, {@code RELATED_OLDER},
     * {@code NEXT_IN_SECTION}, {@code PREVIOUS_IN_SECTION} or {@code LATEST}.
     */
    static String recommendations(Recommendations recommendations, SiteUrl site) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("slug", recommendations.slug());
            json.writeArrayFieldStart("recommended");
            for (Recommendation recommendation : recommendations.recommended()) {
                json.writeStartObject();
                writeSummaryFields(json, recommendation.article(), site);
                json.writeObjectFieldStart("reason");
                json.writeStringField("kind", recommendation.reason().name());
                writeStrings(json, "sharedTags", recommendation.sharedTags());
                writeStrings(json, "sharedKeywords", recommendation.sharedKeywords());
                json.writeBooleanField("sameSection", recommendation.sameSection());
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
            if (recommendations.nextUp().isPresent()) {
                NextUp nextUp = recommendations.nextUp().get();
                json.writeObjectFieldStart("nextUp");
                writeSummaryFields(json, nextUp.article(), site);
                json.writeStringField("rule", nextUp.rule().name());
                json.writeEndObject();
            } else {
                json.writeNullField("nextUp");
            }
            json.writeEndObject();
        });
    }

    static void writeSummaryFields(JsonGenerator json, ArticleSummary article, SiteUrl site) throws IOException {
        json.writeStringField("slug", article.slug());
        json.writeStringField("title", article.title());
        json.writeStringField("summary", article.summary());
        json.writeStringField("author", article.author());
        json.writeStringField("section", article.section());
        writeStrings(json, "tags", article.tags());
        json.writeStringField("publishedAt", article.publishedAt().toString());
        json.writeStringField("updatedAt", article.updatedAt().toString());
        json.writeNumberField("readingTimeMinutes", article.readingMinutes());
        json.writeStringField("canonicalUrl", site.resolve("/articles/" + article.slug()));
    }

    private static void writeStrings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }
}
