package io.aisprint.gpu.internal;

import io.aisprint.gpu.Assignment;
import io.aisprint.gpu.Plan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a search solution into the public plan. */
final class Plans {
    private Plans() {
    }

    static Plan toPlan(Solution solution, double cost, double horizon) {
        Instance instance = solution.instance;
        Map<String, Assignment> assignments = new LinkedHashMap<>();
        List<String> postponed = new ArrayList<>();
        for (int j = 0; j < instance.jobCount; j++) {
            String id = instance.jobs[j].id();
            if (solution.isAssigned(j)) {
                assignments.put(id, new Assignment(id, instance.nodes[solution.nodeOf[j]].id(),
                    instance.candidates[j][solution.candidateOf[j]]));
            } else {
                postponed.add(id);
            }
        }
        return new Plan(assignments, postponed, cost, horizon);
    }
}
