package io.aisprint.placement.internal;

import java.util.ArrayList;
import java.util.List;

/** The k cheapest distinct feasible assignments seen so far, cheapest first. */
public final class EliteSet {
    /** One member: a private copy of the assignment, its cost and fingerprint. */
    public record Member(Assignment assignment, double cost, long fingerprint) {
    }

    private final int capacity;
    private final List<Member> members = new ArrayList<>();

    public EliteSet(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    /** Offers a feasible assignment; copies it when it enters. Returns whether it entered. */
    public synchronized boolean offer(Assignment a, double cost, long fingerprint) {
        if (members.size() == capacity && cost >= members.get(members.size() - 1).cost()) {
            return false;
        }
        for (Member m : members) {
            if (m.fingerprint() == fingerprint && Math.abs(m.cost() - cost) <= 1e-12 * Math.max(1.0, cost)) {
                return false;
            }
        }
        int at = 0;
        while (at < members.size() && members.get(at).cost() <= cost) {
            at++;
        }
        members.add(at, new Member(a.copy(), cost, fingerprint));
        if (members.size() > capacity) {
            members.remove(members.size() - 1);
        }
        return true;
    }

    public synchronized void addAll(EliteSet other) {
        for (Member m : other.members()) {
            offer(m.assignment(), m.cost(), m.fingerprint());
        }
    }

    public synchronized List<Member> members() {
        return List.copyOf(members);
    }

    public synchronized double bestCost() {
        return members.isEmpty() ? Double.POSITIVE_INFINITY : members.get(0).cost();
    }

    public synchronized boolean isEmpty() {
        return members.isEmpty();
    }
}
