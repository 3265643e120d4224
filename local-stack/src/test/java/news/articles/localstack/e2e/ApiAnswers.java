package news.articles.localstack.e2e;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import news.articles.tools.contract.ApiContract;

/**
 * Where the local stack's end-to-end tests pass every answer they get from the running API: an
 * answer of a route the API's contract (docs/openapi.yaml) documents is checked against it. The
 * stack's own pages ({@code /_local/}), moto, preflights and routes that do not exist (API
 * Gateway's {@code 404}) are not the API's, and pass unchecked.
 */
final class ApiAnswers {

    private static final ApiContract CONTRACT = ApiContract.ofProject();

    private ApiAnswers() {
    }

    static HttpResponse<String> checked(HttpResponse<String> response) {
        String method = response.request().method();
        String path = response.uri().getPath();
        if (CONTRACT.documents(method, path)) {
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((name, values) -> headers.put(name, String.join(",", values)));
            CONTRACT.check(method, path, response.statusCode(), headers, response.body());
        }
        return response;
    }
}
