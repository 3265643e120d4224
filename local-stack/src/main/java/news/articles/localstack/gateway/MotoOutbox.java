package news.articles.localstack.gateway;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import news.articles.tools.moto.MotoServer;
import news.articles.tools.moto.SentEmail;

/**
 * The outbox over what moto's SES accepted. moto keeps no sending time, so each message is stamped
 * with the time {@link #refresh()} first saw it; the gateway refreshes after invocations, so that
 * is within about a second of the request that sent it.
 */
public final class MotoOutbox implements Outbox {

    private final Supplier<List<SentEmail>> source;
    private final Clock clock;
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private List<OutboxEmail> emails = List.of();

    public MotoOutbox(MotoServer moto) {
        this(Objects.requireNonNull(moto, "moto")::sentEmails, Clock.systemUTC());
    }

    /** {@code source} lists the sent messages oldest first, as {@link MotoServer#sentEmails()} does. */
    public MotoOutbox(Supplier<List<SentEmail>> source, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void refresh() {
        List<SentEmail> sent = source.get();
        Instant now = clock.instant();
        List<OutboxEmail> current = new ArrayList<>(sent.size());
        for (SentEmail email : sent) {
            Instant sentAt = firstSeen.computeIfAbsent(email.id(), id -> now);
            current.add(new OutboxEmail(sentAt, email.source(), email.to(), email.subject(), email.body()));
        }
        // Oldest first from moto, each stamped no earlier than the one before it: reversed, newest first.
        Collections.reverse(current);
        emails = List.copyOf(current);
    }

    /** What the last refresh found, newest first; a message moto forgot (after a reset) is gone. */
    @Override
    public synchronized List<OutboxEmail> emails() {
        return emails;
    }
}
