package io.aisprint.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.aisprint.gpu.internal.JobManager;
import io.aisprint.gpu.internal.ProfileStore;
import io.aisprint.gpu.spi.ExecutionBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class JobCancelTest {
    private static final Configuration K80_1 = Configuration.of("K80", 1);

    /** Records what the manager asks for. */
    private static final class RecordingBackend implements ExecutionBackend {
        final List<String> log = new ArrayList<>();

        @Override
        public void start(Assignment assignment, List<Integer> gpuIndices, double completed) {
            log.add("start " + assignment.jobId());
        }

        @Override
        public OptionalDouble stop(String jobId) {
            log.add("stop " + jobId);
            return OptionalDouble.empty();
        }

        @Override
        public void startProfiling(String jobId, String nodeId, List<Configuration> configurations, double epochs) {
            log.add("profile " + jobId);
        }
    }

    /** One K80; A (due first) runs, B waits. */
    private static JobManager twoJobsOnOneGpu(RecordingBackend backend) {
        JobManager manager = new JobManager(List.of(new Node("n1", "K80", 1, 0)), Fixtures.simpleK80Costs(),
            Policies.create("EDF", OptimizerOptions.defaults()), new ProfileStore(), ManagerOptions.defaults(), backend);
        manager.submit(Fixtures.job("A", 0, 10_000, 1, 10, Map.of(K80_1, 100.0)), 0);
        manager.submit(Fixtures.job("B", 0, 20_000, 1, 10, Map.of(K80_1, 100.0)), 0);
        return manager;
    }

    @Test
    void aCancelledRunningJobStopsAndItsGpuGoesToTheWaitingOne() {
        RecordingBackend backend = new RecordingBackend();
        JobManager manager = twoJobsOnOneGpu(backend);
        assertThat(manager.running()).containsOnlyKeys("A");

        manager.cancel("A", 50);

        assertThat(backend.log).containsSubsequence("start A", "stop A", "start B");
        assertThat(manager.running()).containsOnlyKeys("B");
        assertThat(manager.activeJobs()).containsOnlyKeys("B");
        Segment ranA = manager.segments().stream().filter(s -> s.jobId().equals("A")).findFirst().orElseThrow();
        assertThat(ranA.end()).isCloseTo(50, within(1e-9));
        assertThatThrownBy(() -> manager.cancel("A", 60)).isInstanceOf(GpuException.class).hasMessageContaining("cannot be cancelled");
    }

    @Test
    void aCancelledWaitingJobNeverStarts() {
        RecordingBackend backend = new RecordingBackend();
        JobManager manager = twoJobsOnOneGpu(backend);

        manager.cancel("B", 10);
        manager.jobFinished("A", 1000);

        assertThat(backend.log).doesNotContain("start B");
        assertThat(manager.activeJobs()).isEmpty();
    }
}
