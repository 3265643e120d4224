package news.articles.localstack.gateway;

import java.util.List;

/** The emails the functions sent, for the local outbox pages. */
public interface Outbox {

    /** Newest first. */
    List<OutboxEmail> emails();

    /**
     * Looks for new messages; the gateway calls it after function invocations (one refresh at a
     * time, shared by the invocations that ended meanwhile, so that a message is stamped within
     * about a second of the request that sent it) and before showing the outbox.
     */
    default void refresh() {
    }

    /** An outbox that never has anything. */
    static Outbox empty() {
        return List::of;
    }
}
