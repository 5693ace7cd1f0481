import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The aisprint side of the runtime benchmark. Same workloads as dask_bench.py; prints one JSON
 * line per workload: {"system":"aisprint","workload":...,"seconds":median,"tasks":...}.
 * Run from the repo root: java -cp runtime/target/classes bench/runtime/RuntimeBench.java [million]
 */
public class RuntimeBench {
    static final int CORES = Runtime.getRuntime().availableProcessors();
    static final int INDEPENDENT = Integer.getInteger("bench.independent", 50_000);
    static final int CHAIN = Integer.getInteger("bench.chain", 10_000);
    static final int REPEATS = Integer.getInteger("bench.repeats", 3);

    interface Workload {
        long run(TaskRuntime runtime) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("million")) {
            million();
            return;
        }
        measure("a_independent", CORES, RuntimeBench::independent);
        measure("b_chain", CORES, RuntimeBench::chain);
        measure("c_fan_out_in", CORES, RuntimeBench::fanOutIn);
        measure("d_stencil", CORES, RuntimeBench::stencil);
        measure("e_sleep_2_workers", 2, RuntimeBench::sleeps);
    }

    static void measure(String name, int cores, Workload workload) throws Exception {
        double[] seconds = new double[REPEATS];
        long tasks = 0;
        // One warm-up round so the JIT has compiled the hot paths, as Python's is always "warm".
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("local", cores)).build()) {
            workload.run(runtime);
        }
        for (int i = 0; i < REPEATS; i++) {
            try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("local", cores)).build()) {
                long start = System.nanoTime();
                tasks = workload.run(runtime);
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "{\"system\":\"aisprint\",\"workload\":\"%s\",\"seconds\":%.4f,\"tasks\":%d,\"workers\":%d}%n",
                name, seconds[REPEATS / 2], tasks, cores);
    }

    static long independent(TaskRuntime runtime) {
        for (int i = 0; i < INDEPENDENT; i++) {
            runtime.task("noop").call(ctx -> null);
        }
        runtime.barrier();
        return INDEPENDENT;
    }

    static long chain(TaskRuntime runtime) {
        TaskFuture<Integer> last = runtime.task("noop").call(ctx -> 0);
        for (int i = 1; i < CHAIN; i++) {
            TaskFuture<Integer> previous = last;
            last = runtime.task("noop").in(previous).call(ctx -> 0);
        }
        last.get();
        return CHAIN;
    }

    static long fanOutIn(TaskRuntime runtime) {
        TaskFuture<Integer> sink = runtime.task("root").call(ctx -> 0);
        long tasks = 1;
        for (int round = 0; round < 10; round++) {
            TaskFuture<Integer> source = sink;
            List<TaskFuture<Integer>> leaves = new ArrayList<>(1000);
            for (int i = 0; i < 1000; i++) {
                leaves.add(runtime.task("leaf").in(source).call(ctx -> 0));
            }
            sink = runtime.task("sink").collectionIn(leaves).call(ctx -> 0);
            tasks += 1001;
        }
        sink.get();
        return tasks;
    }

    static long stencil(TaskRuntime runtime) {
        int cells = 100;
        int steps = 100;
        List<TaskFuture<Integer>> previous = new ArrayList<>();
        for (int c = 0; c < cells; c++) {
            previous.add(runtime.task("init").call(ctx -> 0));
        }
        for (int s = 1; s < steps; s++) {
            List<TaskFuture<Integer>> next = new ArrayList<>(cells);
            for (int c = 0; c < cells; c++) {
                TaskFuture<Integer> left = previous.get(Math.max(0, c - 1));
                TaskFuture<Integer> middle = previous.get(c);
                TaskFuture<Integer> right = previous.get(Math.min(cells - 1, c + 1));
                next.add(runtime.task("cell").in(left).in(middle).in(right).call(ctx -> 0));
            }
            previous = next;
        }
        runtime.barrier();
        return (long) cells * steps;
    }

    static long sleeps(TaskRuntime runtime) {
        for (int i = 0; i < 1000; i++) {
            runtime.task("sleep").call(ctx -> {
                Thread.sleep(10);
                return null;
            });
        }
        runtime.barrier();
        return 1000;
    }

    /** 1,000,000 no-op tasks; reports wall time and the peak heap (all heap pools' peak usage). */
    static void million() throws Exception {
        int n = 1_000_000;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        try (TaskRuntime runtime = TaskRuntime.builder().node(NodeSpec.of("local", CORES)).maxPendingTasks(10_000).build()) {
            for (int i = 0; i < n; i++) {
                runtime.task("noop").call(ctx -> null);
            }
            runtime.barrier();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "{\"system\":\"aisprint\",\"workload\":\"million\",\"seconds\":%.3f,\"tasks\":%d,"
                + "\"peak_heap_mib\":%.1f,\"max_heap_mib\":%.1f}%n", seconds, n, peak / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
