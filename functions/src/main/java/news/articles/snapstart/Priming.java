package news.articles.snapstart;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import news.articles.config.Environment;
import news.articles.logging.Log;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes a function version's snapshot, each function runs its own
 * hot path once (a real read, never a write or an email), so that the classes, the SDK's
 * pipeline and the JIT's first compilations are in the snapshot instead of in the first request
 * after every restore. What each function runs is assembled where it is wired; this class only
 * registers the steps with the runtime and runs them.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
public final class Priming implements Resource {

    /** Set by Lambda for the init phase; {@value #SNAP_START} when a snapshot follows it. */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String SNAP_START = "snap-start";

    /** The runtime's context holds resources weakly: these are kept reachable here. */
    private static final List<Priming> REGISTERED = new CopyOnWriteArrayList<>();

    private final String function;
    private final Supplier<List<Runnable>> steps;

    private Priming(String function, Supplier<List<Runnable>> steps) {
        this.function = Objects.requireNonNull(function, "function");
        this.steps = Objects.requireNonNull(steps, "steps");
    }

    /**
     * Registers {@code steps} to run before the snapshot when this init precedes one. On an
     * on-demand start nothing would run them, and registering is not free: it initialises
     * org.crac and generates a proxy class; so nothing is registered, and {@code steps} is not
     * even called.
     *
     * @param function names the function in the log line of a failed step
     * @return the registered priming, if a snapshot follows this init
     */
    public static Optional<Priming> registerForSnapshot(Environment environment, String function,
            Supplier<List<Runnable>> steps) {
        if (!environment.optional(INITIALIZATION_TYPE).map(SNAP_START::equals).orElse(false)) {
            return Optional.empty();
        }
        Priming priming = new Priming(function, steps);
        REGISTERED.add(priming);
        Core.getGlobalContext().register(priming);
        return Optional.of(priming);
    }

    /** Every priming registered in this JVM, oldest first. */
    public static List<Priming> registered() {
        return List.copyOf(REGISTERED);
    }

    /** Runs the steps (see {@link #run(String, List)}). */
    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        run(function, steps.get());
    }

    /**
     * Nothing to renew after a restore: connections the priming left in HttpURLConnection's
     * keep-alive cache have expired by then (it keeps idle ones for seconds), and the runtime
     * clears the JVM's DNS cache before the snapshot.
     */
    @Override
    public void afterRestore(Context<? extends Resource> context) {
    }

    /**
     * Runs every step, each on its own. A failed step is logged by its exception's class alone
     * (messages can quote request data) and goes no further: a failure thrown from
     * {@code beforeCheckpoint} would fail the snapshot, and with it the version's deployment, for
     * the sake of a warm-up.
     *
     * @return how many steps failed
     */
    public static int run(String function, List<Runnable> steps) {
        int failed = 0;
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).run();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                failed++;
                Log.warn("priming_step_failed").field("function", function).field("step", i + 1)
                        .field("steps", steps.size()).field("failure", e.getClass().getName()).write();
            }
        }
        return failed;
    }
}
