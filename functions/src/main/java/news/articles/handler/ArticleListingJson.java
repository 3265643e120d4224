package news.articles.handler;

import news.articles.article.ArticleListing;
import news.articles.article.ArticleSummary;
import news.articles.config.SiteUrl;
import news.articles.json.Json;

/** The JSON body of GET /articles: the page's summaries, as recommendations show them, and the next cursor. */
final class ArticleListingJson {

    private ArticleListingJson() {
    }

    static String page(ArticleListing page, SiteUrl site) {
        return Json.write(json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("articles");
            for (ArticleSummary article : page.articles()) {
                json.writeStartObject();
                ArticleJson.writeSummaryFields(json, article, site);
                json.writeEndObject();
            }
            json.writeEndArray();
            if (page.nextCursor().isPresent()) {
                json.writeStringField("nextCursor", page.nextCursor().get());
            } else {
                json.writeNullField("nextCursor");
            }
            json.writeEndObject();
        });
    }
}
