package io.aisprint.runtime;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Declares one task: its parameters with their directions, its needs and its failure policy;
 * {@link #call}, {@link #run} or {@link #external} submits it and returns at once.
 */
public interface TaskBuilder {
    /** A read-only input: a {@link TaskFuture} or {@link Data} adds a dependency; other values are constants. */
    TaskBuilder in(Object value);

    TaskBuilder out(Data<?> data);

    TaskBuilder inout(Data<?> data);

    TaskBuilder concurrent(Data<?> data);

    TaskBuilder commutative(Data<?> data);

    /** A data parameter with an explicit direction. */
    TaskBuilder param(Direction direction, Data<?> data);

    /** A file parameter; {@code name} is the placeholder used by {@link #external}. */
    TaskBuilder file(String name, Direction direction, Path path);

    default TaskBuilder fileIn(Path path) {
        return file(null, Direction.IN, path);
    }

    default TaskBuilder fileOut(Path path) {
        return file(null, Direction.OUT, path);
    }

    default TaskBuilder fileInout(Path path) {
        return file(null, Direction.INOUT, path);
    }

    /** A directory parameter (copied as a whole when renamed). */
    TaskBuilder directory(String name, Direction direction, Path path);

    /** A collection whose elements (futures, data, constants) are tracked one by one. */
    TaskBuilder collection(Direction direction, List<?> elements);

    default TaskBuilder collectionIn(List<?> elements) {
        return collection(Direction.IN, elements);
    }

    TaskBuilder constraints(Constraints constraints);

    /** An alternative body used when the chosen node satisfies {@code constraints}; declared order is preference order, the main body comes last. */
    TaskBuilder implementation(Constraints constraints, TaskFunction<?> body);

    TaskBuilder onFailure(FailurePolicy policy);

    /** The result used when the task fails under IGNORE or CANCEL_SUCCESSORS-free IGNORE semantics. */
    TaskBuilder defaultValue(Object value);

    /** The value an OUT/INOUT data gets when the task fails under IGNORE. */
    <T> TaskBuilder defaultFor(Data<T> data, T value);

    /** Scheduled before ordinary ready tasks. */
    TaskBuilder priority();

    /** Fails the attempt (and applies the failure policy) when it runs longer. */
    TaskBuilder timeout(Duration limit);

    /** Tags the task with an application component and partition, for placement-aware scheduling. */
    TaskBuilder placement(String component, String partition);

    <R> TaskFuture<R> call(TaskFunction<R> body);

    TaskFuture<Void> run(TaskAction body);

    /** Runs a binary or script; the result carries exit code, stdout and stderr. */
    TaskFuture<ProcessResult> external(ExternalCommand command);
}
