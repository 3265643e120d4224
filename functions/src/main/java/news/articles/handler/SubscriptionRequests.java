package news.articles.handler;

import java.util.Objects;
import news.articles.http.AnswerFloor;
import news.articles.http.ClientAddress;
import news.articles.http.CrossSiteRequests;
import news.articles.http.HttpRequest;
import news.articles.http.Masthead;
import news.articles.metrics.BusinessMetric;
import news.articles.metrics.BusinessMetrics;
import news.articles.subscription.Requester;

/**
 * What the subscription functions ask of every request before the service sees it: that a
 * browser's request comes from a page we trust ({@link CrossSiteRequests}), and who sent it, for
 * the limits and the consent record ({@link ClientAddress} and the user agent); and where the
 * handlers count what only they see (a honeypot filled in, a cross-site form, how a reader
 * unsubscribed).
 */
public record SubscriptionRequests(CrossSiteRequests crossSite, ClientAddress clientAddress, AnswerFloor answerFloor,
        Masthead masthead, BusinessMetrics metrics) {

    public SubscriptionRequests {
        Objects.requireNonNull(crossSite, "crossSite");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(answerFloor, "answerFloor");
        Objects.requireNonNull(masthead, "masthead");
        Objects.requireNonNull(metrics, "metrics");
    }

    /** Counting nothing (tests). */
    public SubscriptionRequests(CrossSiteRequests crossSite, ClientAddress clientAddress, AnswerFloor answerFloor,
            Masthead masthead) {
        this(crossSite, clientAddress, answerFloor, masthead, BusinessMetrics.NONE);
    }

    /** Pages without a masthead, counting nothing (tests, and tools that call the handlers directly). */
    public SubscriptionRequests(CrossSiteRequests crossSite, ClientAddress clientAddress, AnswerFloor answerFloor) {
        this(crossSite, clientAddress, answerFloor, Masthead.NONE, BusinessMetrics.NONE);
    }

    /** Without an answer floor, counting nothing (tests, and tools that call the handlers directly). */
    public SubscriptionRequests(CrossSiteRequests crossSite, ClientAddress clientAddress) {
        this(crossSite, clientAddress, AnswerFloor.NONE, Masthead.NONE, BusinessMetrics.NONE);
    }

    /** The same, counting into {@code metrics}. */
    public SubscriptionRequests withMetrics(BusinessMetrics metrics) {
        return new SubscriptionRequests(crossSite, clientAddress, answerFloor, masthead, metrics);
    }

    /** Runs the service's work under the answer floor: every outcome takes as long (see {@link AnswerFloor}). */
    <T> T paced(java.util.function.Supplier<T> work) {
        return answerFloor.around(work);
    }

    void paced(Runnable work) {
        answerFloor.around(work);
    }

    /** Throws a {@code 403 CROSS_SITE_REQUEST} for a request from another site's page. */
    void check(HttpRequest request) {
        try {
            crossSite.check(request);
        } catch (RuntimeException refused) {
            metrics.count(BusinessMetric.CROSS_SITE_REQUESTS_REFUSED);
            throw refused;
        }
    }

    void count(BusinessMetric metric) {
        metrics.count(metric);
    }

    /** The consent record's view of the request: the client's address and the user agent. */
    Requester requester(HttpRequest request) {
        return new Requester(clientAddress.of(request), request.header("user-agent").orElse(""));
    }
}
