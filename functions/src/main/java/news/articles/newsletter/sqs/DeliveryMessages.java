package news.articles.newsletter.sqs;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.json.Json;
import news.articles.newsletter.DeliveryBatch;
import news.articles.newsletter.DeliveryWork;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.FanOutPage;

/**
 * The delivery queue's message bodies, written and read field by field with jackson-core:
 * {@code {"kind":"batch","edition":"2026-W49","subscribers":["<id>",...]}} and
 * {@code {"kind":"fanOutPage","edition":"2026-W49","after":"<id>"}} ({@code after} absent on the
 * first page). Subscriber ids are hashes, never addresses.
 */
public final class DeliveryMessages {

    static final String BATCH = "batch";
    static final String FAN_OUT_PAGE = "fanOutPage";

    private DeliveryMessages() {
    }

    public static String write(DeliveryWork work) {
        return Json.write(json -> {
            json.writeStartObject();
            if (work instanceof DeliveryBatch batch) {
                json.writeStringField("kind", BATCH);
                json.writeStringField("edition", batch.edition().value());
                json.writeArrayFieldStart("subscribers");
                for (String id : batch.subscriberIds()) {
                    json.writeString(id);
                }
                json.writeEndArray();
            } else {
                FanOutPage page = (FanOutPage) work;
                json.writeStringField("kind", FAN_OUT_PAGE);
                json.writeStringField("edition", page.edition().value());
                if (page.after().isPresent()) {
                    json.writeStringField("after", page.after().get());
                }
            }
            json.writeEndObject();
        });
    }

    /** The work a body holds; empty when it is not one of ours (the caller reports it failed, so it ends in the DLQ). */
    public static Optional<DeliveryWork> read(String body) {
        try {
            if (!(Json.read(body) instanceof Map<?, ?> message)) {
                return Optional.empty();
            }
            Optional<EditionId> edition = message.get("edition") instanceof String id ? EditionId.parse(id) : Optional.empty();
            if (edition.isEmpty()) {
                return Optional.empty();
            }
            Object kind = message.get("kind");
            if (BATCH.equals(kind) && message.size() == 3 && message.get("subscribers") instanceof List<?> ids) {
                List<String> subscribers = new ArrayList<>();
                for (Object id : ids) {
                    if (!(id instanceof String text) || text.isBlank()) {
                        return Optional.empty();
                    }
                    subscribers.add(text);
                }
                return Optional.of(new DeliveryBatch(edition.get(), subscribers));
            }
            if (FAN_OUT_PAGE.equals(kind) && message.size() <= 3) {
                Object after = message.get("after");
                if (after == null && message.size() == 2) {
                    return Optional.of(FanOutPage.first(edition.get()));
                }
                if (after instanceof String cursor && !cursor.isBlank()) {
                    return Optional.of(new FanOutPage(edition.get(), Optional.of(cursor)));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return Optional.empty();
        }
    }
}
