package io.aisprint.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Runs tasks asynchronously on a pool of nodes, ordering them by the data they share.
 *
 * <pre>{@code
 * try (TaskRuntime runtime = TaskRuntime.local(4)) {
 *     TaskFuture<Integer> a = runtime.task("square").call(ctx -> 3 * 3);
 *     TaskFuture<Integer> b = runtime.task("inc").in(a).call(ctx -> ctx.get(a) + 1);
 *     System.out.println(b.get());   // 10
 * }
 * }</pre>
 */
public interface TaskRuntime extends AutoCloseable {

    static RuntimeBuilder builder() {
        return new RuntimeBuilder();
    }

    /** One node named "local" with {@code cores} cores, FIFO scheduling, in-process execution. */
    static TaskRuntime local(int cores) {
        return builder().node(NodeSpec.of("local", cores)).build();
    }

    /** Starts declaring a task. */
    TaskBuilder task(String name);

    /** A tracked object; INOUT writers wait for earlier readers because they may change it in place. */
    <T> Data<T> data(String name, T initial);

    /**
     * A tracked object with a copier: an INOUT writer gets its own copy while earlier readers are
     * still pending (renaming), so write-after-read does not serialise.
     */
    <T> Data<T> data(String name, T initial, UnaryOperator<T> copier);

    /** Waits for the future's task and returns its result. */
    <T> T waitOn(TaskFuture<T> future);

    /** Waits for the writers of the data's current version and returns it. */
    <T> T waitOn(Data<T> data);

    /** Waits for the writers of the file and brings its latest version to {@code path}. */
    Path waitOnFile(Path path);

    /** Waits for every task submitted so far. */
    void barrier();

    /** Waits for the tasks using the file, then deletes it and its renamed versions. */
    void deleteFile(Path path);

    /** Waits for the tasks using the data, then forgets it; later use is an error. */
    void delete(Data<?> data);

    /** Opens a group with an implicit barrier at close. */
    default TaskGroup group(String name) {
        return group(name, true);
    }

    TaskGroup group(String name, boolean implicitBarrier);

    /**
     * A proxy for a task interface: each {@link Task} method submits a task running the
     * same-named method of {@code implementation} and returns its future.
     */
    <T> T proxy(Class<T> taskInterface, Object implementation);

    /** Adds a node while running (elasticity); waiting tasks may start on it at once. */
    void addNode(NodeSpec node);

    /** Removes a node; its running tasks finish, no new ones start there. */
    void removeNode(String name);

    List<NodeSpec> nodes();

    RunSummary summary();

    /** The traced attempts (empty unless tracing is on). */
    List<TaskRecord> trace();

    /** Writes the trace as Chrome trace-event JSON (opens in Perfetto or chrome://tracing). */
    void writeChromeTrace(Path file);

    /** Task metrics in InfluxDB line protocol, one line per task name plus one for the run. */
    String metricsLineProtocol(Map<String, String> tags);

    /** Waits for all tasks, writes files back to their declared paths and stops the workers. */
    @Override
    void close();
}
