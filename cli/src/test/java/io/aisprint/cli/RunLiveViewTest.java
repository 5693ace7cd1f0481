package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemReaders;
import io.aisprint.platform.LoadProfile;
import io.aisprint.platform.RunOptions;
import io.aisprint.platform.RunResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live view on made-up ticks: verdicts by the window mean, readable numbers, DAG order, paths apart. */
class RunLiveViewTest {
    private final SystemDescription system = SystemReaders.read(RunCommandTest.example("mask-detection"));
    private final String path = system.application().globalConstraints().get(0).name();
    private final StringWriter text = new StringWriter();
    private final RunLiveView view = new RunLiveView(new PrintWriter(text), system,
            RunOptions.defaults(LoadProfile.constant(2)));

    @Test
    void overOrOkFollowsTheMeanTheRuleLimitsNotTheP95() {
        // mask-detector (limit 0.4 s): p95 above the limit, mean below, while the rule engine lags and still says violated.
        // blurry-faces (limit 0.5 s): mean above the limit, the rule engine not yet.
        Map<String, RunResult.Stats> times = new LinkedHashMap<>();
        times.put(path, new RunResult.Stats(0.61, 0.7, 0.6, 12));
        times.put("mask-detector", new RunResult.Stats(0.31, 0.52, 0.3301234, 12));
        times.put("blurry-faces", new RunResult.Stats(0.5, 0.8, 0.5184208300909091, 12));
        view.tick(point(5, times, List.of("qos-mask-detector")));
        String out = text.toString();
        assertThat(line(out, "mask-detector")).contains("0.33 ", "0.31 ", "0.52 ", "0.4 ").contains(" ok ").doesNotContain("OVER");
        assertThat(line(out, "blurry-faces")).contains("0.518 ", "OVER");
        assertThat(out).contains("mean s").doesNotContain("0.5184208", "0.3301234", "PT");
    }

    @Test
    void componentsComeInDagOrderAndPathsInTheirOwnBlock() {
        Map<String, RunResult.Stats> times = new LinkedHashMap<>();
        times.put(path, new RunResult.Stats(0.61, 0.7, 0.6, 12));
        times.put("mask-detector", new RunResult.Stats(0.31, 0.52, 0.33, 12));
        times.put("blurry-faces", RunResult.Stats.EMPTY);
        view.tick(point(5, times, List.of()));
        String out = text.toString();
        int components = out.indexOf("component ");
        int blurry = out.indexOf("blurry-faces ");
        int mask = out.indexOf("mask-detector ");
        int paths = out.indexOf("   path ");
        int pathRow = out.indexOf("   " + path + " ");
        assertThat(components).isLessThan(blurry);
        assertThat(blurry).isLessThan(mask);
        assertThat(mask).isLessThan(paths);
        assertThat(paths).isLessThan(pathRow);
        assertThat(line(out, path)).contains("blurry-faces → mask-detector", "0.6 ", "0.8 ");
        assertThat(line(out, "blurry-faces")).contains(" - ");
    }

    @Test
    void theStartSaysOnceWhyRunCostsDifferFromTheDesign() {
        view.started(RunResultFixture.placement(), 0.2064);
        view.tick(point(5, Map.of(), List.of()));
        view.tick(point(10, Map.of(), List.of()));
        String out = text.toString();
        assertThat(out).containsOnlyOnce("owned edge devices count at 10 %");
        assertThat(out).contains("0.206 per hour", "mean response time over the last 10 s");
    }

    private static RunResult.TimelinePoint point(double time, Map<String, RunResult.Stats> times, List<String> violating) {
        return new RunResult.TimelinePoint(time, 2, 2.0512345, times, Map.of("RaspberryPi4", 0.5), Map.of("blurry-faces", "RaspberryPi4",
                "mask-detector", "VM-t3xlarge"), 0.20640001, violating, 10, 9, 0, 1, 0);
    }

    /** The last row of the view for {@code name}. */
    private static String line(String text, String name) {
        return text.lines().filter(l -> l.startsWith("   " + name + " ")).reduce((a, b) -> b).orElseThrow(() -> new AssertionError(name + " in\n" + text));
    }
}
