package news.articles.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void percentilesAreNearestRank() {
        List<Double> twenty = IntStream.rangeClosed(1, 20).mapToObj(i -> (double) (21 - i)).toList();
        assertEquals(10, Stats.percentile(twenty, Double::doubleValue, 50));
        assertEquals(18, Stats.percentile(twenty, Double::doubleValue, 90));
        assertEquals(20, Stats.percentile(twenty, Double::doubleValue, 100));
        assertEquals(7, Stats.percentile(List.of(7.0), Double::doubleValue, 50));
    }
}
