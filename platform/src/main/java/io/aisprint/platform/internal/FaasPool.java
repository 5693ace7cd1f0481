package io.aisprint.platform.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * An elastic pool of function containers: a request takes an idle warm container when there is
 * one, otherwise a new one starts cold; a released container stays warm until it has been idle
 * for the keep-alive time, then it is killed. Times are wall nanoseconds.
 */
public final class FaasPool {
    private final long keepAliveNanos;
    private final Deque<Long> idleSince = new ArrayDeque<>();
    private int busy;
    private long coldStarts;
    private long warmStarts;

    public FaasPool(long keepAliveNanos) {
        this.keepAliveNanos = keepAliveNanos;
    }

    /** Takes a container at {@code now}; true when it had to start cold. */
    public synchronized boolean acquire(long now) {
        expire(now);
        busy++;
        if (idleSince.isEmpty()) {
            coldStarts++;
            return true;
        }
        idleSince.removeLast();
        warmStarts++;
        return false;
    }

    public synchronized void release(long now) {
        busy--;
        idleSince.addLast(now);
    }

    /** Idle kill: containers idle for longer than the keep-alive are gone. */
    public synchronized void expire(long now) {
        while (!idleSince.isEmpty() && now - idleSince.peekFirst() > keepAliveNanos) {
            idleSince.removeFirst();
        }
    }

    /** Containers alive (busy or warm idle) at {@code now}. */
    public synchronized int containers(long now) {
        expire(now);
        return busy + idleSince.size();
    }

    public synchronized long coldStarts() {
        return coldStarts;
    }

    public synchronized long warmStarts() {
        return warmStarts;
    }
}
