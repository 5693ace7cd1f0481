package io.aisprint.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterWorker;
import io.aisprint.cluster.JvmFlags;
import io.aisprint.cluster.Remote;
import io.aisprint.deploy.elastic.ElasticityManager;
import io.aisprint.deploy.elastic.ElasticityPolicy;
import io.aisprint.deploy.elastic.ProcessPowerManager;
import io.aisprint.deploy.elastic.WorkloadView;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.SchedulingPolicies;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Elasticity with real worker JVMs (the worker {@code aisprint worker} runs, started as its own
 * process on loopback, discovery ports 48040..48049): a burst of tasks powers workers on, idleness
 * powers them off again, and every task returns its result.
 */
class ElasticWorkersTest {
    private static final int PORT = 48040;

    @Test
    void aBurstPowersWorkersOnIdlePowersThemOffAndNoTaskIsLost() throws Exception {
        Path logs = Files.createTempDirectory("aisprint-elastic-test-");
        ElasticityPolicy policy = new ElasticityPolicy(1, 3, 0, 2, Duration.ofSeconds(2), Duration.ofSeconds(90));
        List<TaskFuture<String>> futures = new CopyOnWriteArrayList<>();
        Set<String> largestPool = new LinkedHashSet<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        try (ProcessPowerManager power = new ProcessPowerManager(ElasticWorkersTest::workerCommand, logs);
             ClusterDriver driver = ClusterDriver.start(config())) {
            TaskRuntime[] runtime = new TaskRuntime[1];
            WorkloadView view = new WorkloadView() {
                @Override
                public int unfinishedTasks() {
                    return (int) futures.stream().filter(f -> !f.isDone()).count();
                }

                @Override
                public Set<String> liveNodes() {
                    List<NodeSpec> nodes = runtime[0] == null ? driver.workers() : runtime[0].nodes();
                    Set<String> names = nodes.stream().map(NodeSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
                    if (names.size() > largestPool.size()) {
                        largestPool.clear();
                        largestPool.addAll(names);
                    }
                    return names;
                }
            };
            ElasticityManager manager = new ElasticityManager(policy, power, view, Clock.systemUTC(), List.of("w1", "w2", "w3"));
            manager.step(); // the minimum: w1
            driver.awaitWorkers(1, Duration.ofSeconds(90));
            try (TaskRuntime tasks = driver.runtime(builder -> builder.policy(SchedulingPolicies.fifo()))) {
                runtime[0] = tasks;
                scheduler.scheduleWithFixedDelay(() -> {
                    try {
                        manager.step();
                    } catch (RuntimeException e) {
                        e.printStackTrace();
                    }
                }, 0, 250, TimeUnit.MILLISECONDS);

                // the burst holds its workers until the test releases it, so the pool grows however slowly JVMs start here
                Path release = logs.resolve("release");
                futures.addAll(burst(tasks, 48, 0, release.toString()));
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (driver.workers().size() < 3 && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Files.writeString(release, "go");
                for (int i = 0; i < futures.size(); i++) {
                    assertThat(tasks.waitOn(futures.get(i))).as("task %d", i).startsWith(i + "@");
                }
                Set<String> ranOn = futures.stream().map(f -> tasks.waitOn(f).split("@")[1]).collect(Collectors.toSet());
                assertThat(manager.history()).filteredOn(ElasticityManager.Action::on).extracting(ElasticityManager.Action::node)
                        .contains("w1", "w2");
                assertThat(largestPool).as("pool at its largest").hasSizeGreaterThanOrEqualTo(2);
                assertThat(ranOn).as("workers that ran tasks").hasSizeGreaterThanOrEqualTo(2);

                awaitPool(view, 1, Duration.ofSeconds(60));
                assertThat(power.running()).containsExactly("w1");
                assertThat(manager.history()).filteredOn(a -> !a.on()).isNotEmpty()
                        .allSatisfy(a -> assertThat(a.reason()).startsWith("idle"));

                // after shrinking, new work still runs to completion
                List<TaskFuture<String>> after = burst(tasks, 4, 1000, release.toString());
                futures.addAll(after);
                for (int i = 0; i < after.size(); i++) {
                    assertThat(tasks.waitOn(after.get(i))).startsWith((1000 + i) + "@");
                }
            } finally {
                scheduler.shutdownNow();
                scheduler.awaitTermination(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Tasks that wait for the release file (the workers share this machine's file system), then work 0.2 s. */
    private static List<TaskFuture<String>> burst(TaskRuntime runtime, int count, int offset, String release) {
        List<TaskFuture<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int id = offset + i;
            futures.add(runtime.task("work").onFailure(FailurePolicy.retry(2)).call(Remote.call(ctx -> {
                while (!java.nio.file.Files.exists(java.nio.file.Path.of(release))) {
                    Thread.sleep(50);
                }
                Thread.sleep(200);
                return id + "@" + ctx.nodeName();
            })));
        }
        return futures;
    }

    private static void awaitPool(WorkloadView view, int size, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (view.liveNodes().size() != size && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(view.liveNodes()).hasSize(size);
    }

    private static ClusterConfig config() {
        return ClusterConfig.of(new NodeSpec("driver", 1, 1024, 0, null, Map.of()), ClusterConfig.loopback(PORT, 10))
                .withPorts(PORT, PORT + 100, 10)
                .withFailureDetection(Duration.ofSeconds(3))
                .withJoinTimeout(Duration.ofSeconds(30));
    }

    /** The worker JVM as {@code aisprint worker --name N --cores 2 --join 127.0.0.1:48040..48049} starts it. */
    private static List<String> workerCommand(String name) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ClusterWorker.class.getName(),
                "--name", name, "--labels", "layer=cloud", "--cores", "2",
                "--join", "127.0.0.1:" + PORT + ".." + (PORT + 9),
                "--port", Integer.toString(PORT), "--communication-port", Integer.toString(PORT + 100),
                "--failure-detection-ms", "3000"));
        return command;
    }
}
