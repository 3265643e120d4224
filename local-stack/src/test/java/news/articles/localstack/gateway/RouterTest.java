package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterTest {

    /** The example of "Routing API requests" in the HTTP API developer guide, with its answers. */
    private final Router documented = new Router(List.of(
            new Route("GET", "/pets/dog/1", "static"),
            new Route("GET", "/pets/dog/{id}", "variable"),
            new Route("GET", "/pets/{proxy+}", "greedy"),
            new Route("ANY", "/{proxy+}", "any-greedy"),
            Route.defaultRoute("default")));

    @ParameterizedTest
    @CsvSource({
            "GET, /pets/dog/1, static",
            "GET, /pets/dog/2, variable",
            "GET, /pets/cat/1, greedy",
            "POST, /test/5, any-greedy",
            "POST, /, default",
            "DELETE, /, default"})
    void selectsTheMostSpecificRouteAsTheDocumentationDoes(String method, String path, String function) {
        assertEquals(function, documented.match(method, path).orElseThrow().route().functionLogicalId());
    }

    @Test
    void extractsPathParametersAndTheGreedyRest() {
        Router.Match variable = documented.match("GET", "/pets/dog/2").orElseThrow();
        assertEquals(Map.of("id", "2"), variable.pathParameters());
        assertEquals("GET /pets/dog/{id}", variable.route().routeKey());

        Router.Match greedy = documented.match("GET", "/pets/cat/1/photos").orElseThrow();
        assertEquals(Map.of("proxy", "cat/1/photos"), greedy.pathParameters());

        Router.Match fallback = documented.match("PATCH", "/").orElseThrow();
        assertEquals("$default", fallback.route().routeKey());
        assertEquals(Map.of(), fallback.pathParameters());
    }

    @Test
    void anExplicitMethodBeatsAnyOnTheSamePath() {
        Router router = new Router(List.of(new Route("ANY", "/items", "any"), new Route("POST", "/items", "post")));
        assertEquals("post", router.match("POST", "/items").orElseThrow().route().functionLogicalId());
        assertEquals("any", router.match("GET", "/items").orElseThrow().route().functionLogicalId());
    }

    @Test
    void aFullMatchBeatsAGreedyOneWithMoreLiterals() {
        Router router = new Router(List.of(
                new Route("GET", "/a/b/{proxy+}", "greedy"), new Route("ANY", "/a/{x}/{y}/{z}", "full")));
        assertEquals("full", router.match("GET", "/a/b/c/d").orElseThrow().route().functionLogicalId());
        assertEquals("greedy", router.match("GET", "/a/b/c/d/e").orElseThrow().route().functionLogicalId());
    }

    @Test
    void aLongerGreedyPrefixIsMoreSpecific() {
        Router router = new Router(List.of(
                new Route("GET", "/{proxy+}", "root"), new Route("GET", "/files/{proxy+}", "files")));
        assertEquals("files", router.match("GET", "/files/a/b").orElseThrow().route().functionLogicalId());
        assertEquals("root", router.match("GET", "/other/a").orElseThrow().route().functionLogicalId());
    }

    @Test
    void aWrongMethodOnAnExistingPathIsNotFound() {
        Router router = new Router(List.of(new Route("POST", "/subscriptions", "subscribe")));
        assertEquals(Optional.empty(), router.match("GET", "/subscriptions"));
        assertEquals(Optional.empty(), router.match("HEAD", "/subscriptions"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/articles", "/articles/", "/articles//recommendations", "/articles/a/b", "/Articles/a"})
    void matchesWholeSegmentsOnly(String path) {
        Router router = new Router(List.of(
                new Route("GET", "/articles/{slug}", "get"),
                new Route("GET", "/articles/{slug}/recommendations", "list")));
        assertEquals(Optional.empty(), router.match("GET", path));
    }

    @Test
    void aGreedyVariableNeedsAChild() {
        Router router = new Router(List.of(new Route("GET", "/pets/{proxy+}", "greedy")));
        assertEquals(Optional.empty(), router.match("GET", "/pets"));
        assertEquals(Optional.empty(), router.match("GET", "/pets/"));
    }

    @Test
    void decodesThePathAndTheParameters() {
        Router router = new Router(List.of(new Route("GET", "/articles/{slug}", "get")));
        Router.Match match = router.match("GET", "/articles/caf%C3%A9%20au%20lait").orElseThrow();
        assertEquals("/articles/café au lait", match.path());
        assertEquals(Map.of("slug", "café au lait"), match.pathParameters());

        // rawPath keeps %25 encoded; the parameter is fully decoded.
        Router.Match percent = router.match("GET", "/articles/100%25").orElseThrow();
        assertEquals("/articles/100%25", percent.path());
        assertEquals(Map.of("slug", "100%"), percent.pathParameters());

        // '+' is not a space in a path.
        assertEquals(Map.of("slug", "a+b"), router.match("GET", "/articles/a+b").orElseThrow().pathParameters());
    }

    @Test
    void anEncodedSlashSplitsTheSegmentAsTheDecodedRawPathDoes() {
        Router router = new Router(List.of(new Route("GET", "/articles/{slug}", "get")));
        assertEquals(Optional.empty(), router.match("GET", "/articles/a%2Fb"));
        assertEquals("/a/b", Router.decodePath("/a%2fb"));
    }

    @Test
    void decodePathLeavesWhatIsNotAnEscape() {
        assertEquals("/a%zz/b%", Router.decodePath("/a%zz/b%"));
        assertEquals("/x%2", Router.decodePath("/x%2"));
        assertEquals("/\uFFFD", Router.decodePath("/%C3"));
    }

    @Test
    void extraLeadingSlashesSelectTheSameRoute() {
        Router router = new Router(List.of(new Route("GET", "/articles/{slug}", "get")));
        Router.Match match = router.match("GET", "//articles/x").orElseThrow();
        assertEquals("//articles/x", match.path());
        assertEquals(Map.of("slug", "x"), match.pathParameters());
    }

    @Test
    void theRootPathIsARoute() {
        Router router = new Router(List.of(new Route("GET", "/", "root")));
        assertTrue(router.match("GET", "/").isPresent());
        assertEquals(Optional.empty(), router.match("GET", "/x"));
    }

    @Test
    void theDefaultRouteAsTheTemplateReaderSpellsIt() {
        Route route = new Route("ANY", "$default", "fallback");
        assertTrue(route.isDefault());
        assertEquals("$default", route.routeKey());
        assertEquals("$default", new Route("$default", "/ignored", "f").routeKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"articles", "/a/{proxy+}/b", "/a/{x", "/a/b{x}", "/a//b", "/a/{}"})
    void refusesMalformedTemplates(String template) {
        assertThrows(IllegalArgumentException.class, () -> new Route("GET", template, "f"));
    }

    @Test
    void refusesUnknownMethodsAndDuplicateRouteKeys() {
        assertThrows(IllegalArgumentException.class, () -> new Route("FETCH", "/a", "f"));
        assertThrows(IllegalArgumentException.class,
                () -> new Router(List.of(new Route("GET", "/a", "f"), new Route("get", "/a", "g"))));
    }
}
