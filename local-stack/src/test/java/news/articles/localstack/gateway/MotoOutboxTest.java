package news.articles.localstack.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import news.articles.tools.moto.SentEmail;
import org.junit.jupiter.api.Test;

class MotoOutboxTest {

    private final List<SentEmail> sent = new ArrayList<>();
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final MotoOutbox outbox = new MotoOutbox(() -> List.copyOf(sent), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    });

    private static SentEmail email(String id, String subject) {
        return new SentEmail(id, "newsletter@example.com", List.of("reader@example.com"), subject, "<p>hi</p>");
    }

    @Test
    void stampsEachMessageWithTheTimeItWasFirstSeenAndListsTheNewestFirst() {
        assertEquals(List.of(), outbox.emails());
        sent.add(email("m1", "first"));
        outbox.refresh();

        now.set(Instant.parse("2026-03-01T10:05:00Z"));
        sent.add(email("m2", "second"));
        outbox.refresh();
        now.set(Instant.parse("2026-03-01T10:09:00Z"));
        outbox.refresh();

        List<OutboxEmail> emails = outbox.emails();
        assertEquals(List.of("second", "first"), emails.stream().map(OutboxEmail::subject).toList());
        assertEquals(Instant.parse("2026-03-01T10:05:00Z"), emails.get(0).sentAt());
        assertEquals(Instant.parse("2026-03-01T10:00:00Z"), emails.get(1).sentAt());
        assertEquals(List.of("reader@example.com"), emails.get(0).to());
        assertEquals("newsletter@example.com", emails.get(0).from());
    }

    @Test
    void forgetsWhatMotoForgot() {
        sent.add(email("m1", "first"));
        outbox.refresh();
        sent.clear();
        outbox.refresh();
        assertEquals(List.of(), outbox.emails());
    }
}
