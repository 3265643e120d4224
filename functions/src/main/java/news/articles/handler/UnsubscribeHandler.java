package news.articles.handler;

import java.util.List;
import java.util.Objects;
import news.articles.config.Environment;
import news.articles.html.Html;
import news.articles.http.ApiHandler;
import news.articles.http.ClientErrorException;
import news.articles.http.HtmlPage;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;
import news.articles.http.Masthead;
import news.articles.http.Negotiation;
import news.articles.http.RequestFields;
import news.articles.json.Json;
import news.articles.metrics.BusinessMetric;
import news.articles.subscription.SubscriptionService.Unsubscription;
import news.articles.subscription.SubscriptionService;
import news.articles.subscription.UnsubscribeToken;

/**
 * GET /subscriptions/unsubscribe?token=...: the page behind the unsubscribe link in every email,
 * whose button posts the token; it changes nothing, because mail scanners fetch every link.
 * POST /subscriptions/unsubscribe: unsubscribes with no further step, with the token in the URL
 * (the RFC 8058 one-click POST that mail providers send, body {@code List-Unsubscribe=One-Click})
 * or in a JSON or form body.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc8058">RFC 8058</a>
 */
public final class UnsubscribeHandler extends ApiHandler {

    private final SubscriptionService subscriptions;
    private final SubscriptionRequests requests;

    public UnsubscribeHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public UnsubscribeHandler(Environment environment) {
        this(Wiring.unsubscribe(environment), Wiring.subscriptionRequests(environment));
    }

    public UnsubscribeHandler(SubscriptionService subscriptions, SubscriptionRequests requests) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.method()) {
            case "GET" -> unsubscribePage(request);
            case "POST" -> unsubscribe(request);
            default -> throw new ClientErrorException(405, "METHOD_NOT_ALLOWED", "Use GET or POST.");
        };
    }

    @Override
    protected Masthead masthead() {
        return requests.masthead();
    }

    @Override
    protected boolean answersWithHtml(HttpRequest request) {
        return request.method().equals("GET") || Negotiation.prefersHtml(request);
    }

    private HttpResponse unsubscribePage(HttpRequest request) {
        UnsubscribeToken token = UnsubscribeToken.parse(request.queryParameter("token").orElse(null));
        // A relative action keeps the form on whatever host and stage served the page.
        String body = "<h1>Unsubscribe</h1>"
                + "<p>Press the button and we will send no more email to this address.</p>"
                + "<form method=\"post\" action=\"unsubscribe\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token.value()) + "\">"
                + "<button type=\"submit\">Unsubscribe</button></form>";
        return HttpResponse.html(200, HtmlPage.page(requests.masthead(), "Unsubscribe", body));
    }

    private HttpResponse unsubscribe(HttpRequest request) {
        requests.check(request);
        // The one-click POST carries the token in the URL that the List-Unsubscribe header gave;
        // its body says only "List-Unsubscribe=One-Click", so it is not read then.
        boolean oneClick = request.queryParameter("token").isPresent();
        String token = request.queryParameter("token")
                .orElseGet(() -> RequestFields.of(request).string("token").orElse(null));
        Unsubscription outcome = requests.paced(() -> subscriptions.unsubscribe(token, requests.requester(request)));
        if (outcome == Unsubscription.UNSUBSCRIBED) {
            requests.count(oneClick ? BusinessMetric.UNSUBSCRIBES_ONE_CLICK : BusinessMetric.UNSUBSCRIBES_PAGE);
        }
        if (Negotiation.prefersHtml(request)) {
            String heading = outcome == Unsubscription.UNSUBSCRIBED ? "You are unsubscribed" : "You were already unsubscribed";
            return HttpResponse.html(200, HtmlPage.page(requests.masthead(), heading,
                    "<h1>" + heading + "</h1><p>We will send no more email to this address. "
                            + "You can subscribe again at any time.</p>"));
        }
        String status = outcome == Unsubscription.UNSUBSCRIBED ? "unsubscribed" : "already_unsubscribed";
        return HttpResponse.json(200, Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("status", status);
            json.writeEndObject();
        }));
    }
}
