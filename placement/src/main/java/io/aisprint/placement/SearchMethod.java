package io.aisprint.placement;

/** Which search the designer runs. */
public enum SearchMethod {
    /** Random greedy only (placement reference §3.2). */
    RG,
    /** Random greedy, then stochastic local search from the elite set (§3.3). */
    LS,
    /** Random greedy, then tabu search from the elite set (§3.4). */
    TABU,
    /** Random greedy, then simulated annealing from the elite set (§3.4). */
    SA,
    /**
     * Branch and bound that proves optimality when it exhausts its tree in time (or reports a lower
     * bound); heuristics find its first incumbent and keep improving it beside it.
     */
    EXACT,
    /** The default: the same hybrid as {@link #EXACT}, heuristics alternating local search and annealing. */
    AUTO;

    public static SearchMethod parse(String text) {
        for (SearchMethod method : values()) {
            if (method.name().equalsIgnoreCase(text)) {
                return method;
            }
        }
        throw new PlacementException("unknown search method '" + text + "'; expected one of rg, ls, tabu, sa, exact, auto");
    }
}
