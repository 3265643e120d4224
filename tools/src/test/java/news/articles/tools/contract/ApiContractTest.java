package news.articles.tools.contract;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import news.articles.tools.ProjectRoot;
import news.articles.tools.contract.ApiContract.ContractViolation;
import news.articles.tools.template.FunctionDefinition;
import news.articles.tools.template.HttpRoute;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;

/** docs/openapi.yaml against template.yaml, and the checker against answers that are right and wrong. */
class ApiContractTest {

    private static final ApiContract CONTRACT = ApiContract.ofProject();

    private static final String ETAG = "\"AbCdEfGhIjKlMnOpQrStUvWxYz0\"";
    private static final String CACHE = "public, max-age=60, s-maxage=300, stale-while-revalidate=60, stale-if-error=3600";
    private static final Map<String, String> CACHEABLE_JSON = Map.of("Content-Type", "application/json; charset=utf-8",
            "ETag", ETAG, "Cache-Control", CACHE, "Vary", "Origin");
    private static final String SUMMARY = "{\"slug\":\"a-story\",\"title\":\"A story\",\"summary\":\"What it says.\","
            + "\"author\":\"Ada Writer\",\"section\":\"science\",\"tags\":[\"ai\"],\"publishedAt\":\"2026-11-18T07:50:00Z\","
            + "\"updatedAt\":\"2026-11-18T07:50:00Z\",\"readingTimeMinutes\":4,"
            + "\"canonicalUrl\":\"https://news.example.com/articles/a-story\"}";
    private static final String LISTING = "{\"articles\":[" + SUMMARY + "],\"nextCursor\":null}";

    @Test
    void documentsExactlyTheTemplatesRoutes() {
        Set<String> template = new TreeSet<>();
        for (FunctionDefinition function : SamTemplate.load(ProjectRoot.require().resolve("template.yaml")).functions()) {
            for (HttpRoute route : function.routes()) {
                template.add(route.method() + " " + route.path());
            }
        }

        assertTrue(template.size() >= 11, template::toString);
        assertEquals(template, CONTRACT.routes(), "the routes of template.yaml's HttpApi events and of " + ApiContract.DOCUMENT);
    }

    @Test
    void acceptsAnAnswerAsDocumented() {
        assertDoesNotThrow(() -> CONTRACT.check("GET", "/articles", 200, CACHEABLE_JSON, LISTING));
        assertDoesNotThrow(() -> CONTRACT.check("GET", "/articles/a-story/recommendations", 304,
                Map.of("etag", ETAG, "cache-control", CACHE), ""));
    }

    @Test
    void refusesWhatTheDocumentDoesNotSay() {
        Map<String, String> json = Map.of("content-type", "application/json; charset=utf-8", "cache-control", "no-store");
        Map<String, Runnable> wrong = Map.of(
                "an undocumented field", () -> CONTRACT.check("GET", "/articles", 200, CACHEABLE_JSON,
                        LISTING.replace("\"nextCursor\"", "\"extra\":1,\"nextCursor\"")),
                "a field of the wrong type", () -> CONTRACT.check("GET", "/articles", 200, CACHEABLE_JSON,
                        LISTING.replace("\"readingTimeMinutes\":4", "\"readingTimeMinutes\":\"4\"")),
                "a missing field", () -> CONTRACT.check("GET", "/articles", 200, CACHEABLE_JSON,
                        LISTING.replace(",\"nextCursor\":null", "")),
                "an error code the route does not give", () -> CONTRACT.check("GET", "/articles", 400, json,
                        "{\"code\":\"INVALID_SLUG\",\"message\":\"No.\"}"),
                "an undocumented status", () -> CONTRACT.check("GET", "/articles", 418, json, "{}"),
                "a missing required header", () -> CONTRACT.check("GET", "/articles", 200,
                        Map.of("content-type", "application/json"), LISTING),
                "an undocumented content type", () -> CONTRACT.check("GET", "/articles", 200,
                        Map.of("content-type", "text/html", "etag", ETAG, "cache-control", CACHE, "vary", "Origin"), "<p>"),
                "a route the document lacks", () -> CONTRACT.check("GET", "/no/such/route", 200, json, "{}"),
                "a method the document lacks", () -> CONTRACT.check("DELETE", "/articles", 200, json, "{}"));
        wrong.forEach((what, check) -> assertThrows(ContractViolation.class, check::run, what));
    }

    @Test
    void everyExampleMatchesItsSchema() {
        assertEquals(java.util.List.of(), CONTRACT.exampleProblems());
        String broken = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n"
                + "    Count:\n      type: integer\n      example: three\n";
        assertEquals(1, ApiContract.parse(broken).exampleProblems().size(), "a wrong example is found");
    }

    /** The checker fails on a wrong schema: the check that the tests hooked to it can fail. */
    @Test
    void aDeliberatelyWrongSchemaRefusesARightAnswer() throws IOException {
        String text = Files.readString(ProjectRoot.require().resolve(ApiContract.DOCUMENT));
        String broken = text.replace("readingTimeMinutes: {type: integer, minimum: 1}",
                "readingTimeMinutes: {type: string}");
        assertNotEquals(text, broken);

        assertThrows(ContractViolation.class, () -> ApiContract.parse(broken).check("GET", "/articles", 200,
                CACHEABLE_JSON, LISTING));
    }
}
