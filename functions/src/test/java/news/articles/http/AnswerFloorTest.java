package news.articles.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The floor on a clock the test moves: what is left of it is waited out, whatever the work did. */
class AnswerFloorTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final List<Duration> waited = new ArrayList<>();
    private final AnswerFloor floor = new AnswerFloor(Duration.ofMillis(400), now::get, waited::add);

    @Test
    void fastWorkWaitsOutTheRestOfTheFloor() {
        String answer = floor.around(() -> {
            now.addAndGet(Duration.ofMillis(30).toNanos());
            return "done";
        });

        assertEquals("done", answer);
        assertEquals(List.of(Duration.ofMillis(370)), waited);
    }

    @Test
    void workThatThrowsIsPacedToo() {
        assertThrows(IllegalStateException.class, () -> floor.around((Runnable) () -> {
            now.addAndGet(Duration.ofMillis(100).toNanos());
            throw new IllegalStateException("a failure");
        }));

        assertEquals(List.of(Duration.ofMillis(300)), waited);
    }

    @Test
    void workSlowerThanTheFloorWaitsNoMore() {
        floor.around((Runnable) () -> now.addAndGet(Duration.ofMillis(401).toNanos()));

        assertEquals(List.of(), waited);
    }

    @Test
    void noFloorNeverWaitsAndANegativeOneIsRefused() {
        AnswerFloor.NONE.around((Runnable) () -> { });
        assertEquals(Duration.ZERO, AnswerFloor.of(Duration.ZERO).floor());
        assertThrows(IllegalArgumentException.class, () -> AnswerFloor.of(Duration.ofMillis(-1)));
    }
}
