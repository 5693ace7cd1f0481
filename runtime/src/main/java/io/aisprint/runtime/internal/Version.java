package io.aisprint.runtime.internal;

import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One version of a piece of data: a task result, one write of a {@link DataCell}, or one write of
 * a file. It is ready when all its producers have ended. A task's own result is a version with
 * that task as sole producer, which is why it also serves as the task's future.
 */
final class Version implements TaskFuture<Object> {
    private static final TaskNode[] NONE = new TaskNode[0];

    final TaskNode[] producers;
    /** When set, the value is the aliased version's (CONCURRENT/COMMUTATIVE phases write in place). */
    private final Version alias;
    private volatile Object value;
    /** Node the version was produced on, for locality and moved-data accounting. */
    volatile String location;
    /** Physical path of a file or directory version. */
    volatile Path path;
    /** Readers of this version that may still be pending (guarded by the owning DataCell). */
    List<TaskNode> readers;
    private final String description;

    Version(TaskNode[] producers, Version alias, Object value, String description) {
        this.producers = producers;
        this.alias = alias;
        this.value = value;
        this.description = description;
    }

    static Version initial(Object value, String description) {
        return new Version(NONE, null, value, description);
    }

    static Version producedBy(TaskNode task, String description) {
        return new Version(new TaskNode[] {task}, null, null, description);
    }

    void setValue(Object newValue) {
        this.value = newValue;
    }

    Object rawValue() {
        return alias != null ? alias.rawValue() : value;
    }

    boolean isReadyNow() {
        for (TaskNode producer : producers) {
            if (!producer.isTerminal()) {
                return false;
            }
        }
        return true;
    }

    /** Throws why the version has no value, if a producer failed or was cancelled. */
    void checkNotPoisoned() {
        for (TaskNode producer : producers) {
            producer.throwIfPoisoned();
        }
    }

    void addReader(TaskNode reader) {
        if (readers == null) {
            readers = new ArrayList<>(4);
        } else if (readers.size() >= 16) {
            readers.removeIf(TaskNode::isTerminal);
        }
        readers.add(reader);
    }

    @Override
    public Object get() {
        for (TaskNode producer : producers) {
            producer.runtime().awaitTask(producer);
        }
        checkNotPoisoned();
        return rawValue();
    }

    @Override
    public Object value() {
        for (TaskNode producer : producers) {
            if (!producer.isTerminal()) {
                throw new TaskRuntimeException(ErrorCode.NOT_READY, "the result of task '" + producer.name() + "' (#"
                        + producer.id() + ") was read before the task ended.\nMaybe call future.get() or runtime.waitOn("
                        + "future) to wait for it, or pass the future to the next task with .in(future) and read it there"
                        + " with ctx.get(future).");
            }
        }
        checkNotPoisoned();
        return rawValue();
    }

    @Override
    public boolean isDone() {
        return isReadyNow();
    }

    @Override
    public String taskName() {
        return producers.length == 0 ? description : producers[0].name();
    }

    @Override
    public String toString() {
        return "Version[" + description + "]";
    }
}
