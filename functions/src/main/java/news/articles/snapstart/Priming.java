package news.articles.snapstart;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import news.articles.config.Environment;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes a function version's snapshot, each function runs its own
 * hot path once (a real read, never a write or an email), so that the classes, the SDK's
 * pipeline and the JIT's first compilations are in the snapshot instead of in the first request
 * after every restore.
 *
 * @see <a href="https://docs.aws.amazon.com/lambda/latest/dg/snapstart-runtime-hooks-java.html">SnapStart runtime hooks</a>
 */
public final class Priming {

    /** Set by Lambda for the init phase; {@value #SNAP_START} when a snapshot follows it. */
    public static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
    public static final String SNAP_START = "snap-start";

    private Priming() {
    }

    /**
     * Registers {@code resource} with the runtime's CRaC context when this init precedes a
     * snapshot. On an on-demand start nothing would call it, and registering is not free: it
     * initialises org.crac and generates a proxy class. The context holds resources weakly: the
     * caller must keep {@code resource} reachable (a handler registering itself does).
     *
     * @return whether it was registered
     */
    public static boolean registerForSnapshot(Environment environment, Resource resource) {
        Objects.requireNonNull(resource, "resource");
        if (!environment.optional(INITIALIZATION_TYPE).map(SNAP_START::equals).orElse(false)) {
            return false;
        }
        Core.getGlobalContext().register(resource);
        return true;
    }

    /**
     * Runs every step, each on its own. A failed step is logged by its exception's class alone
     * (messages can quote request data) and goes no further: a failure thrown from
     * {@code beforeCheckpoint} would fail the snapshot, and with it the version's deployment, for
     * the sake of a warm-up.
     *
     * @return how many steps failed
     */
    public static int run(String function, List<Runnable> steps, PrintStream log) {
        int failed = 0;
        for (int i = 0; i < steps.size(); i++) {
            try {
                steps.get(i).run();
            } catch (VirtualMachineError e) {
                throw e;
            } catch (Throwable e) {
                failed++;
                log.println("priming " + function + ": step " + (i + 1) + " of " + steps.size() + " failed: "
                        + e.getClass().getName());
            }
        }
        return failed;
    }
}
