package io.aisprint.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeCommandTest {
    @TempDir
    Path dir;

    @Test
    void demoBlursTilesInParallelAndWritesTraceAndMetrics() throws Exception {
        Path output = dir.resolve("blurred.png");
        Path trace = dir.resolve("trace.json");
        CliTestSupport.Outcome outcome = CliTestSupport.run("runtime", "demo", "--size", "64", "--tiles", "4",
                "--workers", "2", "--output", output.toString(), "--trace", trace.toString(), "--metrics");
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("blurred 64x64 image in 16 tiles", "18 succeeded", "aisprint_task,task=blur,workflow=tile-blur count=16i");
        assertThat(ImageIO.read(output.toFile()).getWidth()).isEqualTo(64);
        JsonNode events = new ObjectMapper().readTree(trace.toFile()).get("traceEvents");
        assertThat(events).filteredOn(e -> e.get("name").asText().equals("blur")).hasSize(16);
    }

    @Test
    void demoJsonOutputIsMachineReadable() throws Exception {
        Path output = dir.resolve("b.png");
        CliTestSupport.Outcome outcome = CliTestSupport.run("runtime", "demo", "--size", "32", "--tiles", "2",
                "--output", output.toString(), "--json");
        assertThat(outcome.exitCode()).as(outcome.err()).isEqualTo(ExitCodes.OK);
        JsonNode json = new ObjectMapper().readTree(outcome.out());
        assertThat(json.get("tiles").asInt()).isEqualTo(4);
        assertThat(json.get("summary").get("succeeded").asLong()).isEqualTo(6);
        assertThat(Files.exists(output)).isTrue();
    }

    @Test
    void badRequestsGiveAClearErrorAndExitCode() {
        CliTestSupport.Outcome missing = CliTestSupport.run("runtime", "demo", "--input", dir.resolve("nope.png").toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("cannot read --input").doesNotContain("\tat ");
        CliTestSupport.Outcome tooManyTiles = CliTestSupport.run("runtime", "demo", "--size", "4", "--tiles", "8",
                "--output", dir.resolve("x.png").toString());
        assertThat(tooManyTiles.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(tooManyTiles.err()).contains("at least one pixel per tile").doesNotContain("\tat ");
    }

    @Test
    void metricsReachTheRealStandardOutput() throws Exception {
        // Through Main.execute and System.out, as the launcher runs it: print() without a flush was lost.
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream original = System.out;
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.execute("runtime", "demo", "--size", "32", "--tiles", "2", "--output", dir.resolve("m.png").toString(), "--metrics");
        } finally {
            System.setOut(original);
        }
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(captured.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("aisprint_run,workflow=tile-blur submitted=6i");
    }

    @Test
    void foldersForInputOrOutputAreRefusedAndLeaveNothingBehind() throws Exception {
        Path folder = Files.createDirectory(dir.resolve("folder"));
        CliTestSupport.Outcome input = CliTestSupport.run("runtime", "demo", "--input", folder.toString(), "--output", dir.resolve("o.png").toString());
        assertThat(input.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(input.err()).contains("--input", "is a folder").doesNotContain("IIOException");
        CliTestSupport.Outcome out = CliTestSupport.run("runtime", "demo", "--size", "32", "--output", folder.toString());
        assertThat(out.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(out.err()).contains("--output", "is a folder");
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void helpTeachesTheDemo() {
        CliTestSupport.Outcome outcome = CliTestSupport.run("runtime", "demo", "--help");
        assertThat(outcome.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(outcome.out()).contains("--tiles", "--trace", "Perfetto", "Exit codes");
    }
}
