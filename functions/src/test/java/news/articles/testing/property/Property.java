package news.articles.testing.property;

import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Runs a check on many generated inputs and, when one fails, says which input and how to get it
 * back: {@code -Dproperty.seed=<seed>} replays the run, {@code -Dproperty.tries=<n>} changes its
 * length. Each run starts from a fresh seed unless one is given, so the suite keeps exploring.
 */
public final class Property {

    private static final int SHOWN_INPUT_CHARS = 1500;

    private Property() {
    }

    public static <T> void forAll(String name, int tries, Gen<T> inputs, Consumer<? super T> check) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(check, "check");
        long seed = Long.getLong("property.seed", new Random().nextLong());
        int runs = Integer.getInteger("property.tries", tries);
        Random random = new Random(seed);
        for (int run = 0; run < runs; run++) {
            T input = inputs.next(random);
            try {
                check.accept(input);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError(name + " failed on try " + (run + 1) + " of " + runs
                        + " (replay with -Dproperty.seed=" + seed + ")\ninput: " + printable(input)
                        + "\nfailure: " + failure, failure);
            }
        }
    }

    /** The input with control, non-ASCII and surrogate characters escaped, cut to a readable length. */
    public static String printable(Object input) {
        String text = String.valueOf(input instanceof byte[] bytes ? java.util.HexFormat.of().formatHex(bytes) : input);
        StringBuilder out = new StringBuilder(Math.min(text.length(), SHOWN_INPUT_CHARS) + 32);
        for (int i = 0; i < text.length() && out.length() < SHOWN_INPUT_CHARS; i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        if (out.length() >= SHOWN_INPUT_CHARS) {
            out.append("... (").append(text.length()).append(" characters)");
        }
        return out.toString();
    }
}
