package io.aisprint.runtime.internal;

import io.aisprint.runtime.GroupFailedException;
import io.aisprint.runtime.TaskGroup;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A task group: counts its unfinished tasks (nested groups included) and can be aborted. */
final class GroupImpl implements TaskGroup {
    private final String name;
    final GroupImpl parent;
    private final boolean implicitBarrier;
    private final DefaultTaskRuntime runtime;
    private final AtomicLong live = new AtomicLong();
    final Set<TaskNode> members = ConcurrentHashMap.newKeySet();
    private volatile Throwable abortCause;
    private volatile String abortSource;
    private boolean closed;

    GroupImpl(String name, GroupImpl parent, boolean implicitBarrier, DefaultTaskRuntime runtime) {
        this.name = name;
        this.parent = parent;
        this.implicitBarrier = implicitBarrier;
        this.runtime = runtime;
    }

    @Override
    public String name() {
        return name;
    }

    boolean isAborted() {
        return abortCause != null;
    }

    void taskSubmitted(TaskNode task) {
        members.add(task);
        for (GroupImpl group = this; group != null; group = group.parent) {
            group.live.incrementAndGet();
        }
    }

    void taskEnded(TaskNode task) {
        members.remove(task);
        for (GroupImpl group = this; group != null; group = group.parent) {
            if (group.live.decrementAndGet() == 0) {
                synchronized (group) {
                    group.notifyAll();
                }
            }
        }
    }

    /** The first {@link io.aisprint.runtime.TaskException} wins; every other member is cancelled. */
    void abort(Throwable cause, TaskNode source) {
        synchronized (this) {
            if (abortCause != null) {
                return;
            }
            abortCause = cause;
            abortSource = source == null ? "cancel()" : source.toString();
        }
        cancelMembers(source);
    }

    /** Queued members first, so stopping a running one cannot let a queued one start in its place. */
    private void cancelMembers(TaskNode except) {
        for (boolean running : new boolean[] {false, true}) {
            for (TaskNode member : members) {
                if (member != except && (member.state() == TaskNode.RUNNING) == running) {
                    runtime.cancelTask(member, "its group '" + name + "' was aborted by " + abortSource);
                }
            }
        }
    }

    @Override
    public void barrier() {
        runtime.awaitGroup(this, live);
        runtime.throwRunFailureIfAny();
        Throwable cause = abortCause;
        if (cause != null) {
            throw new GroupFailedException(name, "group '" + name + "' was aborted: " + abortSource + " raised '"
                    + cause.getMessage() + "'; its remaining tasks were cancelled", cause);
        }
    }

    @Override
    public void cancel() {
        synchronized (this) {
            if (abortCause == null) {
                abortCause = new io.aisprint.runtime.TaskException("group '" + name + "' cancelled by the program");
                abortSource = "cancel()";
            }
        }
        cancelMembers(null);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        runtime.leaveGroup(this);
        if (implicitBarrier) {
            barrier();
        }
    }
}
