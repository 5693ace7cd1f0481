package io.aisprint.gpu.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Forward path relinking over the elite pool: from the best solution, walk towards each other
 * elite solution one job at a time (a move gives a job the guiding solution's node and
 * configuration when it fits), choosing among the best alpha share of moves at random. A
 * walk stops after one improvement, so the pool does not collapse onto one solution.
 */
final class PathRelinking {
    private final Instance instance;
    private final Evaluator evaluator;
    private final double alpha;
    private final long deadlineNanos;

    PathRelinking(Instance instance, Evaluator evaluator, double alpha, long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        this.instance = instance;
        this.evaluator = evaluator;
        this.alpha = alpha;
    }

    void relink(ElitePool pool, Random random) {
        List<ElitePool.Entry> entries = pool.entries();
        if (entries.size() < 2) {
            return;
        }
        ElitePool.Entry start = entries.get(0);
        for (int g = 1; g < entries.size() && System.nanoTime() < deadlineNanos; g++) {
            walk(start.solution(), entries.get(g).solution(), start.cost(), pool, random);
        }
    }

    private record Move(int job, Solution result, double cost) {
    }

    private void walk(Solution start, Solution guide, double startCost, ElitePool pool, Random random) {
        Solution current = start.copy();
        List<Integer> differing = new ArrayList<>();
        for (int j = 0; j < instance.jobCount; j++) {
            if (current.nodeOf[j] != guide.nodeOf[j] || current.candidateOf[j] != guide.candidateOf[j]) {
                differing.add(j);
            }
        }
        int depth = Math.max(1, Math.min(differing.size(), Math.max(instance.nodeCount, 1) * 2));
        for (int step = 0; step < depth && !differing.isEmpty() && System.nanoTime() < deadlineNanos; step++) {
            List<Move> moves = new ArrayList<>();
            for (int job : differing) {
                Solution moved = current.copy();
                moved.unassign(job);
                if (guide.isAssigned(job)) {
                    if (!moved.fits(job, guide.candidateOf[job], guide.nodeOf[job])) {
                        continue;
                    }
                    moved.assign(job, guide.candidateOf[job], guide.nodeOf[job]);
                }
                moves.add(new Move(job, moved, evaluator.cost(moved)));
            }
            if (moves.isEmpty()) {
                return;
            }
            moves.sort(Comparator.comparingDouble(Move::cost));
            int restricted = Math.max(1, (int) Math.ceil(alpha * moves.size()));
            Move chosen = moves.get(random.nextInt(restricted));
            current = chosen.result();
            differing.remove(Integer.valueOf(chosen.job()));
            if (chosen.cost() < startCost - 1e-9 && pool.offer(current, chosen.cost())) {
                return;
            }
        }
    }
}
