package news.articles.handler;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import news.articles.article.ArticleSummary;
import news.articles.config.SiteUrl;
import news.articles.json.Json;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionContent;
import news.articles.newsletter.EditionDigest;
import news.articles.newsletter.EditionPages.ArchivePage;

/** The JSON bodies of GET /newsletter/{editionId} (an edition as its digest) and GET /newsletter (the archive). */
final class NewsletterJson {

    private NewsletterJson() {
    }

    static String edition(Edition edition, EditionContent content, SiteUrl site) {
        return Json.write(json -> {
            EditionDigest digest = EditionDigest.of(edition);
            json.writeStartObject();
            writeEditionFields(json, edition, content);
            json.writeObjectFieldStart("lead");
            writeArticle(json, edition, digest.lead(), content, site);
            json.writeEndObject();
            json.writeArrayFieldStart("sections");
            for (EditionDigest.Section section : digest.sections()) {
                json.writeStartObject();
                json.writeStringField("section", section.name());
                json.writeArrayFieldStart("articles");
                for (ArticleSummary article : section.articles()) {
                    json.writeStartObject();
                    writeArticle(json, edition, article, content, site);
                    json.writeEndObject();
                }
                json.writeEndArray();
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    static String archive(ArchivePage page, EditionContent content) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("editions");
            for (Edition edition : page.editions()) {
                json.writeStartObject();
                writeEditionFields(json, edition, content);
                json.writeStringField("leadTitle", EditionDigest.of(edition).lead().title());
                json.writeNumberField("articleCount", edition.articles().size());
                json.writeEndObject();
            }
            json.writeEndArray();
            if (page.olderBefore().isPresent()) {
                json.writeStringField("next", content.links().archive() + "?before=" + page.olderBefore().get().value());
            } else {
                json.writeNullField("next");
            }
            json.writeEndObject();
        });
    }

    private static void writeEditionFields(JsonGenerator json, Edition edition, EditionContent content)
            throws IOException {
        json.writeStringField("id", edition.id().value());
        json.writeStringField("title", content.title(edition.id()));
        json.writeStringField("url", content.links().edition(edition.id()));
        json.writeStringField("scheduledAt", edition.scheduledAt().toString());
        json.writeStringField("windowStart", edition.windowStart().toString());
        json.writeStringField("windowEnd", edition.windowEnd().toString());
    }

    private static void writeArticle(JsonGenerator json, Edition edition, ArticleSummary article, EditionContent content,
            SiteUrl site) throws IOException {
        ArticleJson.writeSummaryFields(json, article, site);
        json.writeStringField("newsletterUrl", content.links().article(article.slug(), edition.id()));
    }
}
