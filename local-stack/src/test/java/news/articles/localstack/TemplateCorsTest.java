package news.articles.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import news.articles.tools.ProjectRoot;
import news.articles.tools.template.Intrinsic;
import news.articles.tools.template.Resource;
import news.articles.tools.template.SamTemplate;
import org.junit.jupiter.api.Test;

/**
 * template.yaml's CORS configuration allows the origins of the AllowedOrigins parameter and
 * nothing else: no wildcard in the configuration, and none a deployment can pass in.
 */
class TemplateCorsTest {

    private static final List<String> API_TYPES = List.of("AWS::Serverless::HttpApi", "AWS::ApiGatewayV2::Api",
            "AWS::Serverless::Api", "AWS::ApiGateway::RestApi");

    private final SamTemplate template = SamTemplate.load(ProjectRoot.require().resolve("template.yaml"));

    @Test
    void everyApiAllowsExactlyTheParameterisedOriginsAndNoWildcard() {
        List<String> apis = new ArrayList<>();
        template.resources().forEach((id, resource) -> {
            if (!API_TYPES.contains(resource.type())) {
                return;
            }
            apis.add(id);
            assertEquals("AWS::Serverless::HttpApi", resource.type(), id + ": only the HTTP API is expected");
            Map<?, ?> cors = (Map<?, ?>) resource.properties().get("CorsConfiguration");
            assertTrue(cors != null, id + " has a CORS configuration");
            assertEquals(new Intrinsic("Ref", "AllowedOrigins"), cors.get("AllowOrigins"),
                    id + ": the origins are the parameter's, not a literal list");
            cors.forEach((name, value) -> assertFalse(String.valueOf(value).contains("*"),
                    id + "." + name + " holds a wildcard: " + value));
            assertNotEquals(Boolean.TRUE, cors.get("AllowCredentials"), id + ": the API uses no cookies");
        });
        assertEquals(List.of("HttpApi"), apis);
        assertTrue(template.resources().values().stream().map(Resource::type).noneMatch("AWS::Lambda::Url"::equals),
                "no function URL, whose CORS would bypass this configuration");
    }

    @Test
    void theParameterHasNoDefaultAndRefusesWildcardsAndPaths() {
        Map<?, ?> parameter = (Map<?, ?>) ((Map<?, ?>) template.document().get("Parameters")).get("AllowedOrigins");
        assertEquals("CommaDelimitedList", parameter.get("Type"));
        assertFalse(parameter.containsKey("Default"), "each deployment names its own origins");
        // CloudFormation applies a CommaDelimitedList's AllowedPattern to each value of the list.
        Pattern allowed = Pattern.compile(String.valueOf(parameter.get("AllowedPattern")));
        List<String> origins = new ArrayList<>(List.of(LocalStack.DEFAULT_ALLOWED_ORIGINS.split(",")));
        origins.addAll(List.of("https://news.example.com", "https://www.news-site.example:8443", " https://a.example",
                "http://[::1]:5173"));
        for (String origin : origins) {
            assertTrue(allowed.matcher(origin).matches(), origin);
        }
        for (String origin : List.of("*", "https://*", "http://*", "https://*.example.com", "https://news.example.com/",
                "https://news.example.com/path", "null", "news.example.com", "ftp://news.example.com",
                "https://news.example.com,https://other.example", "https://news.example.com\nhttps://evil.example", "")) {
            assertFalse(allowed.matcher(origin).matches(), origin);
        }
    }

    @Test
    void theLocalStackResolvesTheConfigurationToItsDefaultOrigins() {
        TemplateResolver resolver = TemplateResolver.of(template,
                Map.of("AllowedOrigins", LocalStack.DEFAULT_ALLOWED_ORIGINS, "SenderAddress", LocalStack.DEFAULT_SENDER,
                        "SiteUrl", "http://127.0.0.1:3000"),
                Map.of("ArticlesTable", "ArticlesTable", "SubscribersTable", "SubscribersTable", "EditionsTable",
                        "EditionsTable"));
        Optional<StackDefinition.Cors> cors = new StackDefinition(template, resolver).cors();
        assertEquals(List.of(LocalStack.DEFAULT_ALLOWED_ORIGINS.split(",")), cors.orElseThrow().allowOrigins());
    }
}
