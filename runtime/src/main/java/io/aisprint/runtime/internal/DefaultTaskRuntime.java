package io.aisprint.runtime.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.Data;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.FailurePolicy;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.RunSummary;
import io.aisprint.runtime.TaskBuilder;
import io.aisprint.runtime.TaskFunction;
import io.aisprint.runtime.TaskFuture;
import io.aisprint.runtime.TaskGroup;
import io.aisprint.runtime.TaskRecord;
import io.aisprint.runtime.TaskRuntime;
import io.aisprint.runtime.TaskRuntimeException;
import io.aisprint.runtime.spi.NodeBackend;
import io.aisprint.runtime.spi.SchedulingPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/** The in-JVM task runtime: graph construction, failure handling and synchronisation. */
public final class DefaultTaskRuntime implements TaskRuntime {
    private final Dispatcher dispatcher;
    private final NodeBackend backend;
    private final FileManager files;
    private final Stats stats;
    private final TaskExecution execution;
    private final long maxPendingTasks;
    private final long startNanos = System.nanoTime();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong live = new AtomicLong();
    private final Object liveLock = new Object();
    private volatile int liveWaiters;
    private final ThreadLocal<GroupImpl> currentGroup = new ThreadLocal<>();
    final ThreadLocal<TaskNode> runningTask = new ThreadLocal<>();
    final Object gateLock = new Object();
    private volatile TaskRuntimeException runFailure;
    private volatile boolean runFailureReported;
    private volatile ScheduledExecutorService timer;
    private volatile boolean closed;

    public DefaultTaskRuntime(List<NodeSpec> nodes, SchedulingPolicy policy, NodeBackend backend, boolean tracing,
            int traceLimit, long maxPendingTasks, Path workDir) {
        this.backend = backend;
        this.dispatcher = new Dispatcher(policy, backend);
        this.files = new FileManager(workDir);
        this.stats = new Stats(tracing, traceLimit, startNanos);
        this.execution = new TaskExecution(this);
        this.maxPendingTasks = maxPendingTasks;
        nodes.forEach(this::addNode);
    }

    FileManager files() {
        return files;
    }

    Dispatcher dispatcher() {
        return dispatcher;
    }

    Stats stats() {
        return stats;
    }

    NodeBackend backend() {
        return backend;
    }

    long startNanos() {
        return startNanos;
    }

    TaskRuntimeException runFailure() {
        return runFailure;
    }

    // ---------------------------------------------------------------- submission

    @Override
    public TaskBuilder task(String name) {
        checkOpen();
        return new DefaultTaskBuilder(this, name);
    }

    @Override
    public <T> Data<T> data(String name, T initial) {
        return new DataCell<>(Objects.requireNonNull(name, "name"), DataCell.Kind.OBJECT, initial, null, null);
    }

    @Override
    public <T> Data<T> data(String name, T initial, UnaryOperator<T> copier) {
        return new DataCell<>(Objects.requireNonNull(name, "name"), DataCell.Kind.OBJECT, initial,
                Objects.requireNonNull(copier, "copier"), null);
    }

    Version submit(DefaultTaskBuilder declaration, TaskFunction<?> body, ExternalSpec external) {
        checkOpen();
        throwRunFailureIfAny();
        throttle();
        TaskNode task = new TaskNode(ids.incrementAndGet(), declaration.name, this);
        List<Implementation> implementations = new ArrayList<>(declaration.alternatives);
        implementations.add(new Implementation(declaration.constraints, body));
        task.implementations = implementations.toArray(new Implementation[0]);
        task.accesses = declaration.accesses;
        task.inputFutures = declaration.futures.isEmpty() ? null : declaration.futures;
        task.policy = declaration.policy;
        task.priority = declaration.priority;
        task.timeoutNanos = declaration.timeoutNanos;
        task.component = declaration.component;
        task.partition = declaration.partition;
        task.defaultValue = declaration.defaultValue;
        task.external = external;
        for (Access access : declaration.accesses) {
            if (declaration.ignoreDefaults.containsKey(access.cell)) {
                access.ignoreDefault = declaration.ignoreDefaults.get(access.cell);
                access.hasIgnoreDefault = true;
            }
            if (access.direction == io.aisprint.runtime.Direction.COMMUTATIVE) {
                task.usesGates = true;
            }
        }
        for (Access access : declaration.accesses) {
            access.cell.checkUsable(task.name());
        }
        if (!dispatcher.canEverRun(task)) {
            throw unsatisfiable(task);
        }
        TaskNode parent = runningTask.get();
        GroupImpl group = currentGroup.get();
        task.group = group != null ? group : parent != null ? parent.group : null;
        live.incrementAndGet();
        stats.submitted.increment();
        if (task.group != null) {
            task.group.taskSubmitted(task);
        }
        for (Version future : declaration.futures) {
            task.dependOnAll(future.producers);
        }
        try {
            for (Access access : declaration.accesses) {
                access.cell.register(task, access, this);
            }
        } catch (RuntimeException invalid) {
            // Edges added so far are harmless once the task is cancelled; the count must drop again.
            cancelTask(task, "its declaration was rejected");
            throw invalid;
        }
        if (task.pending.decrementAndGet() == 0) {
            makeReady(task, null);
        }
        return task.result;
    }

    private TaskRuntimeException unsatisfiable(TaskNode task) {
        StringBuilder text = new StringBuilder("task '" + task.name() + "' can never run: no node satisfies ");
        for (int i = 0; i < task.implementations.length; i++) {
            text.append(i == 0 ? "" : " or ").append('[').append(task.implementations[i].constraints()).append(']');
        }
        if (task.component() != null) {
            text.append(" for component '").append(task.component()).append("' partition '").append(task.partition())
                    .append("' under the ").append(dispatcher.policy().name()).append(" policy");
        }
        text.append(".\nNodes: ");
        List<NodeSpec> nodes = dispatcher.nodes();
        for (NodeSpec node : nodes) {
            text.append("\n  ").append(node.name()).append(": cores=").append(node.cores()).append(", memoryMb=")
                    .append(node.memoryMb()).append(", gpus=").append(node.gpus()).append(", architecture=")
                    .append(node.architecture()).append(", labels=").append(node.labels());
        }
        text.append("\nMaybe lower the task's constraints, or add a node that offers them with runtime.addNode(...).");
        return new TaskRuntimeException(ErrorCode.UNSATISFIABLE_CONSTRAINT, text.toString());
    }

    /** The main program blocks while too many tasks are unfinished; tasks submitting nested tasks never block. */
    private void throttle() {
        if (live.get() < maxPendingTasks || backend.isWorkerThread()) {
            return;
        }
        long resumeAt = maxPendingTasks / 2;
        waitForLive(resumeAt);
    }

    /** All dependencies are met: queue the task, or cancel it when the run or its group stopped. */
    void makeReady(TaskNode task, List<TaskNode> sink) {
        TaskRuntimeException failure = runFailure;
        if (task.poisonedBy != null || failure != null || task.group != null && task.group.isAborted()) {
            String why = task.poisonedBy != null ? "it depends on " + task.poisonedBy + ", which "
                    + (task.poisonedBy.state() == TaskNode.CANCELLED ? "was cancelled" : "failed")
                    : failure != null ? "the run stopped: " + failure.getMessage()
                            : "its group '" + task.group.name() + "' was aborted";
            cancelTask(task, why);
            return;
        }
        if (!task.casState(TaskNode.PENDING, TaskNode.READY)) {
            return;
        }
        if (task.usesGates && !acquireGates(task)) {
            return; // parked; the gate holder's end queues it
        }
        if (sink != null) {
            sink.add(task);
        } else {
            dispatcher.enqueue(task);
        }
    }

    // ---------------------------------------------------------------- commutative gates

    private boolean acquireGates(TaskNode task) {
        synchronized (gateLock) {
            for (Access access : task.accesses) {
                CommutativeGate gate = access.gate;
                if (gate != null && gate.holder != null && gate.holder != task) {
                    gate.waiting.add(task);
                    return false;
                }
            }
            for (Access access : task.accesses) {
                if (access.gate != null) {
                    access.gate.holder = task;
                }
            }
            return true;
        }
    }

    /** Frees the gates {@code task} holds and queues the waiters that can now take them. */
    void releaseGates(TaskNode task, List<TaskNode> sink) {
        List<Access> accesses = task.accesses;
        if (!task.usesGates || accesses == null) {
            return;
        }
        List<TaskNode> retry = new ArrayList<>();
        synchronized (gateLock) {
            for (Access access : accesses) {
                CommutativeGate gate = access.gate;
                if (gate != null && gate.holder == task) {
                    gate.holder = null;
                    retry.addAll(gate.waiting);
                    gate.waiting.clear();
                }
                if (gate != null) {
                    gate.waiting.remove(task);
                }
            }
        }
        for (TaskNode waiter : retry) {
            if (waiter.state() == TaskNode.READY && acquireGates(waiter)) {
                if (sink != null) {
                    sink.add(waiter);
                } else {
                    dispatcher.enqueue(waiter);
                }
            }
        }
    }

    // ---------------------------------------------------------------- execution (worker side)

    void execute(TaskNode task) {
        execution.run(task);
    }

    ScheduledExecutorService timer() {
        ScheduledExecutorService current = timer;
        if (current == null) {
            synchronized (this) {
                if (timer == null) {
                    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
                        Thread thread = new Thread(runnable, "aisprint-timeouts");
                        thread.setDaemon(true);
                        return thread;
                    });
                    executor.setRemoveOnCancelPolicy(true);
                    timer = executor;
                }
                current = timer;
            }
        }
        return current;
    }

    /**
     * Ends a task for good: wakes its waiters, then releases or cancels its successors. The
     * successors that become ready go to {@code sink} when given (the worker queues them in one go).
     */
    void terminate(TaskNode task, int terminalState, TaskRuntimeException failure, List<TaskNode> sink) {
        if (failure != null) {
            task.setFailure(failure);
        }
        releaseGates(task, sink);
        List<TaskNode> successors = task.seal(terminalState);
        ended(task);
        boolean poison = terminalState == TaskNode.FAILED || terminalState == TaskNode.CANCELLED;
        for (int i = 0, n = successors.size(); i < n; i++) {
            TaskNode successor = successors.get(i);
            if (poison) {
                successor.poisonedBy = task;
            }
            if (successor.pending.decrementAndGet() == 0) {
                makeReady(successor, sink);
            } else if (poison) {
                cancelTask(successor, "it depends on " + task + ", which "
                        + (terminalState == TaskNode.CANCELLED ? "was cancelled" : "failed"));
            }
        }
    }

    /** Cancels a task that has not started (and, transitively, its successors); asks a running one to stop. */
    void cancelTask(TaskNode first, String why) {
        if (first.state() == TaskNode.RUNNING) {
            requestStop(first);
            return;
        }
        List<TaskNode> work = new ArrayList<>();
        work.add(first);
        String reason = why;
        while (!work.isEmpty()) {
            TaskNode task = work.remove(work.size() - 1);
            if (task.isTerminal()) {
                continue;
            }
            // The reason is recorded before the state flips: a waiter may wake the moment it does.
            task.setFailureIfAbsent(new io.aisprint.runtime.TaskCancelledException(task + " was cancelled because "
                    + reason, task.poisonedBy != null ? task.poisonedBy.failure() : runFailure));
            if (!(task.casState(TaskNode.PENDING, TaskNode.CANCELLED) || task.casState(TaskNode.READY, TaskNode.CANCELLED))) {
                if (task.state() == TaskNode.RUNNING && task == first) {
                    requestStop(task);
                }
                continue;
            }
            stats.cancelled.increment();
            releaseGates(task, null);
            for (TaskNode successor : task.seal(TaskNode.CANCELLED)) {
                successor.poisonedBy = task;
                successor.pending.decrementAndGet();
                work.add(successor);
            }
            ended(task);
            reason = "it depends on " + task + ", which was cancelled";
        }
    }

    private void requestStop(TaskNode task) {
        synchronized (task) {
            task.cancelRequested = true;
            Thread thread = task.thread;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private void ended(TaskNode task) {
        if (task.group != null) {
            task.group.taskEnded(task);
        }
        long remaining = live.decrementAndGet();
        if (liveWaiters > 0 && (remaining == 0 || remaining <= maxPendingTasks / 2)) {
            synchronized (liveLock) {
                liveLock.notifyAll();
            }
        }
    }

    /** A FAIL task ended the run: remember why and cancel what is queued; pending tasks cancel as they become ready. */
    void failRun(TaskNode task, Throwable cause) {
        synchronized (this) {
            if (runFailure != null) {
                return;
            }
            runFailure = new io.aisprint.runtime.TaskFailedException(ErrorCode.RUN_FAILED, "the run stopped because "
                    + task + " failed (policy FAIL): " + cause + "\nMaybe give the task .onFailure(FailurePolicy.retry(n))"
                    + " or CANCEL_SUCCESSORS / IGNORE if the rest of the run can go on without it.", cause);
            runFailureReported = false;
        }
    }

    void throwRunFailureIfAny() {
        TaskRuntimeException failure = runFailure;
        if (failure != null) {
            runFailureReported = true;
            throw failure;
        }
    }

    // ---------------------------------------------------------------- synchronisation

    /** Waits for a task; on a worker thread it lends the caller's node capacity and runs other work meanwhile. */
    void awaitTask(TaskNode task) {
        if (task.isTerminal()) {
            return;
        }
        if (backend.isWorkerThread() && backend instanceof InProcessBackend inProcess) {
            TaskNode self = runningTask.get();
            NodeSlot slot = self == null ? null : self.assignedNode;
            Constraints used = self == null || self.assignedImplementation == null ? null
                    : self.assignedImplementation.constraints();
            if (slot != null && used != null) {
                dispatcher.lend(slot, used);
            }
            try {
                while (!task.isTerminal()) {
                    inProcess.helpOnce(TimeUnit.MILLISECONDS.toNanos(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.aisprint.runtime.TaskCancelledException("interrupted while waiting for " + task, e);
            } finally {
                if (slot != null && used != null) {
                    dispatcher.reclaim(slot, used);
                }
                runningTask.set(self);
            }
            return;
        }
        try {
            task.awaitTerminalBlocking();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE, "interrupted while waiting for " + task, e);
        }
    }

    private void waitForLive(long atMost) {
        if (live.get() <= atMost) {
            return;
        }
        synchronized (liveLock) {
            liveWaiters++;
            try {
                while (live.get() > atMost) {
                    liveLock.wait(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE, "interrupted while waiting for tasks", e);
            } finally {
                liveWaiters--;
            }
        }
    }

    void awaitGroup(GroupImpl group, AtomicLong groupLive) {
        if (groupLive.get() == 0) {
            return;
        }
        if (backend.isWorkerThread() && backend instanceof InProcessBackend inProcess) {
            try {
                while (groupLive.get() > 0) {
                    inProcess.helpOnce(TimeUnit.MILLISECONDS.toNanos(1));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        synchronized (group) {
            try {
                while (groupLive.get() > 0) {
                    group.wait(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE, "interrupted at the barrier of group '" + group.name() + "'", e);
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T waitOn(TaskFuture<T> future) {
        try {
            return future.get();
        } catch (TaskRuntimeException e) {
            if (runFailure != null) {
                runFailureReported = true;
            }
            throw e;
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T waitOn(Data<T> data) {
        return (T) cell(data).currentVersion().get();
    }

    @Override
    public Path waitOnFile(Path path) {
        DataCell<?> cell = files.find(path);
        if (cell == null) {
            return path;
        }
        Version version = cell.currentVersion();
        version.get();
        cell.sweepUnusedVersions();
        try {
            FileManager.publish(version.path, cell.declaredPath, cell.kind == DataCell.Kind.DIRECTORY);
        } catch (IOException e) {
            throw new TaskRuntimeException(ErrorCode.DATA_IO, "cannot bring the latest version of " + path
                    + " back from " + version.path + ": " + e.getMessage(), e);
        }
        return cell.declaredPath;
    }

    @Override
    public void barrier() {
        if (runningTask.get() != null) {
            throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE, "barrier() was called inside " + runningTask.get()
                    + "; it would wait for that task itself.\nMaybe open a group in the task and close it, or wait on the"
                    + " futures of its nested tasks.");
        }
        waitForLive(0);
        throwRunFailureIfAny();
    }

    @Override
    public void deleteFile(Path path) {
        DataCell<?> cell = files.remove(path);
        if (cell == null) {
            try {
                FileManager.deleteTree(path);
            } catch (IOException e) {
                throw new TaskRuntimeException(ErrorCode.DATA_IO, "cannot delete " + path + ": " + e.getMessage(), e);
            }
            return;
        }
        cell.markDeleted();
        awaitAll(cell.users());
        try {
            for (Path physical : cell.physicalPaths) {
                FileManager.deleteTree(physical);
            }
            FileManager.deleteTree(cell.declaredPath);
        } catch (IOException e) {
            throw new TaskRuntimeException(ErrorCode.DATA_IO, "cannot delete " + path + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(Data<?> data) {
        DataCell<?> cell = cell(data);
        List<TaskNode> users = cell.users();
        cell.markDeleted();
        awaitAll(users);
    }

    private void awaitAll(List<TaskNode> tasks) {
        for (TaskNode task : tasks) {
            awaitTask(task);
        }
    }

    private static DataCell<?> cell(Data<?> data) {
        if (!(data instanceof DataCell<?> cell)) {
            throw new TaskRuntimeException(ErrorCode.INVALID_TASK, "data " + data + " was not created by this runtime");
        }
        return cell;
    }

    // ---------------------------------------------------------------- groups

    @Override
    public TaskGroup group(String name, boolean implicitBarrier) {
        checkOpen();
        GroupImpl parent = currentGroup.get();
        if (parent == null && runningTask.get() != null) {
            parent = runningTask.get().group;
        }
        GroupImpl group = new GroupImpl(Objects.requireNonNull(name, "name"), parent, implicitBarrier, this);
        currentGroup.set(group);
        return group;
    }

    void leaveGroup(GroupImpl group) {
        if (currentGroup.get() == group) {
            setCurrentGroup(group.parent);
        }
    }

    GroupImpl currentGroup() {
        return currentGroup.get();
    }

    void setCurrentGroup(GroupImpl group) {
        if (group == null) {
            currentGroup.remove();
        } else {
            currentGroup.set(group);
        }
    }

    // ---------------------------------------------------------------- proxy, nodes, observability

    @Override
    public <T> T proxy(Class<T> taskInterface, Object implementation) {
        return TaskProxy.create(this, taskInterface, implementation);
    }

    @Override
    public void addNode(NodeSpec node) {
        Objects.requireNonNull(node, "node");
        for (NodeSpec existing : dispatcher.nodes()) {
            if (existing.name().equals(node.name())) {
                throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE, "a node named '" + node.name()
                        + "' is already in the pool.\nMaybe give the new node another name.");
            }
        }
        backend.nodeAdded(node);
        dispatcher.addNode(node);
    }

    @Override
    public void removeNode(String name) {
        backend.nodeRemoved(name);
        for (TaskNode orphan : dispatcher.removeNode(name)) {
            execution.failUnrunnable(orphan, unsatisfiable(orphan));
        }
    }

    @Override
    public List<NodeSpec> nodes() {
        return dispatcher.nodes();
    }

    @Override
    public RunSummary summary() {
        return stats.summary(System.nanoTime());
    }

    @Override
    public List<TaskRecord> trace() {
        return stats.trace();
    }

    @Override
    public void writeChromeTrace(Path file) {
        ObjectMapper mapper = new ObjectMapper();
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".trace-", ".tmp");
            mapper.writeValue(temp.toFile(), ChromeTrace.toJson(stats.trace(), mapper));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new TaskRuntimeException(ErrorCode.DATA_IO, "cannot write the trace to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String metricsLineProtocol(Map<String, String> tags) {
        return LineProtocol.format(summary(), tags, System.currentTimeMillis() * 1_000_000L);
    }

    private void checkOpen() {
        if (closed) {
            throw new TaskRuntimeException(ErrorCode.ILLEGAL_STATE, "the runtime is closed.\nMaybe submit tasks before"
                    + " close(), or build a new runtime.");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        try {
            if (runningTask.get() == null) {
                waitForLive(0);
            }
            if (runFailure == null) {
                for (DataCell<?> cell : files.all()) {
                    Version version = cell.currentVersion();
                    if (version.isReadyNow()) {
                        try {
                            version.checkNotPoisoned();
                            FileManager.publish(version.path, cell.declaredPath, cell.kind == DataCell.Kind.DIRECTORY);
                        } catch (TaskRuntimeException | IOException skipped) {
                            // A file whose last writer failed keeps its previous content.
                        }
                    }
                    for (Path physical : List.copyOf(cell.physicalPaths)) {
                        try {
                            FileManager.deleteTree(physical);
                        } catch (IOException ignored) {
                            // Best effort, as for the temporary folder.
                        }
                    }
                }
            }
        } finally {
            closed = true;
            backend.close();
            ScheduledExecutorService current = timer;
            if (current != null) {
                current.shutdownNow();
            }
            files.deleteWorkDir();
        }
        TaskRuntimeException failure = runFailure;
        if (failure != null && !runFailureReported) {
            runFailureReported = true;
            throw failure;
        }
    }

    static FailurePolicy.Kind terminalKind(TaskNode task) {
        return task.policy.terminal();
    }
}
