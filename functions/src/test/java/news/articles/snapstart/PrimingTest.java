package news.articles.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import news.articles.config.Environment;
import news.articles.mail.MailException;
import org.junit.jupiter.api.Test;

/** Registering priming steps with the runtime, and running them so that no failure reaches the snapshot. */
class PrimingTest {

    @Test
    void aFailingStepNeitherStopsTheOthersNorReachesTheCheckpoint() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> ran = new ArrayList<>();

        int failed = Priming.run("TestFunction", List.of(
                () -> {
                    throw new MailException("could not mail reader@example.com", true, null);
                },
                () -> ran.add("second")), new PrintStream(log, true, StandardCharsets.UTF_8));

        assertEquals(1, failed);
        assertEquals(List.of("second"), ran);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("priming TestFunction: step 1 of 2 failed: " + MailException.class.getName()), logged);
        assertFalse(logged.contains("@"), "the log must not quote the failure's message: " + logged);
    }

    @Test
    void registeredOnlyWhenASnapshotFollowsTheInit() {
        Environment onDemand = new Environment(Map.of(Priming.INITIALIZATION_TYPE, "on-demand"));
        Environment snapStart = new Environment(Map.of(Priming.INITIALIZATION_TYPE, Priming.SNAP_START));
        List<String> built = new ArrayList<>();
        int before = Priming.registered().size();

        assertTrue(Priming.registerForSnapshot(onDemand, "OnDemand", () -> {
            built.add("on-demand");
            return List.of();
        }).isEmpty());
        assertTrue(Priming.registerForSnapshot(new Environment(Map.of()), "Unset", List::of).isEmpty());
        assertEquals(before, Priming.registered().size());

        Priming priming = Priming.registerForSnapshot(snapStart, "SnapStart", () -> {
            built.add("snap-start");
            return List.of(() -> built.add("ran"));
        }).orElseThrow();

        assertEquals(List.of(), built, "steps are built only when the snapshot is about to be taken");
        assertEquals(priming, Priming.registered().get(Priming.registered().size() - 1));
        priming.beforeCheckpoint(null);
        assertEquals(List.of("snap-start", "ran"), built);
    }
}
