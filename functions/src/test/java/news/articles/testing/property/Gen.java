package news.articles.testing.property;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Function;

/**
 * A generator of test inputs from a seeded {@link Random}: the whole of what property tests here
 * need, so that a run is reproduced from its seed alone.
 */
@FunctionalInterface
public interface Gen<T> {

    T next(Random random);

    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
        Objects.requireNonNull(function, "function");
        return random -> function.apply(next(random));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> function) {
        Objects.requireNonNull(function, "function");
        return random -> function.apply(next(random)).next(random);
    }

    static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of the values, each as likely. */
    @SafeVarargs
    static <T> Gen<T> of(T... values) {
        List<T> copy = List.copyOf(Arrays.asList(values));
        return random -> copy.get(random.nextInt(copy.size()));
    }

    static <T> Gen<T> of(List<T> values) {
        List<T> copy = List.copyOf(values);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no values to choose from");
        }
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** One of the generators, each as likely. */
    @SafeVarargs
    static <T> Gen<T> oneOf(Gen<? extends T>... generators) {
        List<Gen<? extends T>> copy = List.of(generators);
        return random -> copy.get(random.nextInt(copy.size())).next(random);
    }

    /** Chooses a generator with the weight given before it: {@code frequency(3, a, 1, b)}. */
    static <T> Gen<T> frequency(int w1, Gen<? extends T> g1, int w2, Gen<? extends T> g2) {
        return weighted(List.of(w1, w2), List.of(g1, g2));
    }

    static <T> Gen<T> frequency(int w1, Gen<? extends T> g1, int w2, Gen<? extends T> g2, int w3, Gen<? extends T> g3) {
        return weighted(List.of(w1, w2, w3), List.of(g1, g2, g3));
    }

    static <T> Gen<T> frequency(int w1, Gen<? extends T> g1, int w2, Gen<? extends T> g2, int w3, Gen<? extends T> g3,
            int w4, Gen<? extends T> g4) {
        return weighted(List.of(w1, w2, w3, w4), List.of(g1, g2, g3, g4));
    }

    static <T> Gen<T> frequency(int w1, Gen<? extends T> g1, int w2, Gen<? extends T> g2, int w3, Gen<? extends T> g3,
            int w4, Gen<? extends T> g4, int w5, Gen<? extends T> g5, int w6, Gen<? extends T> g6) {
        return weighted(List.of(w1, w2, w3, w4, w5, w6), List.of(g1, g2, g3, g4, g5, g6));
    }

    private static <T> Gen<T> weighted(List<Integer> weights, List<Gen<? extends T>> generators) {
        int total = weights.stream().mapToInt(Integer::intValue).sum();
        return random -> {
            int pick = random.nextInt(total);
            for (int i = 0; i < weights.size(); i++) {
                pick -= weights.get(i);
                if (pick < 0) {
                    return generators.get(i).next(random);
                }
            }
            throw new AssertionError("unreachable");
        };
    }

    static Gen<Integer> integers(int min, int maxInclusive) {
        return random -> min + random.nextInt(maxInclusive - min + 1);
    }

    static Gen<Boolean> booleans() {
        return Random::nextBoolean;
    }

    /** A list of {@code min} to {@code max} values. */
    static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
        return random -> {
            int size = min + random.nextInt(max - min + 1);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(element.next(random));
            }
            return values;
        };
    }

    static Gen<byte[]> bytes(int min, int max) {
        return random -> {
            byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
            random.nextBytes(bytes);
            return bytes;
        };
    }
}
