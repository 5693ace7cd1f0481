package io.aisprint.gpu.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The DJL job run as its own JVM, as the executor runs it. */
class DjlTrainingJobTest {

    private record Run(int exit, String output) {
    }

    private static Run run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), "-XX:+UseSerialGC", "-Dai.djl.offline=true",
            "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", DjlTrainingJob.class.getName()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** Parameters are restored exactly: three epochs, a new process, three more equal six in one go. */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void resumingInANewProcessContinuesExactlyWhereTheUnbrokenRunWouldBe(@TempDir Path work) throws Exception {
        PyTorch.assumeAvailable();
        Path unbroken = work.resolve("unbroken");
        Path split = work.resolve("split");

        Run whole = run("--checkpoint", unbroken.toString(), "--epochs", "6", "--samples", "600");
        Run first = run("--checkpoint", split.toString(), "--epochs", "3", "--samples", "600");
        Run second = run("--checkpoint", split.toString(), "--epochs", "6", "--samples", "600");

        assertThat(List.of(whole, first, second)).allSatisfy(result -> assertThat(result.exit()).as(result.output()).isZero());
        assertThat(second.output()).contains("resumed from epoch 3").doesNotContain("epoch 1/6").contains("epoch 4/6").contains("done");
        List<Double> expected = new DjlCheckpoint.Folder(unbroken).read().orElseThrow().losses();
        DjlCheckpoint resumed = new DjlCheckpoint.Folder(split).read().orElseThrow();
        assertThat(resumed.epochsDone()).isEqualTo(6);
        assertThat(resumed.losses()).hasSize(6);
        for (int epoch = 0; epoch < 6; epoch++) {
            assertThat(resumed.losses().get(epoch)).as("loss of epoch %d", epoch + 1).isCloseTo(expected.get(epoch),
                org.assertj.core.data.Offset.offset(1e-6));
        }
        assertThat(expected.get(5)).isLessThan(expected.get(0));
    }

    @Test
    void badArgumentsExitWithTwoAndTheUsage(@TempDir Path work) throws Exception {
        Run missing = run("--epochs", "3");
        Run unknown = run("--checkpoint", work.toString(), "--speed", "9");

        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.output()).contains("--checkpoint is required").contains("usage: DjlTrainingJob");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.output()).contains("unknown argument --speed");
    }
}
