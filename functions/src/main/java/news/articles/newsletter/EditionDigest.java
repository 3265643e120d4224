package news.articles.newsletter;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import news.articles.article.ArticleSummary;

/**
 * An edition laid out as a news digest: the lead story (the newest article), then the others by
 * section, the section with the freshest news first, newest first within each. The email and the
 * web version show it in this order.
 */
public record EditionDigest(ArticleSummary lead, List<Section> sections) {

    /** Newest first; the slug breaks ties, so the order never depends on how the store listed them. */
    private static final Comparator<ArticleSummary> NEWEST_FIRST = Comparator
            .comparing(ArticleSummary::publishedAt, Comparator.reverseOrder())
            .thenComparing(ArticleSummary::slug);

    public EditionDigest {
        Objects.requireNonNull(lead, "lead");
        sections = List.copyOf(Objects.requireNonNull(sections, "sections"));
    }

    /** One section's articles, newest first. */
    public record Section(String name, List<ArticleSummary> articles) {
        public Section {
            Objects.requireNonNull(name, "name");
            articles = List.copyOf(Objects.requireNonNull(articles, "articles"));
        }
    }

    public static EditionDigest of(Edition edition) {
        List<ArticleSummary> newestFirst = new ArrayList<>(edition.articles());
        newestFirst.sort(NEWEST_FIRST);
        ArticleSummary lead = newestFirst.get(0);
        // Sections in the order of their newest article; the list is newest first, so first seen is freshest.
        Map<String, List<ArticleSummary>> bySection = new LinkedHashMap<>();
        for (ArticleSummary article : newestFirst.subList(1, newestFirst.size())) {
            bySection.computeIfAbsent(article.section(), section -> new ArrayList<>()).add(article);
        }
        List<Section> sections = new ArrayList<>(bySection.size());
        bySection.forEach((name, articles) -> sections.add(new Section(name, articles)));
        return new EditionDigest(lead, sections);
    }

    /** Every article in the order the digest shows them. */
    public List<ArticleSummary> inOrder() {
        List<ArticleSummary> all = new ArrayList<>();
        all.add(lead);
        for (Section section : sections) {
            all.addAll(section.articles());
        }
        return List.copyOf(all);
    }
}
