package io.aisprint.runtime;

/** A task body without result. */
@FunctionalInterface
public interface TaskAction {
    void run(TaskContext context) throws Exception;
}
