package io.aisprint.platform.internal;

import io.aisprint.cluster.RemoteContext;
import io.aisprint.cluster.RemoteFunction;
import io.aisprint.platform.examples.Stateful;
import java.io.Serializable;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Task bodies that move a stateful partition's state between workers: take it out of one, put it into another. */
final class StateMove {
    /** Moves this worker has applied, so a repeated import (a retried message) does not add the state twice. */
    private static final Set<String> APPLIED = ConcurrentHashMap.newKeySet();

    private StateMove() {
    }

    /** Takes the partition's state out of the worker it runs on (null when that worker has none). */
    record Export(PartitionBody partition) implements RemoteFunction<Serializable> {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable apply(RemoteContext context) {
            return partition.code(context.nodeName()) instanceof Stateful stateful ? stateful.exportState() : null;
        }
    }

    /** Adds a moved state to the partition's instance on this worker, once per {@code moveId}. */
    record Import(PartitionBody partition, Serializable state, String moveId) implements RemoteFunction<Serializable> {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable apply(RemoteContext context) {
            Stateful stateful = (Stateful) partition.code(context.nodeName());
            if (state != null && APPLIED.add(context.nodeName() + "/" + moveId)) {
                stateful.importState(state);
            }
            return stateful.peekState();
        }
    }

    /** The partition's state on this worker as it is now. */
    record Peek(PartitionBody partition) implements RemoteFunction<Serializable> {
        private static final long serialVersionUID = 1L;

        @Override
        public Serializable apply(RemoteContext context) {
            return partition.code(context.nodeName()) instanceof Stateful stateful ? stateful.peekState() : null;
        }
    }
}
