package news.articles.article;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Derives a few keywords per article from its text, by TF-IDF over the whole corpus: the words
 * of the title (counted {@value #TITLE_WEIGHT} times), the summary ({@value #SUMMARY_WEIGHT} times)
 * and the body (once, HTML tags removed), lower-cased, stop words and short words left out, plurals
 * folded ("batteries" and "battery" are one word). A word's score is {@code (1 + ln tf) × ln(N / df)};
 * the best {@value #MAX_KEYWORDS} are kept, higher score first, then alphabetical.
 *
 * <p>Only words found in at least two articles and in at most half of them can be keywords: a word
 * no other article has can never match one, and one that most have says nothing. A word equal to one
 * of the article's tags is left out, since the tag already stands for it. Pure and deterministic:
 * the same corpus always gives the same keywords, so re-importing unchanged content changes nothing.
 */
public final class KeywordExtractor {

    public static final int MAX_KEYWORDS = 4;
    static final int TITLE_WEIGHT = 3;
    static final int SUMMARY_WEIGHT = 2;
    static final int MIN_LENGTH = 3;

    private static final Pattern HTML_TAG = Pattern.compile("<[^>]*>");
    private static final Pattern HTML_ENTITY = Pattern.compile("&[#a-zA-Z0-9]+;");
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Common English words that say nothing about a topic, and newsroom filler. */
    static final Set<String> STOP_WORDS = Set.of(
            "about", "above", "after", "again", "against", "all", "also", "although", "among", "and", "another",
            "any", "are", "around", "because", "been", "before", "being", "below", "between", "both", "but", "can",
            "could", "did", "does", "doing", "done", "down", "during", "each", "even", "ever", "every", "few", "first",
            "for", "from", "further", "get", "gets", "got", "had", "has", "have", "having", "her", "here", "hers",
            "herself", "him", "himself", "his", "how", "however", "into", "its", "itself", "just", "last", "least",
            "less", "like", "made", "make", "makes", "many", "may", "more", "most", "much", "must", "new", "next",
            "nor", "not", "now", "off", "once", "one", "only", "other", "others", "our", "ours", "out", "over", "own",
            "per", "said", "same", "say", "says", "see", "seen", "she", "should", "since", "some", "still", "such",
            "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
            "those", "three", "through", "too", "two", "under", "until", "upon", "very", "was", "way", "were", "what",
            "when", "where", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without",
            "would", "year", "years", "yet", "you", "your", "yours", "yourself", "week", "weeks", "month", "months",
            "day", "days", "time", "times", "people", "according", "told", "tell", "back", "well", "want", "use",
            "used", "using", "take", "takes", "took", "come", "comes", "came", "going", "know", "known", "part",
            "long", "end", "ago", "set", "put", "lot", "lots", "thing", "things", "today", "yesterday", "tomorrow",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "percent", "million",
            "billion", "article", "story", "news", "report", "reports", "reported", "found", "find", "finds", "ask",
            "asks", "raise", "raises", "fall", "falls", "fell", "cut", "cuts", "move", "moves", "follow", "follows",
            "leave", "leaving", "built", "build", "builds", "larger", "smaller", "large", "small", "big", "bigger",
            "higher", "lower", "high", "low", "keep", "keeps", "kept", "company", "companies", "expected",
            "become", "becomes", "real", "really", "old", "older", "closing", "close");

    private KeywordExtractor() {
    }

    /** Each article's keywords, by slug, for every article of {@code corpus}. */
    public static Map<String, List<String>> keywords(List<Article> corpus) {
        Objects.requireNonNull(corpus, "corpus");
        Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
        Map<String, Integer> documentFrequency = new HashMap<>();
        for (Article article : corpus) {
            Map<String, Integer> terms = termCounts(article);
            if (counts.put(article.slug(), terms) != null) {
                throw new IllegalArgumentException("the corpus holds " + article.slug() + " twice");
            }
            terms.keySet().forEach(term -> documentFrequency.merge(term, 1, Integer::sum));
        }
        int documents = corpus.size();
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        for (Article article : corpus) {
            Set<String> tags = new HashSet<>(article.tags());
            Map<String, Double> scores = new HashMap<>();
            counts.get(article.slug()).forEach((term, count) -> {
                int df = documentFrequency.get(term);
                if (df >= 2 && df * 2 <= documents && !tags.contains(term)) {
                    scores.put(term, (1 + Math.log(count)) * Math.log((double) documents / df));
                }
            });
            keywords.put(article.slug(), scores.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder())
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(MAX_KEYWORDS)
                    .map(Map.Entry::getKey)
                    .toList());
        }
        return keywords;
    }

    /** The corpus with each article's keywords set, in the same order. */
    public static List<Article> withKeywords(List<Article> corpus) {
        Map<String, List<String>> keywords = keywords(corpus);
        List<Article> result = new ArrayList<>(corpus.size());
        for (Article article : corpus) {
            result.add(article.withKeywords(keywords.get(article.slug())));
        }
        return List.copyOf(result);
    }

    /** How often each word occurs in the article, its title's and summary's words counted more. */
    static Map<String, Integer> termCounts(Article article) {
        Map<String, Integer> counts = new HashMap<>();
        addWords(counts, article.title(), TITLE_WEIGHT);
        addWords(counts, article.summary(), SUMMARY_WEIGHT);
        addWords(counts, HTML_ENTITY.matcher(HTML_TAG.matcher(article.bodyHtml()).replaceAll(" ")).replaceAll(" "), 1);
        return counts;
    }

    private static void addWords(Map<String, Integer> counts, String text, int weight) {
        for (String token : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
            String word = fold(token);
            if (word.length() >= MIN_LENGTH && !STOP_WORDS.contains(token) && !STOP_WORDS.contains(word)
                    && !isNumber(word)) {
                counts.merge(word, weight, Integer::sum);
            }
        }
    }

    /** Folds an English plural to its singular, well enough for matching: batteries, startups, buses. */
    static String fold(String word) {
        if (word.length() > 4 && word.endsWith("ies")) {
            return word.substring(0, word.length() - 3) + "y";
        }
        if (word.length() > 4 && (word.endsWith("sses") || word.endsWith("shes") || word.endsWith("ches")
                || word.endsWith("xes"))) {
            return word.substring(0, word.length() - 2);
        }
        if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("us")
                && !word.endsWith("is")) {
            return word.substring(0, word.length() - 1);
        }
        return word;
    }

    private static boolean isNumber(String word) {
        return word.chars().allMatch(Character::isDigit);
    }
}
