package io.aisprint.runtime.internal;

import io.aisprint.runtime.Data;
import io.aisprint.runtime.Direction;
import io.aisprint.runtime.ErrorCode;
import io.aisprint.runtime.TaskRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A tracked datum (object, file or directory) and its version history's tip. Every access is
 * registered under this object's lock; that is where read-after-write edges are added and where
 * write-after-read / write-after-write are removed by giving writers a new version.
 */
final class DataCell<T> implements Data<T> {
    enum Kind {
        OBJECT, FILE, DIRECTORY
    }

    private final String name;
    final Kind kind;
    final UnaryOperator<Object> copier;
    /** Declared path of a file or directory datum. */
    final Path declaredPath;
    private Version current;
    /** Writers of the open CONCURRENT or COMMUTATIVE phase, or null. */
    private List<TaskNode> phaseWriters;
    private Direction phaseDirection;
    private CommutativeGate gate;
    private volatile boolean deleted;
    /** Physical paths of the versions not yet cleaned up, to delete on delete. */
    final List<Path> physicalPaths = new ArrayList<>();
    /** Renamed file versions that a newer version replaced; deleted once nobody uses them. */
    private final List<Version> superseded = new ArrayList<>();

    @SuppressWarnings("unchecked")
    DataCell(String name, Kind kind, Object initial, UnaryOperator<?> copier, Path declaredPath) {
        this.name = name;
        this.kind = kind;
        this.copier = (UnaryOperator<Object>) copier;
        this.declaredPath = declaredPath;
        this.current = Version.initial(initial, name);
        if (declaredPath != null) {
            current.path = declaredPath;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public synchronized boolean isReady() {
        closePhase();
        return current.isReadyNow();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T value() {
        Version version = currentVersion();
        if (!version.isReadyNow()) {
            throw new TaskRuntimeException(ErrorCode.NOT_READY, "data '" + name + "' was read while a task writing it"
                    + " had not ended.\nMaybe call runtime.waitOn(data) to wait for it, or read it inside a task that"
                    + " declares it with .in(data).");
        }
        version.checkNotPoisoned();
        return (T) version.rawValue();
    }

    synchronized Version currentVersion() {
        checkNotDeleted(null);
        closePhase();
        if (!superseded.isEmpty()) {
            sweep();
        }
        return current;
    }

    synchronized void markDeleted() {
        deleted = true;
    }

    void checkUsable(String taskName) {
        checkNotDeleted(taskName);
    }

    private void checkNotDeleted(String taskName) {
        if (deleted) {
            throw new TaskRuntimeException(ErrorCode.INVALID_TASK, (taskName == null ? "" : "task '" + taskName + "': ")
                    + "data '" + name + "' was deleted.\nMaybe stop using it after runtime.delete(...), or create a new one.");
        }
    }

    /** Registers one access of {@code task}; adds its dependencies and fills the access's versions. */
    synchronized void register(TaskNode task, Access access, DefaultTaskRuntime runtime) {
        checkNotDeleted(task.name());
        Direction direction = access.direction;
        if (direction != Direction.CONCURRENT && direction != Direction.COMMUTATIVE
                || phaseDirection != direction) {
            closePhase();
        }
        switch (direction) {
            case IN -> {
                access.input = current;
                task.dependOnAll(current.producers);
                current.addReader(task);
            }
            case OUT -> {
                // A fresh version: nothing earlier has to finish first (renaming).
                access.output = newVersion(task, runtime);
                supersede(current, null);
                current = access.output;
            }
            case INOUT -> {
                access.input = current;
                task.dependOnAll(current.producers);
                List<TaskNode> pendingReaders = pendingReaders(current, task);
                if (!pendingReaders.isEmpty()) {
                    if (kind == Kind.OBJECT && copier == null) {
                        // The writer may change the object in place: it must wait for earlier readers.
                        pendingReaders.forEach(task::dependOn);
                    } else {
                        access.renamed = true;
                    }
                }
                access.output = newVersion(task, runtime);
                supersede(current, task);
                current = access.output;
            }
            case CONCURRENT, COMMUTATIVE -> {
                if (phaseWriters == null) {
                    phaseWriters = new ArrayList<>();
                    phaseDirection = direction;
                    gate = direction == Direction.COMMUTATIVE ? new CommutativeGate() : null;
                }
                access.input = current;
                access.gate = gate;
                task.dependOnAll(current.producers);
                // Phase writers share the object in place, so they wait for earlier plain readers.
                pendingReaders(current, task).forEach(task::dependOn);
                phaseWriters.add(task);
            }
            default -> throw new IllegalStateException("unknown direction " + direction);
        }
    }

    private Version newVersion(TaskNode task, DefaultTaskRuntime runtime) {
        Version version = Version.producedBy(task, name);
        if (kind != Kind.OBJECT) {
            version.path = runtime.files().renamedPath(declaredPath, task.id());
            physicalPaths.add(version.path);
        }
        return version;
    }

    /**
     * Keeps disk use bounded: a renamed file version that a newer one replaced is deleted as soon
     * as its writers, its readers and the writer copying from it have ended.
     */
    private void supersede(Version old, TaskNode copier) {
        if (kind == Kind.OBJECT) {
            return;
        }
        if (old.path != null && !old.path.equals(declaredPath)) {
            if (copier != null) {
                old.addReader(copier);
            }
            superseded.add(old);
        }
        sweep();
    }

    synchronized void sweepUnusedVersions() {
        sweep();
    }

    private void sweep() {
        for (java.util.Iterator<Version> it = superseded.iterator(); it.hasNext();) {
            Version version = it.next();
            if (unused(version) && !version.path.equals(current.path)) {
                try {
                    FileManager.deleteTree(version.path);
                    physicalPaths.remove(version.path);
                    it.remove();
                } catch (java.io.IOException e) {
                    // Left for close(), which removes the whole folder of renamed versions.
                }
            }
        }
    }

    private static boolean unused(Version version) {
        if (!version.isReadyNow()) {
            return false;
        }
        if (version.readers != null) {
            for (TaskNode reader : version.readers) {
                if (!reader.isTerminal()) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<TaskNode> pendingReaders(Version version, TaskNode self) {
        if (version.readers == null) {
            return List.of();
        }
        List<TaskNode> pending = new ArrayList<>();
        for (TaskNode reader : version.readers) {
            if (reader != self && !reader.isTerminal()) {
                pending.add(reader);
            }
        }
        return pending;
    }

    /** Ends an open CONCURRENT/COMMUTATIVE phase: the next access sees a version made by all its writers. */
    private void closePhase() {
        if (phaseWriters == null) {
            return;
        }
        Version base = current;
        Version merged = new Version(phaseWriters.toArray(new TaskNode[0]), base, null, name);
        merged.path = base.path;
        current = merged;
        phaseWriters = null;
        phaseDirection = null;
        gate = null;
    }

    /** Tasks the current version still waits for, and its pending readers (for delete). */
    synchronized List<TaskNode> users() {
        closePhase();
        List<TaskNode> users = new ArrayList<>(List.of(current.producers));
        if (current.readers != null) {
            users.addAll(current.readers);
        }
        return users;
    }

    @Override
    public String toString() {
        return "Data[" + name + "]";
    }
}
