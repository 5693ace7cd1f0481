package io.aisprint.runtime.internal;

import io.aisprint.runtime.Direction;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.TaskCancelledException;
import io.aisprint.runtime.TaskException;
import io.aisprint.runtime.TaskFailedException;
import io.aisprint.runtime.TaskRuntimeException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** Runs one attempt of a task on a worker thread and applies the failure policy to its outcome. */
final class TaskExecution {
    private final DefaultTaskRuntime runtime;

    TaskExecution(DefaultTaskRuntime runtime) {
        this.runtime = runtime;
    }

    void run(TaskNode task) {
        NodeSlot slot = task.assignedNode;
        Implementation implementation = task.assignedImplementation;
        if (task.group != null && task.group.isAborted()) {
            // The group was aborted after this task was dispatched: it must not start.
            runtime.cancelTask(task, "its group '" + task.group.name() + "' was aborted");
        }
        if (!task.casState(TaskNode.READY, TaskNode.RUNNING)) {
            // Cancelled between dispatch and start: give the capacity back.
            runtime.dispatcher().attemptEnded(slot, task.assignedConstraints, List.of(), null);
            return;
        }
        task.attempt++;
        long started = System.nanoTime();
        List<Access> accesses = task.accesses;
        TaskContextImpl context = new TaskContextImpl(runtime, task, accesses, slot.spec.name());
        GroupImpl savedGroup = runtime.currentGroup();
        TaskNode savedTask = runtime.runningTask.get();
        runtime.setCurrentGroup(task.group);
        runtime.runningTask.set(task);
        Object result = null;
        Throwable error = null;
        long[] moved = new long[2];
        ScheduledFuture<?> timeout = null;
        synchronized (task) {
            task.thread = Thread.currentThread();
        }
        try {
            if (task.timeoutNanos > 0) {
                timeout = runtime.timer().schedule(() -> timeOut(task), task.timeoutNanos, TimeUnit.NANOSECONDS);
            }
            prepare(task, accesses, slot, moved);
            countMovedFutures(task, slot, moved);
            result = implementation.body().apply(context);
            commit(task, accesses, slot);
        } catch (Throwable thrown) {
            error = thrown;
        } finally {
            synchronized (task) {
                task.thread = null;
            }
            if (timeout != null) {
                timeout.cancel(false);
            }
            Thread.interrupted();
            runtime.setCurrentGroup(savedGroup);
            runtime.runningTask.set(savedTask);
        }
        finish(task, slot, implementation, result, error, started, (int) moved[0], moved[1]);
    }

    private static void timeOut(TaskNode task) {
        synchronized (task) {
            Thread thread = task.thread;
            if (thread != null) {
                task.timedOut = true;
                thread.interrupt();
            }
        }
    }

    /** Sets up the attempt's view of its data: copies for renamed writers, fresh files for outputs. */
    private static void prepare(TaskNode task, List<Access> accesses, NodeSlot slot, long[] moved) throws IOException {
        for (Access access : accesses) {
            access.newValue = null;
            access.newValueSet = false;
            Version input = access.input;
            if (input != null && input.location != null && !input.location.equals(slot.spec.name())) {
                moved[0]++;
                if (input.path != null && Files.isRegularFile(input.path)) {
                    moved[1] += Files.size(input.path);
                }
            }
            if (access.cell.kind == DataCell.Kind.OBJECT) {
                Object value = input == null ? null : input.rawValue();
                access.workingValue = access.direction == Direction.INOUT && access.renamed ? access.cell.copier.apply(value) : value;
                continue;
            }
            boolean directory = access.cell.kind == DataCell.Kind.DIRECTORY;
            if (access.direction == Direction.INOUT) {
                if (Files.exists(input.path)) {
                    FileManager.copy(input.path, access.output.path, directory);
                }
            } else if (access.direction == Direction.OUT) {
                FileManager.deleteTree(access.output.path);
                if (directory) {
                    Files.createDirectories(access.output.path);
                } else {
                    Files.createDirectories(access.output.path.toAbsolutePath().getParent());
                }
            }
        }
    }

    private static void countMovedFutures(TaskNode task, NodeSlot slot, long[] moved) {
        List<Version> futures = task.inputFutures;
        if (futures == null) {
            return;
        }
        for (Version future : futures) {
            if (future.location != null && !future.location.equals(slot.spec.name())) {
                moved[0]++;
            }
        }
    }

    /** Publishes the attempt's outputs as the new versions. */
    private static void commit(TaskNode task, List<Access> accesses, NodeSlot slot) {
        String node = slot.spec.name();
        for (Access access : accesses) {
            Version output = access.output;
            if (output == null) {
                continue;
            }
            if (access.cell.kind == DataCell.Kind.OBJECT) {
                if (access.newValueSet) {
                    output.setValue(access.newValue);
                } else if (access.direction == Direction.OUT) {
                    throw new TaskRuntimeException(ErrorCode.INVALID_TASK, task + " declares OUT data '" + access.cell.name()
                            + "' but never called ctx.set(data, value).\nMaybe set it, or declare it INOUT if the task"
                            + " changes the existing object in place.");
                } else {
                    output.setValue(access.workingValue);
                }
            } else if (access.direction == Direction.OUT && !Files.exists(output.path)) {
                throw new TaskRuntimeException(ErrorCode.INVALID_TASK, task + " declares FILE_OUT " + access.cell.declaredPath
                        + " but did not write it.\nMaybe write to ctx.path(declaredPath), which is the renamed version"
                        + " the runtime expects.");
            }
            output.location = node;
        }
        task.result.location = node;
    }

    private void finish(TaskNode task, NodeSlot slot, Implementation implementation, Object result, Throwable error,
            long started, int inputsMoved, long bytesMoved) {
        List<TaskNode> nowReady = new ArrayList<>(2);
        TaskNode retry = null;
        long ended = System.nanoTime();
        Stats stats = runtime.stats();
        String node = slot.spec.name();
        if (error == null) {
            task.result.setValue(result);
            stats.succeeded.increment();
            stats.attempt(task, node, started, ended, "succeeded", false, inputsMoved, bytesMoved);
            runtime.terminate(task, TaskNode.SUCCEEDED, null, nowReady);
        } else {
            Throwable cause = error;
            if (task.timedOut) {
                cause = new TaskRuntimeException(ErrorCode.TASK_FAILED, task + " exceeded its time-out of "
                        + TimeUnit.NANOSECONDS.toMillis(task.timeoutNanos) + " ms on node " + node, error);
                task.timedOut = false;
            }
            if (task.cancelRequested && !(cause instanceof TaskException)) {
                stats.cancelled.increment();
                stats.attempt(task, node, started, ended, "cancelled", false, inputsMoved, bytesMoved);
                runtime.terminate(task, TaskNode.CANCELLED, new TaskCancelledException(task + " was stopped while"
                        + " running because its group was aborted or the run stopped", cause), nowReady);
            } else if (cause instanceof TaskException && task.group != null) {
                stats.failed.increment();
                stats.attempt(task, node, started, ended, "group-aborted", true, inputsMoved, bytesMoved);
                task.group.abort(cause, task);
                runtime.terminate(task, TaskNode.FAILED, failed(task, node, cause), nowReady);
            } else if (cause instanceof io.aisprint.runtime.spi.NodeLoss && task.nodeLosses < io.aisprint.runtime.spi.NodeLoss.RERUNS
                    && runtime.runFailure() == null) {
                task.nodeLosses++;
                stats.retried.increment();
                stats.attempt(task, node, started, ended, "node-lost", true, inputsMoved, bytesMoved);
                task.avoidNode = node;
                task.setState(TaskNode.READY);
                retry = task;
            } else if (task.attempt - task.nodeLosses < task.policy.attempts() && runtime.runFailure() == null) {
                stats.retried.increment();
                stats.attempt(task, node, started, ended, "retried", true, inputsMoved, bytesMoved);
                task.avoidNode = node;
                task.setState(TaskNode.READY);
                retry = task;
            } else {
                stats.attempt(task, node, started, ended, "failed", true, inputsMoved, bytesMoved);
                applyTerminalPolicy(task, node, cause, nowReady);
            }
        }
        runtime.dispatcher().attemptEnded(slot, implementation.constraints(), nowReady, retry);
    }

    private void applyTerminalPolicy(TaskNode task, String node, Throwable cause, List<TaskNode> nowReady) {
        FailurePolicy.Kind kind = task.policy.terminal();
        switch (kind) {
            case IGNORE -> {
                applyIgnoreDefaults(task);
                runtime.stats().ignored.increment();
                runtime.terminate(task, TaskNode.IGNORED, null, nowReady);
            }
            case CANCEL_SUCCESSORS -> {
                runtime.stats().failed.increment();
                runtime.terminate(task, TaskNode.FAILED, failed(task, node, cause), nowReady);
            }
            case FAIL, RETRY -> {
                runtime.stats().failed.increment();
                runtime.failRun(task, cause);
                runtime.terminate(task, TaskNode.FAILED, failed(task, node, cause), nowReady);
            }
            default -> throw new IllegalStateException("unknown failure policy " + kind);
        }
    }

    /** A queued task lost every node that could run it (a node was removed). */
    void failUnrunnable(TaskNode task, TaskRuntimeException why) {
        if (!task.casState(TaskNode.READY, TaskNode.RUNNING)) {
            return;
        }
        List<TaskNode> nowReady = new ArrayList<>();
        applyTerminalPolicy(task, null, why, nowReady);
        nowReady.forEach(runtime.dispatcher()::enqueue);
    }

    private static TaskFailedException failed(TaskNode task, String node, Throwable cause) {
        return new TaskFailedException(ErrorCode.TASK_FAILED, task + " failed after " + task.attempt + " attempt(s)"
                + (node == null ? "" : ", last on node " + node) + ": " + cause, cause);
    }

    /** IGNORE: successors see declared defaults, an INOUT keeps its input, an OUT file exists (empty). */
    private static void applyIgnoreDefaults(TaskNode task) {
        task.result.setValue(task.defaultValue);
        List<Access> accesses = task.accesses;
        if (accesses == null) {
            return;
        }
        for (Access access : accesses) {
            Version output = access.output;
            if (output == null) {
                continue;
            }
            if (access.cell.kind == DataCell.Kind.OBJECT) {
                output.setValue(access.hasIgnoreDefault ? access.ignoreDefault
                        : access.direction == Direction.INOUT ? access.input.rawValue() : null);
            } else if (!Files.exists(output.path)) {
                try {
                    if (access.cell.kind == DataCell.Kind.DIRECTORY) {
                        Files.createDirectories(output.path);
                    } else {
                        Files.createDirectories(output.path.toAbsolutePath().getParent());
                        Files.createFile(output.path);
                    }
                } catch (IOException ignored) {
                    // The successor will report the missing file itself.
                }
            }
        }
    }
}
