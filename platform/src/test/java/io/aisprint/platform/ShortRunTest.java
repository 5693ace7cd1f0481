package io.aisprint.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** A short run at constant load without re-placement: accounting, the summary file and the HTML report. */
class ShortRunTest {
    @TempDir
    static Path dir;
    static RunResult result;

    @BeforeAll
    static void run() {
        RunOptions options = RunOptions.defaults(LoadProfile.constant(2)).withDuration(12).withTimeScale(0.5).withReplan(false);
        result = ApplicationManager.run(Examples.maskDetection(), options, null);
        ReportWriter.write(result, dir);
    }

    @Test
    void everyRequestIsAccountedForAndMeasured() {
        assertThat(result.requestsIn()).isGreaterThan(5);
        assertThat(result.requestsCompleted() + result.requestsFailed()).isEqualTo(result.requestsIn());
        assertThat(result.requestsFailed()).isZero();
        assertThat(result.replacements()).isEmpty();
        assertThat(result.finalPlacement()).isEqualTo(result.initialPlacement());
        // Over the whole run (a single window may hold no completion): both components were measured,
        // and measured, not computed: each window's mean is at least the real work plus the emulated service time.
        for (String component : List.of("blurry-faces", "mask-detector")) {
            List<RunResult.TimelinePoint> measured = result.timeline().stream()
                    .filter(p -> p.responseTimes().containsKey(component) && p.responseTimes().get(component).count() > 0).toList();
            assertThat(measured).as(component + " measured in some window").isNotEmpty();
            assertThat(measured).allSatisfy(p -> assertThat(p.responseTimes().get(component).mean()).as(component).isGreaterThan(0.02));
        }
        assertThat(result.timeline()).allSatisfy(p -> assertThat(p.utilisation().keySet())
                .containsExactlyInAnyOrder("RaspberryPi4", "VM-t3xlarge"));
        assertThat(result.meanCostPerHour()).isCloseTo(0.04 + 0.1664, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void summaryJsonHasTheRequiredFields() throws Exception {
        JsonNode summary = new ObjectMapper().readTree(dir.resolve(ReportWriter.SUMMARY).toFile());
        for (String field : List.of("requests_in", "requests_completed", "requests_failed", "replacements",
                "qos_violations_seconds", "final_placement", "mean_cost_per_hour")) {
            assertThat(summary.has(field)).as(field).isTrue();
        }
        assertThat(summary.get("requests_in").asLong()).isEqualTo(result.requestsIn());
        assertThat(summary.get("replacements").isArray()).isTrue();
        assertThat(summary.get("final_placement").get("instances").get("VM-t3xlarge").asInt()).isEqualTo(1);
    }

    @Test
    void theReportParsesAndHasChartsForEveryLimitPlusTheTimeline() throws Exception {
        Document html = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(dir.resolve(ReportWriter.REPORT).toFile());
        NodeList charts = html.getElementsByTagName("svg");
        // Three limits (two components, one path), load, cost and utilisation.
        assertThat(charts.getLength()).isEqualTo(6);
        NodeList paths = html.getElementsByTagName("path");
        int drawn = 0;
        for (int i = 0; i < paths.getLength(); i++) {
            if (((Element) paths.item(i)).getAttribute("d").split("L").length > 3) {
                drawn++;
            }
        }
        assertThat(drawn).as("lines with several points").isGreaterThanOrEqualTo(8);
        Set<String> tableIds = new HashSet<>();
        NodeList tables = html.getElementsByTagName("table");
        for (int i = 0; i < tables.getLength(); i++) {
            tableIds.add(((Element) tables.item(i)).getAttribute("id"));
        }
        assertThat(tableIds).contains("summary", "timeline");
        assertThat(Files.readString(dir.resolve(ReportWriter.REPORT))).doesNotContain("<script");
    }

    @Test
    void chromiumRendersTheReport() throws Exception {
        String chromium = findOnPath("chromium");
        Assumptions.assumeTrue(chromium != null, "chromium is not installed (apt-get install -y chromium); .ci/run installs it");
        Path png = dir.resolve("report.png");
        Path profile = Files.createTempDirectory("chromium-profile");
        Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--screenshot=" + png, "--window-size=1200,1600",
                dir.resolve(ReportWriter.REPORT).toUri().toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(1200);
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertThat(colours.size()).as("distinct colours in the screenshot").isGreaterThan(20);
        String copy = System.getProperty("report.screenshot");
        if (copy != null) {
            Files.copy(png, Path.of(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String findOnPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File candidate = new File(entry, name);
            if (candidate.canExecute()) {
                return candidate.getAbsolutePath();
            }
        }
        return null;
    }
}
