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
        PrintStream stdout = System.out;
        int failed;
        System.setOut(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            failed = Priming.run("TestFunction", List.of(
                    () -> {
                        throw new MailException("could not mail reader@example.com", true, null);
                    },
                    () -> ran.add("second")));
        } finally {
            System.setOut(stdout);
        }

        assertEquals(1, failed);
        assertEquals(List.of("second"), ran);
        String logged = log.toString(StandardCharsets.UTF_8);
        assertEquals("{\"level\":\"WARN\",\"event\":\"priming_step_failed\",\"function\":\"TestFunction\",\"step\":1,"
                + "\"steps\":2,\"failure\":\"" + MailException.class.getName() + "\"}", logged.strip());
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
