package news.articles.article;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The sections and tags of the site with how many published articles each has, as the importer
 * counted them at {@code countedAt}, and the articles it found scheduled for later: those are
 * added once their time comes ({@link #asOf}), so a future-dated article counts exactly when it
 * starts to be listed. Drafts never count.
 *
 * <p>Kept in one item that the importer rewrites from the whole content folder, so that listing
 * the sections costs one read whatever the size of the site (the indexes cannot list their own
 * partition keys without a Scan).
 */
public record SiteTaxonomy(
        Instant countedAt, Map<String, Integer> sections, Map<String, Integer> tags, List<Scheduled> scheduled) {

    /** An article published after {@code countedAt}: where it will count once its time comes. */
    public record Scheduled(Instant publishedAt, String section, List<String> tags) {

        public Scheduled {
            Objects.requireNonNull(publishedAt, "publishedAt");
            Objects.requireNonNull(section, "section");
            tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        }
    }

    public SiteTaxonomy {
        Objects.requireNonNull(countedAt, "countedAt");
        sections = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(sections, "sections")));
        tags = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(tags, "tags")));
        scheduled = List.copyOf(Objects.requireNonNull(scheduled, "scheduled"));
    }

    /** Nothing imported yet. */
    public static SiteTaxonomy empty(Instant countedAt) {
        return new SiteTaxonomy(countedAt, Map.of(), Map.of(), List.of());
    }

    /** Counts {@code articles} (the whole site) as of {@code now}. */
    public static SiteTaxonomy of(List<Article> articles, Instant now) {
        Map<String, Integer> sections = new TreeMap<>();
        Map<String, Integer> tags = new TreeMap<>();
        List<Scheduled> scheduled = new java.util.ArrayList<>();
        for (Article article : articles) {
            if (article.status() != ArticleStatus.PUBLISHED) {
                continue;
            }
            if (article.isVisibleAt(now)) {
                count(sections, tags, article.section(), article.tags());
            } else {
                scheduled.add(new Scheduled(article.publishedAt(), article.section(), article.tags()));
            }
        }
        scheduled.sort(java.util.Comparator.comparing(Scheduled::publishedAt));
        return new SiteTaxonomy(now, sections, tags, scheduled);
    }

    /** The counts readers see at {@code now}: those counted, plus the scheduled articles whose time has come. */
    public SiteTaxonomy asOf(Instant now) {
        Map<String, Integer> sectionsNow = new TreeMap<>(sections);
        Map<String, Integer> tagsNow = new TreeMap<>(tags);
        List<Scheduled> stillScheduled = new java.util.ArrayList<>();
        for (Scheduled article : scheduled) {
            if (article.publishedAt().isAfter(now)) {
                stillScheduled.add(article);
            } else {
                count(sectionsNow, tagsNow, article.section(), article.tags());
            }
        }
        return new SiteTaxonomy(now, sectionsNow, tagsNow, stillScheduled);
    }

    private static void count(Map<String, Integer> sections, Map<String, Integer> tags, String section, List<String> articleTags) {
        sections.merge(section, 1, Integer::sum);
        for (String tag : articleTags) {
            tags.merge(tag, 1, Integer::sum);
        }
    }
}
