package news.articles.handler;

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
import news.articles.subscription.ConfirmationToken;
import news.articles.subscription.SubscriptionService.Confirmation;
import news.articles.subscription.SubscriptionService;

/**
 * GET /subscriptions/confirm?token=...: the page behind the link in the email, whose button
 * posts the token; it changes nothing, because mail scanners fetch every link they see.
 * POST /subscriptions/confirm with the token (JSON or form): confirms the subscription.
 */
public final class ConfirmSubscriptionHandler extends ApiHandler {

    private final SubscriptionService subscriptions;
    private final SubscriptionRequests requests;

    public ConfirmSubscriptionHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public ConfirmSubscriptionHandler(Environment environment) {
        this(Wiring.confirmSubscription(environment), Wiring.subscriptionRequests(environment));
    }

    public ConfirmSubscriptionHandler(SubscriptionService subscriptions, SubscriptionRequests requests) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    @Override
    protected HttpResponse handle(HttpRequest request) {
        return switch (request.method()) {
            case "GET" -> confirmPage(request);
            case "POST" -> confirm(request);
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

    private HttpResponse confirmPage(HttpRequest request) {
        ConfirmationToken token = ConfirmationToken.parse(request.queryParameter("token").orElse(null));
        // A relative action keeps the form on whatever host and stage served the page.
        String body = "<h1>Confirm your subscription</h1>"
                + "<p>One more step: press the button to start receiving the weekly newsletter.</p>"
                + "<form method=\"post\" action=\"confirm\">"
                + "<input type=\"hidden\" name=\"token\" value=\"" + Html.escape(token.value()) + "\">"
                + "<button type=\"submit\">Confirm my subscription</button></form>";
        return HttpResponse.html(200, HtmlPage.page(requests.masthead(), "Confirm your subscription", body));
    }

    private HttpResponse confirm(HttpRequest request) {
        requests.check(request);
        Confirmation confirmation = requests.paced(() -> subscriptions.confirm(
                RequestFields.of(request).string("token").orElse(null), requests.requester(request)));
        if (Negotiation.prefersHtml(request)) {
            String heading = confirmation == Confirmation.CONFIRMED ? "You are subscribed" : "You were already subscribed";
            return HttpResponse.html(200, HtmlPage.page(requests.masthead(), heading,
                    "<h1>" + heading + "</h1><p>The weekly newsletter will reach you from its next issue.</p>"));
        }
        String status = confirmation == Confirmation.CONFIRMED ? "confirmed" : "already_confirmed";
        return HttpResponse.json(200, Json.write(json -> {
            json.writeStartObject();
            json.writeStringField("status", status);
            json.writeEndObject();
        }));
    }
}
