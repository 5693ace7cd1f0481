package io.aisprint.gpu.executor;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Configuration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class ProcessExecutorTest {

    private static final class Recorder implements ProcessExecutor.Listener {
        final CountDownLatch finished = new CountDownLatch(1);
        volatile String failure;

        @Override
        public void finished(String jobId) {
            finished.countDown();
        }

        @Override
        public void profiled(String jobId, Map<Configuration, Double> secondsPerEpoch, double epochsDone) {
        }

        @Override
        public void failed(String jobId, String message) {
            failure = message;
            finished.countDown();
        }
    }

    @Test
    void preemptedJobCheckpointsAndResumesInItsNewConfiguration(@TempDir Path work) throws Exception {
        Recorder recorder = new Recorder();
        int epochs = 150;
        try (ProcessExecutor executor = new ProcessExecutor(work, ProcessExecutor.GpuBinding.CUDA, Map.of(), recorder)) {
            executor.register("job1", new ProcessExecutor.JobSpec(epochs, List.of(), ProcessExecutor.DemoJob.JAVA));
            executor.start(new Assignment("job1", "n1", Configuration.of("K80", 2)), List.of(2, 3), 0);
            awaitEpochs(executor.checkpointOf("job1"), 3);

            OptionalDouble progress = executor.stop("job1");

            assertThat(progress).isPresent();
            assertThat(progress.getAsDouble()).isGreaterThan(0).isLessThan(1);
            int epochsAtStop = Checkpoint.read(executor.checkpointOf("job1")).orElseThrow().epochsDone();
            assertThat(epochsAtStop).isEqualTo((int) Math.round(progress.getAsDouble() * epochs));

            executor.start(new Assignment("job1", "n2", Configuration.of("M60", 1)), List.of(0), progress.getAsDouble());
            assertThat(recorder.finished.await(120, TimeUnit.SECONDS)).isTrue();
            assertThat(recorder.failure).isNull();
        }
        String log = Files.readString(work.resolve("job1.log"));
        assertThat(log).contains("CUDA_VISIBLE_DEVICES=2,3 ").contains("checkpointed at epoch")
            .contains("resumed from epoch").contains("CUDA_VISIBLE_DEVICES=0 ").contains("done");
        Checkpoint last = Checkpoint.read(work.resolve("job1.checkpoint")).orElseThrow();
        assertThat(last.epochsDone()).isEqualTo(epochs);
        // Resuming did not start over: the epoch lines after the resume continue the count.
        assertThat(log).containsOnlyOnce("epoch 1/" + epochs + " loss").containsOnlyOnce("epoch " + epochs + "/" + epochs + " loss");
    }

    /**
     * The DJL job as separate processes: SIGTERM after a checkpointed epoch, then a restart on
     * another GPU set resumes from the saved epoch with the saved parameters.
     */
    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void djlJobIsPreemptedBySigtermAndResumesOnOtherGpusFromItsCheckpoint(@TempDir Path work) throws Exception {
        PyTorch.assumeAvailable();
        Recorder recorder = new Recorder();
        int epochs = 40;
        try (ProcessExecutor executor = new ProcessExecutor(work, ProcessExecutor.GpuBinding.CUDA, Map.of(), recorder)) {
            executor.register("mlp", new ProcessExecutor.JobSpec(epochs, List.of(), ProcessExecutor.DemoJob.DJL));
            executor.start(new Assignment("mlp", "n1", Configuration.of("K80", 2)), List.of(2, 3), 0);
            DjlCheckpoint.Folder folder = new DjlCheckpoint.Folder(executor.checkpointOf("mlp"));
            for (int attempt = 0; attempt < 3_000 && folder.read().isEmpty(); attempt++) {
                assertThat(recorder.failure).as("the job failed before its first epoch").isNull();
                Thread.sleep(20);
            }
            assertThat(folder.read()).as("a checkpoint within 60 s").isPresent();

            OptionalDouble progress = executor.stop("mlp");

            DjlCheckpoint atStop = folder.read().orElseThrow();
            assertThat(atStop.epochsDone()).isBetween(1, epochs - 1);
            assertThat(atStop.losses()).hasSize(atStop.epochsDone());
            assertThat(progress).hasValue(atStop.epochsDone() / (double) epochs);
            assertThat(folder.directory().resolve(atStop.parameters()).resolve("mlp-" + String.format("%04d", atStop.epochsDone()) + ".params"))
                .isRegularFile();

            executor.start(new Assignment("mlp", "n2", Configuration.of("M60", 1)), List.of(0), progress.getAsDouble());
            assertThat(recorder.finished.await(60, TimeUnit.SECONDS)).as("finished within 60 s").isTrue();
            assertThat(recorder.failure).isNull();

            DjlCheckpoint last = folder.read().orElseThrow();
            assertThat(last.epochsDone()).isEqualTo(epochs);
            assertThat(last.losses()).hasSize(epochs).startsWith(atStop.losses().toArray(Double[]::new));
            // Trained, not restarted: the loss after the resume starts near where it stopped, far below epoch 1.
            double firstAfterResume = last.losses().get(atStop.epochsDone());
            assertThat(firstAfterResume).isLessThan(last.losses().get(0));
            assertThat(last.losses().get(epochs - 1)).isLessThan(last.losses().get(0) / 2);
            assertThat(last.accuracy()).isGreaterThan(0.9);
        }
        String log = Files.readString(work.resolve("mlp.log"));
        assertThat(log).contains("gpus CUDA_VISIBLE_DEVICES=2,3 ").contains("gpus CUDA_VISIBLE_DEVICES=0 ")
            .contains("engine PyTorch").contains("checkpointed at epoch").contains("done");
        int resumedAt = Integer.parseInt(log.replaceAll("(?s).*resumed from epoch (\\d+).*", "$1"));
        assertThat(resumedAt).isPositive();
        assertThat(log).containsOnlyOnce("epoch 1/" + epochs + " loss").containsOnlyOnce("epoch " + (resumedAt + 1) + "/" + epochs + " loss")
            .containsOnlyOnce("epoch " + epochs + "/" + epochs + " loss");
    }

    /** A DJL job whose natives cannot be unpacked fails with a reason that points to the pure-Java job. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void djlJobWithoutItsNativeLibraryIsReportedFailedWithTheReason(@TempDir Path work) throws Exception {
        Recorder recorder = new Recorder();
        String cache = System.getProperty("DJL_CACHE_DIR");
        try (ProcessExecutor executor = new ProcessExecutor(work, ProcessExecutor.GpuBinding.CUDA, Map.of(), recorder)) {
            executor.register("nolib", new ProcessExecutor.JobSpec(5, List.of(), ProcessExecutor.DemoJob.DJL));
            System.setProperty("DJL_CACHE_DIR", "/dev/null/djl"); // the job's cache cannot be created, so PyTorch cannot load
            try {
                executor.start(new Assignment("nolib", "n1", Configuration.of("K80", 1)), List.of(0), 0);
            } finally {
                if (cache == null) {
                    System.clearProperty("DJL_CACHE_DIR");
                } else {
                    System.setProperty("DJL_CACHE_DIR", cache);
                }
            }
            assertThat(recorder.finished.await(50, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(recorder.failure).contains("nolib").contains("could not load the PyTorch native library").contains("\"java\"");
        assertThat(Files.readString(work.resolve("nolib.log"))).contains("engine unavailable");
    }

    @Test
    void remoteGpusAreGivenThroughTheRcudaVariables(@TempDir Path work) {
        ProcessExecutor executor = new ProcessExecutor(work, ProcessExecutor.GpuBinding.RCUDA, Map.of("n1", "192.168.4.3"), new Recorder());

        Map<String, String> environment = executor.gpuEnvironment("n1", List.of(0, 1));

        assertThat(environment).hasSize(3).containsAllEntriesOf(Map.of(
            "RCUDA_DEVICE_COUNT", "2", "RCUDA_DEVICE_0", "192.168.4.3:0", "RCUDA_DEVICE_1", "192.168.4.3:1"));
        assertThat(environment).doesNotContainKey("CUDA_VISIBLE_DEVICES");
    }

    private static void awaitEpochs(Path checkpoint, int epochs) throws InterruptedException, IOException {
        for (int attempt = 0; attempt < 600; attempt++) {
            if (Checkpoint.read(checkpoint).map(c -> c.epochsDone() >= epochs).orElse(false)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the job did not reach epoch " + epochs + " in 30 s");
    }
}
