package news.articles.newsletter;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An edition's stable id: the ISO week (in UTC) of its scheduled time, for example
 * {@code 2026-W49}. Every run for the same week, however late or repeated, finds the same id.
 */
public record EditionId(String value) implements Comparable<EditionId> {

    private static final Pattern FORMAT = Pattern.compile("(\\d{4})-W(\\d{2})");

    public EditionId {
        Objects.requireNonNull(value, "value");
        var matcher = FORMAT.matcher(value);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("an edition id is an ISO week such as 2026-W49");
        }
        int year = Integer.parseInt(matcher.group(1));
        int week = Integer.parseInt(matcher.group(2));
        LocalDate midYear = LocalDate.of(year, 6, 1);
        if (week < 1 || week > midYear.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            throw new IllegalArgumentException("an edition id is an ISO week such as 2026-W49");
        }
    }

    /** The edition of the week that holds this scheduled time. */
    public static EditionId forWeekOf(Instant scheduledAt) {
        LocalDate day = scheduledAt.atZone(ZoneOffset.UTC).toLocalDate();
        return new EditionId(String.format("%04d-W%02d",
                day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR)));
    }

    /** Parses an id from a path or a command line; empty when it is not an ISO week. */
    public static java.util.Optional<EditionId> parse(String text) {
        try {
            return java.util.Optional.of(new EditionId(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            return java.util.Optional.empty();
        }
    }

    /** Weeks since 1970-W01, used to rotate per-edition slots. */
    public long weekNumber() {
        int year = Integer.parseInt(value.substring(0, 4));
        int week = Integer.parseInt(value.substring(6));
        LocalDate monday = LocalDate.of(year, 1, 4)
                .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                .with(java.time.DayOfWeek.MONDAY);
        return Math.floorDiv(monday.toEpochDay() - LocalDate.of(1969, 12, 29).toEpochDay(), 7);
    }

    @Override
    public int compareTo(EditionId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
