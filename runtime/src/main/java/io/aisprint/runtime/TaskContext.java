package io.aisprint.runtime;

import java.nio.file.Path;
import java.util.List;

/** What a running task sees: its inputs, where to put outputs, and the runtime for nested tasks. */
public interface TaskContext {
    /** The value of a future this task declared (or captured); it has ended before the task started. */
    <T> T get(TaskFuture<T> future);

    /** The value of a data parameter as this task sees it (its input version, or its own copy). */
    <T> T get(Data<T> data);

    /** Sets the new version of an OUT / INOUT data parameter. */
    <T> void set(Data<T> data, T value);

    /** The values of a collection parameter, element by element. */
    List<Object> getAll(List<?> collection);

    /**
     * The physical path to use for a declared file or directory parameter. For OUT and INOUT it
     * is a renamed copy, so earlier readers keep their version.
     */
    Path path(Path declared);

    /** The same runtime, to submit nested tasks (they join this task's group). */
    TaskRuntime runtime();

    String nodeName();

    String taskName();

    long taskId();

    /** 1 for the first run, 2 for the first retry, and so on. */
    int attempt();

    /** How this task declared the file {@code declared} (IN, OUT or INOUT). */
    default Direction direction(Path declared) {
        return Direction.IN;
    }

    /** The cores reserved for this attempt on its node (its constraints' cores). */
    default int cores() {
        return 1;
    }

    /** Throws {@link TaskCancelledException} if the task was cancelled or timed out; call it in long loops. */
    void checkCancelled();
}
