package news.articles.handler;

import news.articles.http.HttpRequest;
import news.articles.subscription.Requester;

/** The consent record's view of a request: API Gateway's source IP (requestContext.http.sourceIp) and the user agent. */
final class RequesterFromHttp {

    private RequesterFromHttp() {
    }

    static Requester of(HttpRequest request) {
        return new Requester(request.sourceIp(), request.header("user-agent").orElse(""));
    }
}
