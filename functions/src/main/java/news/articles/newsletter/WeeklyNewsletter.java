package news.articles.newsletter;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The weekly run: the week's edition, composed and stored if it was not (see
 * {@link EditionComposer#prepare}), and its fan-out started if it had not. Every run for the same
 * week after the first that started the fan-out sends nothing new.
 */
public final class WeeklyNewsletter {

    private final EditionComposer composer;
    private final NewsletterFanOut fanOut;

    public WeeklyNewsletter(EditionComposer composer, NewsletterFanOut fanOut) {
        this.composer = Objects.requireNonNull(composer, "composer");
        this.fanOut = Objects.requireNonNull(fanOut, "fanOut");
    }

    /** What a run did: the week's edition id, whether it has an edition and was composed now, and the fan-out's start. */
    public record Run(EditionId id, boolean edition, boolean composedNow, Optional<NewsletterFanOut.Start> fanOut,
            Optional<String> noEditionReason) {
        public Run {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(fanOut, "fanOut");
            Objects.requireNonNull(noEditionReason, "noEditionReason");
        }
    }

    public Run run(Instant scheduledAt) {
        EditionComposer.Prepared prepared = composer.prepare(Objects.requireNonNull(scheduledAt, "scheduledAt"));
        if (prepared.edition().isEmpty()) {
            return new Run(prepared.id(), false, false, Optional.empty(), prepared.noEditionReason());
        }
        return new Run(prepared.id(), true, prepared.composedNow(), Optional.of(fanOut.start(prepared.id())),
                Optional.empty());
    }
}
