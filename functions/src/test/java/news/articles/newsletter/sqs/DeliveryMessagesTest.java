package news.articles.newsletter.sqs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutPage;
import org.junit.jupiter.api.Test;

class DeliveryMessagesTest {

    private static final EditionId W49 = new EditionId("2026-W49");

    @Test
    void eachKindOfWorkReadsBackAsWritten() {
        for (DeliveryWork work : List.of(
                new DeliveryBatch(W49, List.of("a1", "b2", "c3")),
                FanOutPage.first(W49),
                new FanOutPage(W49, Optional.of("b2")))) {
            assertEquals(Optional.of(work), DeliveryMessages.read(DeliveryMessages.write(work)), work.toString());
        }
    }

    @Test
    void theBodiesAreTheDocumentedJson() {
        assertEquals("{\"kind\":\"batch\",\"edition\":\"2026-W49\",\"subscribers\":[\"a1\",\"b2\"]}",
                DeliveryMessages.write(new DeliveryBatch(W49, List.of("a1", "b2"))));
        assertEquals("{\"kind\":\"fanOutPage\",\"edition\":\"2026-W49\"}", DeliveryMessages.write(FanOutPage.first(W49)));
    }

    @Test
    void anythingElseIsUnreadable() {
        for (String body : List.of("", "null", "[]", "{}", "not json", "{\"kind\":\"batch\"}",
                "{\"kind\":\"batch\",\"edition\":\"2026-W49\",\"subscribers\":[]}",
                "{\"kind\":\"batch\",\"edition\":\"2026-W99\",\"subscribers\":[\"a\"]}",
                "{\"kind\":\"batch\",\"edition\":\"2026-W49\",\"subscribers\":[1]}",
                "{\"kind\":\"batch\",\"edition\":\"2026-W49\",\"subscribers\":[\"a\"],\"x\":1}",
                "{\"kind\":\"fanOutPage\",\"edition\":\"2026-W49\",\"after\":7}",
                "{\"kind\":\"fanOutPage\",\"edition\":\"2026-W49\",\"other\":\"x\"}",
                "{\"kind\":\"party\",\"edition\":\"2026-W49\"}",
                "{\"kind\":\"batch\",\"kind\":\"batch\",\"edition\":\"2026-W49\",\"subscribers\":[\"a\"]}",
                "{\"kind\":\"batch\",\"edition\":\"2026-W49\",\"subscribers\":["
                        + "\"a\",".repeat(DeliveryBatch.MAX_RECIPIENTS) + "\"a\"]}")) {
            assertEquals(Optional.empty(), DeliveryMessages.read(body), body);
        }
    }
}
