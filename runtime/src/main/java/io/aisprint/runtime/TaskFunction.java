package io.aisprint.runtime;

/** A task body that returns a result. */
@FunctionalInterface
public interface TaskFunction<R> {
    R apply(TaskContext context) throws Exception;
}
