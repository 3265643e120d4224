package news.articles.newsletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import news.articles.newsletter.RecipientDirectory.RecipientPage;
import news.articles.newsletter.Subscribers.State;
import news.articles.subscription.EmailAddress;
import news.articles.subscription.SubscriberStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link RecipientDirectory} must do, run against the in-memory fake ({@code InMemoryRecipientDirectoryTest})
 * and the DynamoDB adapter on moto ({@code DynamoDbNewsletterRecipientsTest} in integration-tests):
 * confirmed subscribers only, in id order, page by page, a cursor continuing where the page
 * stopped, and a subscriber who leaves no longer listed (moto updates an index with the write; DynamoDB
 * a moment later, which the claim's own check covers). Each test lists subscribers whose ids
 * share a prefix of its own, starting the listing at that prefix, so a store may hold others.
 */
public abstract class RecipientDirectoryContract {

    private static final Instant LATER = Instant.parse("2026-12-04T09:00:00Z");

    /** The subscribers the directory lists. */
    protected abstract SubscriberStore subscribers();

    protected abstract RecipientDirectory directory();

    private SubscriberStore store;
    private RecipientDirectory directory;
    private Subscribers lifecycle;
    private String prefix;

    @BeforeEach
    void fresh() {
        store = subscribers();
        directory = directory();
        lifecycle = new Subscribers(store);
        prefix = "dir-" + UUID.randomUUID() + "-";
    }

    @Test
    void onlyConfirmedSubscribersAreListedInIdOrderPageByPage() {
        List<String> confirmed = new ArrayList<>();
        State[] states = {State.CONFIRMED, State.PENDING, State.CONFIRMED, State.CONFIRMED, State.UNSUBSCRIBED,
            State.CONFIRMED, State.SUPPRESSED, State.CONFIRMED, State.CONFIRMED, State.PENDING, State.CONFIRMED};
        // Created out of order, so that the order listed is the ids', not the writes'.
        for (int i = states.length - 1; i >= 0; i--) {
            bringTo(i, states[i]);
        }
        for (int i = 0; i < states.length; i++) {
            if (states[i] == State.CONFIRMED) {
                confirmed.add(id(i));
            }
        }

        List<RecipientPage> pages = walk(3);

        List<String> listed = new ArrayList<>();
        pages.forEach(page -> listed.addAll(page.subscriberIds()));
        assertEquals(confirmed, listed);
        for (RecipientPage page : pages.subList(0, pages.size() - 1)) {
            assertEquals(3, page.subscriberIds().size(), "a page that says more may follow is full");
            assertEquals(Optional.of(page.subscriberIds().get(2)), page.next(), "its cursor is its last id");
        }
    }

    @Test
    void aCursorContinuesAfterTheIdItNames() {
        for (int i = 0; i < 6; i++) {
            bringTo(i, State.CONFIRMED);
        }

        RecipientPage page = directory.confirmed(Optional.of(id(1)), 2);

        assertEquals(List.of(id(2), id(3)), page.subscriberIds());
        assertEquals(Optional.of(id(3)), page.next());
        assertEquals(List.of(id(4), id(5)), mine(directory.confirmed(page.next(), 2)));
    }

    @Test
    void aPageLargerThanWhatIsLeftHoldsEverythingLeft() {
        for (int i = 0; i < 4; i++) {
            bringTo(i, State.CONFIRMED);
        }

        RecipientPage page = directory.confirmed(Optional.of(prefix), 500);

        assertEquals(List.of(id(0), id(1), id(2), id(3)), mine(page));
        assertTrue(page.subscriberIds().size() < 500);
        assertEquals(Optional.empty(), page.next(), "nothing follows a page that is not full");
    }

    @Test
    void aSubscriberWhoLeavesIsNoLongerListedAndOneWhoComesBackIsAgain() {
        EmailAddress email = email(0);
        bringTo(0, State.CONFIRMED);
        bringTo(1, State.CONFIRMED);
        assertEquals(List.of(id(0), id(1)), mine(directory.confirmed(Optional.of(prefix), 10)));

        assertTrue(store.unsubscribe(id(0), "u-welcome", LATER));
        assertTrue(store.suppress(id(1), email(1), LATER, "COMPLAINT"));
        assertEquals(List.of(), mine(directory.confirmed(Optional.of(prefix), 10)));

        lifecycle.signUpAgain(id(0), email, LATER.plusSeconds(60));
        assertEquals(List.of(), mine(directory.confirmed(Optional.of(prefix), 10)), "pending again is not confirmed");

        lifecycle.confirmAgain(id(0), LATER.plusSeconds(120));
        assertEquals(List.of(id(0)), mine(directory.confirmed(Optional.of(prefix), 10)));
    }

    @Test
    void aPageHoldsAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> directory.confirmed(Optional.empty(), 0));
    }

    /** The pages from this test's prefix on, up to the first that holds an id not of this test, or the last. */
    private List<RecipientPage> walk(int limit) {
        List<RecipientPage> pages = new ArrayList<>();
        Optional<String> after = Optional.of(prefix);
        while (true) {
            RecipientPage page = directory.confirmed(after, limit);
            assertTrue(page.subscriberIds().size() <= limit);
            List<String> mine = mine(page);
            if (mine.size() < page.subscriberIds().size() || page.next().isEmpty()) {
                if (!mine.isEmpty()) {
                    pages.add(new RecipientPage(mine, Optional.empty()));
                }
                return pages;
            }
            pages.add(page);
            after = page.next();
        }
    }

    /** This test's ids on the page, which must come before any other's. */
    private List<String> mine(RecipientPage page) {
        List<String> mine = new ArrayList<>();
        for (String id : page.subscriberIds()) {
            if (!id.startsWith(prefix)) {
                break;
            }
            mine.add(id);
        }
        return mine;
    }

    private void bringTo(int i, State state) {
        lifecycle.bringTo(id(i), email(i), state);
    }

    private String id(int i) {
        return prefix + String.format("%02d", i);
    }

    private EmailAddress email(int i) {
        return EmailAddress.parse("r" + i + "." + prefix.substring(4, 40) + "@example.com");
    }
}
