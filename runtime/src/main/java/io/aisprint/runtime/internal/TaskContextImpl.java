package io.aisprint.runtime.internal;

import io.aisprint.runtime.Data;
import io.aisprint.runtime.Direction;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.TaskCancelledException;
import io.aisprint.runtime.TaskContext;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The view a running attempt has of its parameters. */
final class TaskContextImpl implements TaskContext {
    private final DefaultTaskRuntime runtime;
    private final TaskNode task;
    private final List<Access> accesses;
    private final String node;

    TaskContextImpl(DefaultTaskRuntime runtime, TaskNode task, List<Access> accesses, String node) {
        this.runtime = runtime;
        this.task = task;
        this.accesses = accesses;
        this.node = node;
    }

    @Override
    public int cores() {
        return task.assignedConstraints == null ? 1 : Math.max(1, task.assignedConstraints.cores());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(TaskFuture<T> future) {
        // A declared future has ended; an undeclared one is waited for (a nested synchronisation).
        return future.get();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Data<T> data) {
        Access access = find(data);
        return (T) (access.newValueSet ? access.newValue : access.workingValue);
    }

    @Override
    public <T> void set(Data<T> data, T value) {
        Access access = find(data);
        if (access.direction != Direction.OUT && access.direction != Direction.INOUT) {
            throw invalid("sets data '" + data.name() + "' declared " + access.direction
                    + ".\nMaybe declare it .out(data) or .inout(data); CONCURRENT and COMMUTATIVE data are changed in place");
        }
        access.newValue = value;
        access.newValueSet = true;
    }

    @Override
    public List<Object> getAll(List<?> collection) {
        List<Object> values = new ArrayList<>(collection.size());
        for (Object element : collection) {
            if (element instanceof Version version) {
                values.add(version.get());
            } else if (element instanceof DataCell<?> cell) {
                values.add(get(cell));
            } else if (element instanceof Path path) {
                values.add(path(path));
            } else {
                values.add(element);
            }
        }
        return values;
    }

    @Override
    public Direction direction(Path declared) {
        Path key = FileManager.normalize(declared);
        for (Access access : accesses) {
            if (access.cell.declaredPath != null && access.cell.declaredPath.equals(key)) {
                return access.direction;
            }
        }
        throw invalid("uses file " + declared + " that it did not declare.\nMaybe add .fileIn(path), .fileOut(path) or"
                + " .fileInout(path) to the task");
    }

    @Override
    public Path path(Path declared) {
        Path key = FileManager.normalize(declared);
        for (Access access : accesses) {
            if (access.cell.declaredPath != null && access.cell.declaredPath.equals(key)) {
                return physical(access);
            }
        }
        throw invalid("uses file " + declared + " that it did not declare.\nMaybe add .fileIn(path), .fileOut(path) or"
                + " .fileInout(path) to the task");
    }

    Path pathOfPlaceholder(String placeholder) {
        for (Access access : accesses) {
            if (placeholder.equals(access.name)) {
                return physical(access);
            }
        }
        throw invalid("its command uses {" + placeholder + "} but no file parameter has that name.\nMaybe declare it with"
                + " .file(\"" + placeholder + "\", Direction.IN, path)");
    }

    private static Path physical(Access access) {
        return access.output != null ? access.output.path : access.input.path;
    }

    private Access find(Data<?> data) {
        for (Access access : accesses) {
            if (access.cell == data) {
                return access;
            }
        }
        throw invalid("uses data '" + data.name() + "' that it did not declare.\nMaybe add .in(data), .out(data) or"
                + " .inout(data) to the task");
    }

    private TaskRuntimeException invalid(String detail) {
        return new TaskRuntimeException(ErrorCode.INVALID_TASK, "task '" + task.name() + "' " + detail);
    }

    @Override
    public TaskRuntime runtime() {
        return runtime;
    }

    @Override
    public String nodeName() {
        return node;
    }

    @Override
    public String taskName() {
        return task.name();
    }

    @Override
    public long taskId() {
        return task.id();
    }

    @Override
    public int attempt() {
        return task.attempt;
    }

    @Override
    public void checkCancelled() {
        if (task.cancelRequested || task.timedOut || Thread.currentThread().isInterrupted()) {
            throw new TaskCancelledException("task '" + task.name() + "' was " + (task.timedOut ? "timed out" : "cancelled"), null);
        }
    }
}
