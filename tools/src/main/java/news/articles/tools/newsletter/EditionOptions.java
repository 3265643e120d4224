package news.articles.tools.newsletter;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import news.articles.config.AwsSettings;
import news.articles.config.ConfigurationException;
import news.articles.config.SiteUrl;
import news.articles.newsletter.Edition;
import news.articles.newsletter.EditionId;
import news.articles.newsletter.EditionStore;
import news.articles.tools.AwsOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * What the editors' commands share: which week, where the articles (and, optionally, the
 * previous editions) are read, and what the links in the email point at.
 */
public final class EditionOptions {

    /** The template's default schedule: Fridays at 09:00 UTC. */
    static final DayOfWeek DEFAULT_DAY = DayOfWeek.FRIDAY;
    static final LocalTime DEFAULT_TIME = LocalTime.of(9, 0);
    /** The template's default NewsletterMaxArticles. */
    static final int DEFAULT_MAX_ARTICLES = 12;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** Exactly one of the two. */
    static final class When {
        @Option(names = "--week", paramLabel = "WEEK", description = "the edition's ISO week, such as 2026-W47: its"
                + " Friday at 09:00 UTC, the default schedule")
        String week;

        @Option(names = "--scheduled-time", paramLabel = "INSTANT", description = "the weekly run's scheduled time,"
                + " such as 2026-11-20T09:00:00Z")
        String scheduledTime;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    When when;

    @Option(names = "--table", paramLabel = "NAME", required = true,
            description = "the Articles table (the stack's ArticlesTableName output)")
    String articlesTable;

    @Option(names = "--editions-table", paramLabel = "NAME", description = "the Editions table, read only: the window"
            + " starts where the previous stored edition's ended (without it: the seven days before the scheduled time)")
    String editionsTable;

    @Option(names = "--max-articles", paramLabel = "N", defaultValue = "12",
            description = "at most this many articles, as NewsletterMaxArticles (default: ${DEFAULT-VALUE})")
    int maxArticles;

    @Option(names = "--site-url", paramLabel = "URL", required = true,
            description = "the SiteUrl the links lead to, such as https://news.example.com")
    String siteUrl;

    @Option(names = "--site-name", paramLabel = "NAME", defaultValue = "The Newsroom",
            description = "the SiteName the email shows (default: ${DEFAULT-VALUE})")
    String siteName;

    @Mixin
    AwsOptions awsOptions;

    /** The scheduled time the command composes for. */
    Instant scheduledTime() {
        if (when.week != null) {
            EditionId id = EditionId.parse(when.week).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "--week must be an ISO week such as 2026-W47, was " + when.week));
            LocalDate day = LocalDate.of(Integer.parseInt(id.value().substring(0, 4)), 6, 1)
                    .with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, Integer.parseInt(id.value().substring(6)))
                    .with(DEFAULT_DAY);
            return day.atTime(DEFAULT_TIME).toInstant(ZoneOffset.UTC);
        }
        try {
            return Instant.parse(when.scheduledTime);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(),
                    "--scheduled-time must be an ISO-8601 instant such as 2026-11-20T09:00:00Z, was " + when.scheduledTime);
        }
    }

    SiteUrl site() {
        try {
            return new SiteUrl(siteUrl);
        } catch (ConfigurationException e) {
            throw new ParameterException(spec.commandLine(), "--site-url: " + e.getMessage().replace("SITE_URL ", ""));
        }
    }

    int checkedMaxArticles() {
        if (maxArticles < 1 || maxArticles > 100) {
            throw new ParameterException(spec.commandLine(), "--max-articles must be 1 to 100");
        }
        return maxArticles;
    }

    AwsSettings aws(Map<String, String> environment) {
        return awsOptions.settings(environment, spec.commandLine());
    }

    /**
     * An edition store the composer may only read: the stored editions when one is given, else none.
     * Its writes fail, so that a preview or a test send can never store an edition.
     */
    static EditionStore readOnly(Optional<EditionStore> stored) {
        return new EditionStore() {
            @Override
            public Optional<Edition> find(EditionId id) {
                return stored.flatMap(store -> store.find(id));
            }

            @Override
            public Optional<Edition> latestBefore(EditionId id) {
                return stored.flatMap(store -> store.latestBefore(id));
            }

            @Override
            public boolean create(Edition edition) {
                throw new UnsupportedOperationException("the editors' commands store no edition");
            }

            @Override
            public void recordNoEdition(EditionId id, Instant scheduledAt, String reason) {
                throw new UnsupportedOperationException("the editors' commands record nothing");
            }

            @Override
            public List<Edition> archive(Optional<EditionId> before, int limit) {
                return stored.map(store -> store.archive(before, limit)).orElse(List.of());
            }
        };
    }
}
