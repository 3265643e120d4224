package news.articles.http;

import news.articles.error.RejectedException;
import news.articles.error.StoreException;
import news.articles.json.Json;
import news.articles.mail.MailException;

/** The one place where exceptions become HTTP responses. Exception text never reaches the caller. */
public final class ErrorResponses {

    /** Seconds after which a retry after a dependency failure is worth trying. */
    public static final int RETRY_AFTER_SECONDS = 5;

    private ErrorResponses() {
    }

    public static HttpResponse of(RuntimeException failure, boolean html) {
        return of(failure, html, Masthead.NONE);
    }

    /** As {@link #of(RuntimeException, boolean)}, pages carrying {@code masthead}. */
    public static HttpResponse of(RuntimeException failure, boolean html, Masthead masthead) {
        if (failure instanceof RejectedException rejected) {
            HttpResponse response = error(status(rejected.reason()), rejected.code(), rejected.getMessage(), html, masthead);
            return rejected.retryAfterSeconds() > 0
                    ? response.withHeader("retry-after", Long.toString(rejected.retryAfterSeconds()))
                    : response;
        }
        if (failure instanceof ClientErrorException client) {
            return error(client.status(), client.code(), client.getMessage(), html, masthead);
        }
        if (failure instanceof ApiGatewayEvents.MalformedEventException) {
            return error(400, "MALFORMED_EVENT", "The request could not be read as an API Gateway HTTP API event.", html, masthead);
        }
        if (failure instanceof StoreException store) {
            return store.retryable()
                    ? unavailable("STORE_UNAVAILABLE", "Our data store is not answering. Please try again shortly.", html, masthead)
                    : internal(html, masthead);
        }
        if (failure instanceof MailException mail) {
            return mail.retryable()
                    ? unavailable("MAIL_UNAVAILABLE", "We could not send the email just now. Please try again shortly.", html, masthead)
                    : internal(html, masthead);
        }
        return internal(html, masthead);
    }

    static int status(RejectedException.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_FOUND -> 404;
            case EXPIRED -> 410;
            case TOO_MANY_REQUESTS -> 429;
        };
    }

    public static HttpResponse error(int status, String code, String message, boolean html) {
        return error(status, code, message, html, Masthead.NONE);
    }

    public static HttpResponse error(int status, String code, String message, boolean html, Masthead masthead) {
        return html
                ? HttpResponse.html(status, HtmlPage.error(masthead, status, code, message))
                : HttpResponse.json(status, Json.write(json -> {
                    json.writeStartObject();
                    json.writeStringField("code", code);
                    json.writeStringField("message", message);
                    json.writeEndObject();
                }));
    }

    private static HttpResponse unavailable(String code, String message, boolean html, Masthead masthead) {
        return error(503, code, message, html, masthead).withHeader("retry-after", Integer.toString(RETRY_AFTER_SECONDS));
    }

    private static HttpResponse internal(boolean html, Masthead masthead) {
        return error(500, "INTERNAL_ERROR", "Something went wrong on our side.", html, masthead);
    }
}
