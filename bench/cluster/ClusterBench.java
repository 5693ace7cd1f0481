import io.aisprint.cluster.ClusterConfig;
import io.aisprint.cluster.ClusterDriver;
import io.aisprint.cluster.ClusterEvent;
import io.aisprint.cluster.JvmFlags;
import io.aisprint.cluster.Remote;
import io.aisprint.cluster.RemoteRef;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.SchedulingPolicies;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 1 driver + 2 worker JVMs on loopback: no-op throughput (one task per call, and batched),
 * a 1-D stencil with blocks kept on the workers, and recovery from kill -9 of a worker.
 * Prints one JSON object. Run through bench/cluster/run.sh (it compiles this and sets the class path).
 */
public final class ClusterBench {
    static final int PORT = 47580;
    /** Stencil rounds: warm-up ones, then measured ones (the median is the headline figure). Same on the Dask side. */
    static final int STENCIL_WARMUP = 5;
    static final int STENCIL_ROUNDS = 10;
    /** Worker JVMs: a 1 GiB heap whose young generation outlives a stencil round, so blocks die young. */
    static final String WORKER_HEAP = "-Xmx1g -Xmn600m -XX:+UseSerialGC";

    public static void main(String[] args) throws Exception {
        int noops = Integer.parseInt(args.length > 0 ? args[0] : "20000");
        Path logs = Files.createTempDirectory("aisprint-bench-");
        List<Process> workers = new ArrayList<>();
        workers.add(startWorker("w1", logs));
        workers.add(startWorker("w2", logs));
        Map<String, Object> results = new LinkedHashMap<>();
        ClusterConfig config = ClusterConfig.of(new NodeSpec("driver", 1, 1024, 0, null, Map.of()), ClusterConfig.loopback(PORT, 10))
                .withPorts(PORT, PORT + 100, 10).withFailureDetection(Duration.ofSeconds(3));
        try (ClusterDriver driver = ClusterDriver.start(config)) {
            driver.awaitWorkers(2, Duration.ofSeconds(60));
            driver.queuePerCore(Integer.getInteger("bench.queue", 1));
            try (TaskRuntime runtime = driver.runtime(b -> b.policy(SchedulingPolicies.locality()).maxPendingTasks(5000))) {
                if (Boolean.getBoolean("bench.noop")) {
                    for (int round = 0; round < Integer.getInteger("bench.rounds", 4); round++) {
                        long[] cpu = cpu(workers);
                        System.out.println("noop tasks/s: " + noopRun(runtime, 5000, 1));
                        long[] after = cpu(workers);
                        System.out.printf("  cpu ms driver %d w1 %d w2 %d%n", (after[0] - cpu[0]) / 1_000_000,
                                (after[1] - cpu[1]) / 1_000_000, (after[2] - cpu[2]) / 1_000_000);
                    }
                    if (Boolean.getBoolean("bench.dumpJfr")) {
                        for (int w = 0; w < 2; w++) {
                            new ProcessBuilder("jcmd", Long.toString(workers.get(w).pid()), "JFR.dump", "filename=/tmp/w" + (w + 1) + ".jfr")
                                    .inheritIO().start().waitFor();
                        }
                    }
                    return;
                }
                if (Boolean.getBoolean("bench.chain")) {
                    for (int round = 0; round < 3; round++) {
                        long start = System.nanoTime();
                        TaskFuture<Integer> value = runtime.task("c").call(Remote.call(ctx -> 0));
                        for (int i = 0; i < 300; i++) {
                            value = runtime.task("c").in(value).call(Remote.call(ctx -> ctx.<Integer>arg(0) + 1, value));
                        }
                        runtime.waitOn(value);
                        System.out.println("chain hop ms: " + (System.nanoTime() - start) / 1e6 / 301);
                    }
                    return;
                }
                if (System.getProperty("bench.stencilWidth") != null) {
                    int width = Integer.getInteger("bench.stencilWidth");
                    if (Boolean.getBoolean("bench.warm")) {
                        noopRun(runtime, 23_000, 1);
                    }
                    for (int round = 0; round < Integer.getInteger("bench.rounds", 3); round++) {
                        Map<String, Long> fetchesBefore = driver.fetchCounts();
                        long startedAt = System.currentTimeMillis();
                        double seconds = stencil(runtime, 8, width, 20);
                        Map<String, Long> fetchesAfter = driver.fetchCounts();
                        System.out.println("stencil width " + width + ": " + seconds + " s, at " + startedAt + ", fetches w1 "
                                + (fetchesAfter.get("w1") - fetchesBefore.get("w1")) + " w2 " + (fetchesAfter.get("w2") - fetchesBefore.get("w2"))
                                + (Boolean.getBoolean("bench.kept") ? " kept " + driver.keptValueCounts() : ""));
                    }
                    return;
                }
                noopRun(runtime, 3000, 1); // warm-up
                results.put("noop_tasks_per_s", noopRun(runtime, noops, 1));
                results.put("noop_batched_tasks_per_s", noopRun(runtime, noops * 10, 500));
                for (int round = 0; round < STENCIL_WARMUP; round++) {
                    stencil(runtime, 8, 50_000, 20); // warm-up (JIT on all three JVMs), as for Dask
                }
                List<Double> rounds = new ArrayList<>();
                for (int round = 0; round < STENCIL_ROUNDS; round++) {
                    rounds.add(stencil(runtime, 8, 50_000, 20));
                }
                results.put("stencil_rounds_s", rounds);
                results.put("stencil_median_s", median(rounds));
                results.put("stencil_best_s", rounds.stream().min(Double::compare).orElseThrow());
                results.put("stencil_checksum", lastChecksum);
                results.put("sleep_fault_free_s", sleepers(runtime, 40, null, driver, results));
            }
            try (TaskRuntime runtime = driver.runtime(b -> b.policy(SchedulingPolicies.fifo()))) {
                results.put("sleep_with_kill9_s", sleepers(runtime, 40, workers.get(1), driver, results));
            }
            results.put("events", driver.events().stream().map(ClusterEvent::toString).toList());
        } finally {
            for (Process worker : workers) {
                worker.destroyForcibly();
            }
        }
        StringBuilder json = new StringBuilder("{");
        results.forEach((key, value) -> json.append(json.length() > 1 ? ", " : "").append('"').append(key).append("\": ")
                .append(value instanceof List<?> list ? list.stream().map(v -> v instanceof Number ? v.toString()
                        : "\"" + v.toString().replace("\"", "'") + "\"").toList().toString() : value));
        System.out.println(json.append('}'));
    }

    static long[] cpu(List<Process> workers) {
        long driver = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        return new long[] {driver, workers.get(0).info().totalCpuDuration().orElseThrow().toNanos(),
                workers.get(1).info().totalCpuDuration().orElseThrow().toNanos()};
    }

    static Process startWorker(String name, Path logs) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JvmFlags.IGNITE_ADD_OPENS);
        command.addAll(JvmFlags.IGNITE_QUIET);
        String extra = System.getProperty("bench.workerJvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.replace("NAME", name).split(" ")));
        }
        command.addAll(List.of(System.getProperty("bench.workerHeap", WORKER_HEAP).split(" ")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "io.aisprint.cluster.ClusterWorker", "--name", name, "--cores", "2", "--join", "127.0.0.1:" + PORT + ".." + (PORT + 9),
                "--port", Integer.toString(PORT), "--communication-port", Integer.toString(PORT + 100), "--failure-detection-ms", "3000"));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(logs.resolve(name + ".log").toFile()).start();
    }

    /** {@code count} no-op tasks, {@code batch} per remote call; returns tasks per second. */
    static long noopRun(TaskRuntime runtime, int count, int batch) {
        long start = System.nanoTime();
        for (int i = 0; i < count / batch; i++) {
            int size = batch;
            runtime.task("noop").call(Remote.call(ctx -> {
                Object last = null;
                for (int k = 0; k < size; k++) {
                    last = noop(k);
                }
                return last;
            }));
        }
        runtime.barrier();
        return Math.round(count / ((System.nanoTime() - start) / 1e9));
    }

    static Object noop(int value) {
        return null;
    }

    static double lastChecksum;

    /** Jacobi relaxation over {@code blocks} blocks kept on the workers; each step reads the neighbours' previous blocks. */
    static double stencil(TaskRuntime runtime, int blocks, int width, int steps) {
        long start = System.nanoTime();
        List<TaskFuture<RemoteRef<double[]>>> current = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int index = b;
            current.add(runtime.task("init").call(Remote.keep(ctx -> init(index, width))));
        }
        for (int s = 0; s < steps; s++) {
            List<TaskFuture<RemoteRef<double[]>>> next = new ArrayList<>();
            for (int b = 0; b < blocks; b++) {
                TaskFuture<RemoteRef<double[]>> left = current.get((b + blocks - 1) % blocks);
                TaskFuture<RemoteRef<double[]>> self = current.get(b);
                TaskFuture<RemoteRef<double[]>> right = current.get((b + 1) % blocks);
                next.add(runtime.task("relax").in(left).in(self).in(right)
                        .call(Remote.keep(ctx -> relax(ctx.arg(0), ctx.arg(1), ctx.arg(2)), left, self, right)));
            }
            current = next;
        }
        List<TaskFuture<Double>> sums = new ArrayList<>();
        for (TaskFuture<RemoteRef<double[]>> block : current) {
            sums.add(runtime.task("sum").in(block).call(Remote.call(ctx -> sum(ctx.arg(0)), block)));
        }
        double total = 0;
        for (TaskFuture<Double> sum : sums) {
            total += runtime.waitOn(sum);
        }
        lastChecksum = total;
        return round((System.nanoTime() - start) / 1e9);
    }

    static double[] init(int block, int width) {
        double[] values = new double[width];
        for (int i = 0; i < width; i++) {
            values[i] = Math.sin((double) block * width + i);
        }
        return values;
    }

    static double[] relax(double[] left, double[] block, double[] right) {
        double[] next = new double[block.length];
        for (int i = 0; i < block.length; i++) {
            double before = i == 0 ? left[left.length - 1] : block[i - 1];
            double after = i == block.length - 1 ? right[0] : block[i + 1];
            next[i] = (before + block[i] + after) / 3;
        }
        return next;
    }

    static double sum(double[] values) {
        double total = 0;
        for (double value : values) {
            total += value;
        }
        return total;
    }

    /** {@code count} tasks of 250 ms with retry(2); with a victim, kill -9 it once the first wave is done. */
    static double sleepers(TaskRuntime runtime, int count, Process victim, ClusterDriver driver, Map<String, Object> results) throws Exception {
        long start = System.nanoTime();
        List<TaskFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int value = i;
            futures.add(runtime.task("sleep").onFailure(FailurePolicy.retry(2)).call(Remote.call(ctx -> {
                Thread.sleep(250);
                return value;
            })));
        }
        if (victim != null) {
            runtime.waitOn(futures.get(0));
            Instant killed = Instant.now();
            victim.destroyForcibly();
            for (int i = 0; i < count; i++) {
                if (runtime.waitOn(futures.get(i)) != i) {
                    throw new AssertionError("wrong result after failover");
                }
            }
            double total = round((System.nanoTime() - start) / 1e9);
            ClusterEvent failed = driver.events().stream().filter(e -> e.kind() == ClusterEvent.Kind.FAILED).findFirst().orElseThrow();
            results.put("kill9_detection_s", round(Duration.between(killed, failed.at()).toNanos() / 1e9));
            results.put("kill9_recovered_after_kill_s", round(Duration.between(killed, Instant.now()).toNanos() / 1e9));
            return total;
        }
        runtime.barrier();
        return round((System.nanoTime() - start) / 1e9);
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return round(n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2);
    }

    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
