package io.aisprint.runtime.internal;

import io.aisprint.runtime.Constraints;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.spi.NodeBackend;
import io.aisprint.runtime.spi.SchedulingPolicy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Ready queue plus node capacities. One short lock guards both: a task becoming ready, a task
 * ending and a node joining each take it once, match ready tasks to free capacity and hand the
 * matches to the backend. Tasks that do not fit now are skipped up to a look-ahead window, so a
 * large task at the head does not block small ones behind it.
 */
final class Dispatcher {
    private static final int LOOKAHEAD = 64;

    private final SchedulingPolicy policy;
    private final NodeBackend backend;
    private final ArrayDeque<TaskNode> urgent = new ArrayDeque<>();
    private final ArrayDeque<TaskNode> normal = new ArrayDeque<>();
    private final List<NodeSlot> slots = new ArrayList<>();
    private final List<NodeSpec> candidates = new ArrayList<>();
    private final List<NodeSlot> candidateSlots = new ArrayList<>();
    private int freeCores;
    /** The nodes still in the pool, republished on every change so submission checks need no lock. */
    private volatile NodeSpec[] activeNodes = new NodeSpec[0];

    Dispatcher(SchedulingPolicy policy, NodeBackend backend) {
        this.policy = policy;
        this.backend = backend;
    }

    SchedulingPolicy policy() {
        return policy;
    }

    synchronized void addNode(NodeSpec spec) {
        NodeSlot slot = new NodeSlot(spec, backend.queuedCores(spec));
        slots.add(slot);
        freeCores += slot.coreCapacity;
        activeNodes = nodes().toArray(new NodeSpec[0]);
        drain();
    }

    /** Marks the node removed and returns the queued tasks that no remaining node can ever run. */
    synchronized List<TaskNode> removeNode(String name) {
        for (NodeSlot slot : slots) {
            if (!slot.removed && slot.spec.name().equals(name)) {
                slot.removed = true;
                freeCores -= Math.max(0, slot.freeCores);
            }
        }
        slots.removeIf(slot -> slot.removed && slot.idle());
        activeNodes = nodes().toArray(new NodeSpec[0]);
        List<TaskNode> orphans = new ArrayList<>();
        for (ArrayDeque<TaskNode> queue : List.of(urgent, normal)) {
            for (Iterator<TaskNode> it = queue.iterator(); it.hasNext();) {
                TaskNode task = it.next();
                if (!task.isTerminal() && !canEverRunLocked(task)) {
                    it.remove();
                    orphans.add(task);
                }
            }
        }
        return orphans;
    }

    synchronized List<NodeSpec> nodes() {
        List<NodeSpec> list = new ArrayList<>();
        for (NodeSlot slot : slots) {
            if (!slot.removed) {
                list.add(slot.spec);
            }
        }
        return list;
    }

    /** Whether some node of the pool could run the task once it is free. */
    boolean canEverRun(TaskNode task) {
        NodeSpec[] nodes = activeNodes;
        for (Implementation implementation : task.implementations) {
            for (NodeSpec node : nodes) {
                if (implementation.constraints().fitsCapacityOf(node) && policy.allows(task, node)) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean canEverRunLocked(TaskNode task) {
        for (Implementation implementation : task.implementations) {
            for (NodeSlot slot : slots) {
                if (!slot.removed && implementation.constraints().fitsCapacityOf(slot.spec) && policy.allows(task, slot.spec)) {
                    return true;
                }
            }
        }
        return false;
    }

    synchronized void enqueue(TaskNode task) {
        task.readyNanos = System.nanoTime();
        (task.priority ? urgent : normal).addLast(task);
        drain();
    }

    /**
     * A task attempt ended on {@code slot}: frees its capacity, queues the tasks it made ready
     * (and itself again when it is retried), then dispatches.
     */
    synchronized void attemptEnded(NodeSlot slot, Constraints used, List<TaskNode> nowReady, TaskNode retry) {
        release(slot, used);
        long now = System.nanoTime();
        for (int i = 0, n = nowReady.size(); i < n; i++) {
            TaskNode task = nowReady.get(i);
            task.readyNanos = now;
            (task.priority ? urgent : normal).addLast(task);
        }
        if (retry != null) {
            retry.readyNanos = now;
            (retry.priority ? urgent : normal).addLast(retry);
        }
        drain();
    }

    /** A running task blocks on a nested wait: lend its capacity so its children can run. */
    synchronized void lend(NodeSlot slot, Constraints used) {
        release(slot, used);
        drain();
    }

    /** The nested wait is over: take the capacity back even if that briefly over-commits the node. */
    synchronized void reclaim(NodeSlot slot, Constraints used) {
        slot.reserve(used);
        if (!slot.removed) {
            freeCores -= used.cores();
        }
    }

    private void release(NodeSlot slot, Constraints used) {
        slot.release(used);
        if (!slot.removed) {
            freeCores += used.cores();
        } else if (slot.idle()) {
            slots.remove(slot);
        }
    }

    private void drain() {
        drainQueue(urgent);
        drainQueue(normal);
    }

    private void drainQueue(ArrayDeque<TaskNode> queue) {
        if (queue.isEmpty() || freeCores <= 0) {
            return;
        }
        Iterator<TaskNode> it = policy.newestFirst() ? queue.descendingIterator() : queue.iterator();
        int skipped = 0;
        while (freeCores > 0 && skipped < LOOKAHEAD && it.hasNext()) {
            TaskNode task = it.next();
            if (task.state() != TaskNode.READY) {
                it.remove(); // cancelled while queued
                continue;
            }
            if (!place(task)) {
                skipped++;
                continue;
            }
            it.remove();
            NodeSlot slot = task.assignedNode;
            slot.reserve(task.assignedImplementation.constraints());
            freeCores -= task.assignedImplementation.constraints().cores();
            backend.execute(slot.spec, task);
        }
    }

    /** Picks an implementation and a node with free capacity; false when none fits now. */
    private boolean place(TaskNode task) {
        for (Implementation implementation : task.implementations) {
            candidates.clear();
            candidateSlots.clear();
            NodeSlot avoided = null;
            for (int i = 0, n = slots.size(); i < n; i++) {
                NodeSlot slot = slots.get(i);
                if (slot.fitsNow(implementation.constraints()) && policy.allows(task, slot.spec)) {
                    if (slot.spec.name().equals(task.avoidNode())) {
                        avoided = slot;
                    } else {
                        candidates.add(slot.spec);
                        candidateSlots.add(slot);
                    }
                }
            }
            if (candidates.isEmpty() && avoided != null && !otherNodeCouldRun(task, implementation, avoided)) {
                candidates.add(avoided.spec);
                candidateSlots.add(avoided);
            }
            if (candidates.isEmpty()) {
                continue;
            }
            NodeSlot chosen = candidateSlots.get(0);
            if (candidates.size() > 1) {
                NodeSpec pick = policy.choose(task, candidates);
                chosen = candidateSlots.get(Math.max(0, candidates.indexOf(pick)));
            }
            task.assignedNode = chosen;
            task.assignedImplementation = implementation;
            task.assignedConstraints = implementation.constraints();
            return true;
        }
        return false;
    }

    /** A retry prefers another node, but only waits for one if another node could ever run it. */
    private boolean otherNodeCouldRun(TaskNode task, Implementation implementation, NodeSlot avoided) {
        for (NodeSlot slot : slots) {
            if (slot != avoided && !slot.removed && implementation.constraints().fitsCapacityOf(slot.spec)
                    && policy.allows(task, slot.spec)) {
                return true;
            }
        }
        return false;
    }
}
