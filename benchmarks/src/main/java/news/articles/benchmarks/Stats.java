package news.articles.benchmarks;

import java.util.List;
import java.util.function.ToDoubleFunction;

/** Nearest-rank percentiles of a handful of samples. */
final class Stats {

    private Stats() {
    }

    /** The {@code percent}th percentile by nearest rank: the median of 20 samples is the 10th smallest. */
    static <T> double percentile(List<T> samples, ToDoubleFunction<T> value, double percent) {
        double[] sorted = samples.stream().mapToDouble(value).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
