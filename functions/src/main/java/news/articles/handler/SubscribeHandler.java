package news.articles.handler;

import java.util.Objects;
import news.articles.config.Environment;
import news.articles.html.Html;
import news.articles.http.ApiHandler;
import news.articles.http.HtmlPage;
import news.articles.http.HttpRequest;
import news.articles.http.HttpResponse;
import news.articles.http.Masthead;
import news.articles.http.Negotiation;
import news.articles.http.RequestFields;
import news.articles.json.Json;
import news.articles.metrics.BusinessMetric;
import news.articles.subscription.SubscriptionService;

/**
 * POST /subscriptions with {@code {"email": "..."}} or an HTML form: 202 with the same body
 * whatever the address's state, so the answer reveals nobody's subscription.
 */
public final class SubscribeHandler extends ApiHandler {

    static final String MESSAGE =
            "Thanks! If this address is not subscribed yet, an email with a confirmation link is on its way.";
    private static final String ACCEPTED_JSON = Json.write(json -> {
        json.writeStartObject();
        json.writeStringField("status", "accepted");
        json.writeStringField("message", MESSAGE);
        json.writeEndObject();
    });
    private static final String ACCEPTED_HEADING = "<h1>Check your inbox</h1><p>" + Html.escape(MESSAGE) + "</p>";

    private final SubscriptionService subscriptions;
    private final SubscriptionRequests requests;

    public SubscribeHandler() {
        this(Environment.system());
    }

    /** Builds everything from these variables, as Lambda's environment would give them. */
    public SubscribeHandler(Environment environment) {
        this(Wiring.subscribe(environment), Wiring.subscriptionRequests(environment));
    }

    public SubscribeHandler(SubscriptionService subscriptions, SubscriptionRequests requests) {
        this.subscriptions = Objects.requireNonNull(subscriptions, "subscriptions");
        this.requests = Objects.requireNonNull(requests, "requests");
    }

    /**
     * The honeypot: a form field that people never see (the form hides it) and bots fill in. A
     * sign-up that fills it is answered as any other, and ignored.
     */
    static final String HONEYPOT_FIELD = "website";

    @Override
    protected HttpResponse handle(HttpRequest request) {
        requests.check(request);
        RequestFields fields = RequestFields.of(request);
        boolean byABot = fields.string(HONEYPOT_FIELD).map(value -> !value.isBlank()).orElse(false);
        // A bot's sign-up is paced too: the answer's time tells nothing either way.
        requests.paced(() -> {
            if (byABot) {
                requests.count(BusinessMetric.SIGN_UPS_IGNORED_HONEYPOT);
            } else {
                subscriptions.subscribe(fields.string("email").orElse(null), requests.requester(request));
            }
        });
        return Negotiation.prefersHtml(request)
                ? HttpResponse.html(202, HtmlPage.page(requests.masthead(), "Check your inbox", ACCEPTED_HEADING))
                : HttpResponse.json(202, ACCEPTED_JSON);
    }

    @Override
    protected Masthead masthead() {
        return requests.masthead();
    }

    @Override
    protected boolean answersWithHtml(HttpRequest request) {
        return Negotiation.prefersHtml(request);
    }
}
