package io.aisprint.runtime.internal;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.Data;
import io.aisprint.runtime.Direction;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.ExternalCommand;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.ProcessResult;
import io.aisprint.runtime.TaskAction;
import io.aisprint.runtime.TaskBuilder;
import io.aisprint.runtime.TaskFunction;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Collects one task's declaration; the runtime registers it when a body is given. */
final class DefaultTaskBuilder implements TaskBuilder {
    private final DefaultTaskRuntime runtime;
    final String name;
    final List<Access> accesses = new ArrayList<>();
    final List<Version> futures = new ArrayList<>();
    final List<Implementation> alternatives = new ArrayList<>();
    final Map<DataCell<?>, Object> ignoreDefaults = new IdentityHashMap<>();
    Constraints constraints = Constraints.DEFAULT;
    FailurePolicy policy = FailurePolicy.FAIL;
    Object defaultValue;
    boolean priority;
    long timeoutNanos;
    String component;
    String partition;

    DefaultTaskBuilder(DefaultTaskRuntime runtime, String name) {
        this.runtime = runtime;
        this.name = Objects.requireNonNull(name, "name");
    }

    @Override
    public TaskBuilder in(Object value) {
        if (value instanceof Version version) {
            futures.add(version);
        } else if (value instanceof DataCell<?> cell) {
            addAccess(cell, Direction.IN, null);
        } else if (value instanceof TaskFuture<?> || value instanceof Data<?>) {
            throw invalid("parameter " + value + " was not created by this runtime");
        }
        return this;
    }

    @Override
    public TaskBuilder out(Data<?> data) {
        return param(Direction.OUT, data);
    }

    @Override
    public TaskBuilder inout(Data<?> data) {
        return param(Direction.INOUT, data);
    }

    @Override
    public TaskBuilder concurrent(Data<?> data) {
        return param(Direction.CONCURRENT, data);
    }

    @Override
    public TaskBuilder commutative(Data<?> data) {
        return param(Direction.COMMUTATIVE, data);
    }

    @Override
    public TaskBuilder param(Direction direction, Data<?> data) {
        Objects.requireNonNull(direction, "direction");
        if (!(data instanceof DataCell<?> cell)) {
            throw invalid("data parameter " + data + " was not created by this runtime; create it with runtime.data(...)");
        }
        addAccess(cell, direction, null);
        return this;
    }

    @Override
    public TaskBuilder file(String placeholder, Direction direction, Path path) {
        Objects.requireNonNull(path, "path");
        addAccess(runtime.files().cellFor(path, DataCell.Kind.FILE), direction, placeholder);
        return this;
    }

    @Override
    public TaskBuilder directory(String placeholder, Direction direction, Path path) {
        Objects.requireNonNull(path, "path");
        addAccess(runtime.files().cellFor(path, DataCell.Kind.DIRECTORY), direction, placeholder);
        return this;
    }

    private void addAccess(DataCell<?> cell, Direction direction, String placeholder) {
        for (Access existing : accesses) {
            if (existing.cell == cell) {
                throw invalid(cell.kind.name().toLowerCase(java.util.Locale.ROOT) + " '" + cell.name()
                        + "' is declared twice (" + existing.direction + " and " + direction + ")"
                        + ".\nMaybe declare it once with the combined direction, e.g. INOUT");
            }
        }
        accesses.add(new Access(cell, direction, placeholder));
    }

    @Override
    public TaskBuilder collection(Direction direction, List<?> elements) {
        Objects.requireNonNull(elements, "elements");
        for (int i = 0; i < elements.size(); i++) {
            Object element = elements.get(i);
            if (element instanceof Version version) {
                if (direction != Direction.IN) {
                    throw invalid("collection element #" + i + " is a task result, which is read-only, but the"
                            + " collection is " + direction + ".\nMaybe use a list of runtime.data(...) handles");
                }
                futures.add(version);
            } else if (element instanceof DataCell<?> cell) {
                addAccess(cell, direction, null);
            } else if (element instanceof Path path) {
                file(null, direction, path);
            } else if (direction != Direction.IN) {
                throw invalid("collection element #" + i + " is a plain value (" + element + ") and cannot be "
                        + direction + ".\nMaybe wrap each element in runtime.data(...)");
            }
        }
        return this;
    }

    @Override
    public TaskBuilder constraints(Constraints value) {
        this.constraints = Objects.requireNonNull(value, "constraints");
        return this;
    }

    @Override
    public TaskBuilder implementation(Constraints value, TaskFunction<?> body) {
        alternatives.add(new Implementation(Objects.requireNonNull(value, "constraints"), Objects.requireNonNull(body, "body")));
        return this;
    }

    @Override
    public TaskBuilder onFailure(FailurePolicy value) {
        this.policy = Objects.requireNonNull(value, "policy");
        return this;
    }

    @Override
    public TaskBuilder defaultValue(Object value) {
        this.defaultValue = value;
        return this;
    }

    @Override
    public <T> TaskBuilder defaultFor(Data<T> data, T value) {
        if (!(data instanceof DataCell<?> cell)) {
            throw invalid("defaultFor got data not created by this runtime");
        }
        ignoreDefaults.put(cell, value);
        return this;
    }

    @Override
    public TaskBuilder priority() {
        this.priority = true;
        return this;
    }

    @Override
    public TaskBuilder timeout(Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            throw invalid("timeout is " + limit + " but must be positive");
        }
        this.timeoutNanos = limit.toNanos();
        return this;
    }

    @Override
    public TaskBuilder placement(String component, String partition) {
        this.component = Objects.requireNonNull(component, "component");
        this.partition = partition;
        return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> TaskFuture<R> call(TaskFunction<R> body) {
        Objects.requireNonNull(body, "body");
        return (TaskFuture<R>) (TaskFuture<?>) runtime.submit(this, body, null);
    }

    @Override
    public TaskFuture<Void> run(TaskAction body) {
        Objects.requireNonNull(body, "body");
        return call(context -> {
            body.run(context);
            return null;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskFuture<ProcessResult> external(ExternalCommand command) {
        Objects.requireNonNull(command, "command");
        ExternalSpec spec = new ExternalSpec(command);
        return (TaskFuture<ProcessResult>) (TaskFuture<?>) runtime.submit(this, context -> ExternalRunner.run(
                (TaskContextImpl) context, command), spec);
    }

    private TaskRuntimeException invalid(String detail) {
        return new TaskRuntimeException(ErrorCode.INVALID_TASK, "task '" + name + "': " + detail);
    }
}
