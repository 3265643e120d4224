package news.articles.localstack.gateway;

import java.util.List;

/** The emails the functions sent, for the local outbox pages. */
public interface Outbox {

    /** Newest first. */
    List<OutboxEmail> emails();

    /**
     * Looks for new messages; the gateway calls it after every function invocation (so that a
     * message is stamped with the time of the request that sent it) and before showing the outbox.
     */
    default void refresh() {
    }

    /** An outbox that never has anything. */
    static Outbox empty() {
        return List::of;
    }
}
