package news.articles.subscription.sns;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.json.Json;
import news.articles.subscription.SuppressionService.Reason;

/**
 * Reads what SES event publishing sends through SNS: a Lambda SNS event whose records each carry,
 * as their {@code Sns.Message} text, one SES event record. Only what suppression needs is kept:
 * the recipients of permanent bounces and of complaints.
 *
 * @see <a href="https://docs.aws.amazon.com/ses/latest/dg/event-publishing-retrieving-sns-contents.html">SES event data in SNS</a>
 */
public final class SesNotifications {

    private SesNotifications() {
    }

    /** An address that SES says must get no more mail, and why. Personal data: never logged. */
    public record Suppression(String address, Reason reason) {
        public Suppression {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String toString() {
            return "Suppression[" + reason + ", redacted]";
        }
    }

    /** The event's parts, counted for the log line: what was read and what was left alone. */
    public record Reading(List<Suppression> suppressions, int records, int ignored, int unreadable, int foreign) {
        public Reading {
            suppressions = List.copyOf(suppressions);
        }
    }

    /**
     * Reads a Lambda SNS event; throws {@link IllegalArgumentException} when it is not one. Records
     * from any topic but {@code topicArn} are counted as foreign and skipped: only our configuration
     * set's topic speaks for SES.
     */
    public static Reading read(Object event, String topicArn) {
        if (!(event instanceof Map<?, ?> root) || !(root.get("Records") instanceof List<?> delivered)) {
            throw new IllegalArgumentException("not an SNS event: no Records");
        }
        List<Object> records = snsRecords(delivered);
        List<Suppression> suppressions = new ArrayList<>();
        int ignored = 0;
        int unreadable = 0;
        int foreign = 0;
        for (Object record : records) {
            Object sns = record instanceof Map<?, ?> map ? map.get("Sns") : null;
            if (sns instanceof Map<?, ?> map && !topicArn.equals(map.get("TopicArn"))) {
                foreign++;
                continue;
            }
            Object message = sns instanceof Map<?, ?> map ? map.get("Message") : null;
            if (!(message instanceof String text)) {
                unreadable++;
                continue;
            }
            Object sesEvent;
            try {
                sesEvent = Json.read(text);
            } catch (IOException e) {
                unreadable++;
                continue;
            }
            List<Suppression> found = suppressions(sesEvent);
            if (found.isEmpty()) {
                ignored++;
            }
            suppressions.addAll(found);
        }
        return new Reading(suppressions, records.size(), ignored, unreadable, foreign);
    }

    /**
     * The SNS records of the event. An SQS record is a replay from the failed-events queue: its
     * body is Lambda's on-failure destination record, whose {@code requestPayload} is the SNS event
     * the function could not handle; its records take the place of the SQS one. A body that is not
     * such a record stays, to be counted unreadable.
     */
    private static List<Object> snsRecords(List<?> delivered) {
        List<Object> records = new ArrayList<>();
        for (Object record : delivered) {
            if (record instanceof Map<?, ?> map && "aws:sqs".equals(map.get("eventSource")) && map.get("body") instanceof String body) {
                try {
                    if (Json.read(body) instanceof Map<?, ?> failure && failure.get("requestPayload") instanceof Map<?, ?> payload
                            && payload.get("Records") instanceof List<?> replayed) {
                        records.addAll(replayed);
                        continue;
                    }
                } catch (IOException e) {
                    // counted unreadable below
                }
            }
            records.add(record);
        }
        return records;
    }

    /**
     * One SES event record: {@code eventType} (or, for identity notifications, {@code
     * notificationType}) "Bounce" with a {@code Permanent} bounceType, or "Complaint". Transient
     * and undetermined bounces are left to SES's own retries.
     */
    static List<Suppression> suppressions(Object sesEvent) {
        if (!(sesEvent instanceof Map<?, ?> record)) {
            return List.of();
        }
        Object type = record.containsKey("eventType") ? record.get("eventType") : record.get("notificationType");
        if ("Bounce".equals(type) && record.get("bounce") instanceof Map<?, ?> bounce
                && "Permanent".equals(bounce.get("bounceType"))) {
            return recipients(bounce.get("bouncedRecipients"), Reason.BOUNCE);
        }
        if ("Complaint".equals(type) && record.get("complaint") instanceof Map<?, ?> complaint) {
            return recipients(complaint.get("complainedRecipients"), Reason.COMPLAINT);
        }
        return List.of();
    }

    private static List<Suppression> recipients(Object list, Reason reason) {
        List<Suppression> found = new ArrayList<>();
        if (list instanceof List<?> recipients) {
            for (Object recipient : recipients) {
                if (recipient instanceof Map<?, ?> map && map.get("emailAddress") instanceof String address) {
                    found.add(new Suppression(address, reason));
                }
            }
        }
        return found;
    }
}
