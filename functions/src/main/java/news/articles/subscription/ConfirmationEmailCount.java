package news.articles.subscription;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The confirmation emails an address was sent, as stored: when the latest went (whole seconds)
 * and how many went on that UTC day.
 */
public record ConfirmationEmailCount(Instant lastSentAt, LocalDate day, int sentThatDay) {

    public ConfirmationEmailCount {
        Objects.requireNonNull(lastSentAt, "lastSentAt");
        Objects.requireNonNull(day, "day");
        if (sentThatDay < 1) {
            throw new IllegalArgumentException("sentThatDay must be positive");
        }
    }

    /** The first email's record. */
    public static ConfirmationEmailCount first(Instant sentAt) {
        return new ConfirmationEmailCount(sentAt.truncatedTo(ChronoUnit.SECONDS), dayOf(sentAt), 1);
    }

    /** The record once one more email goes at {@code sentAt}. */
    public ConfirmationEmailCount next(Instant sentAt) {
        LocalDate today = dayOf(sentAt);
        return new ConfirmationEmailCount(sentAt.truncatedTo(ChronoUnit.SECONDS), today,
                today.equals(day) ? sentThatDay + 1 : 1);
    }

    /**
     * Whether another email may go at {@code now}: the cooldown has passed (compared in whole
     * seconds, as the store's condition does) and the day's cap is not reached.
     */
    public boolean allowAnother(Instant now, EmailLimits limits) {
        boolean cooledDown = lastSentAt.getEpochSecond() <= cooldownSince(now, limits).getEpochSecond();
        return cooledDown && (!dayOf(now).equals(day) || sentThatDay < limits.perDay());
    }

    /** The latest time the previous email may have gone for another to go at {@code now}. */
    public static Instant cooldownSince(Instant now, EmailLimits limits) {
        return now.minus(limits.cooldown());
    }

    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }
}
