package news.articles.benchmarks.warm;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import news.articles.store.SubscriberStore;
import news.articles.subscription.PendingSubscription;
import news.articles.subscription.Subscriber;
import news.articles.subscription.SubscriberStatus;

/** A {@link SubscriberStore} in a map, with the DynamoDB one's conditions, as the test fake in functions/ has them. */
final class InMemorySubscriberStore implements SubscriberStore {

    private final Map<String, Subscriber> subscribers = new ConcurrentHashMap<>();

    @Override
    public Optional<Subscriber> find(String id) {
        return Optional.ofNullable(subscribers.get(id));
    }

    @Override
    public PendingOutcome savePending(PendingSubscription pending) {
        Subscriber existing = subscribers.get(pending.id());
        if (existing != null && existing.status() == SubscriberStatus.CONFIRMED) {
            return PendingOutcome.ALREADY_CONFIRMED;
        }
        subscribers.put(pending.id(), new Subscriber(pending.id(), pending.email(), SubscriberStatus.PENDING,
                Optional.of(pending.tokenHash()), Optional.of(pending.tokenExpiresAt()),
                existing == null ? pending.requestedAt() : existing.createdAt(), Optional.empty()));
        return existing == null ? PendingOutcome.CREATED : PendingOutcome.RENEWED;
    }

    @Override
    public boolean confirm(String id, String tokenHash, Instant confirmedAt) {
        Subscriber existing = subscribers.get(id);
        if (existing == null || existing.status() != SubscriberStatus.PENDING
                || !existing.confirmTokenHash().equals(Optional.of(tokenHash))) {
            return false;
        }
        subscribers.put(id, new Subscriber(id, existing.email(), SubscriberStatus.CONFIRMED, existing.confirmTokenHash(),
                existing.confirmTokenExpiresAt(), existing.createdAt(), Optional.of(confirmedAt)));
        return true;
    }
}
