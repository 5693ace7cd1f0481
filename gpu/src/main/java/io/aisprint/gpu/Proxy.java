package io.aisprint.gpu;

/** The estimate of cost a method minimises at one rescheduling point. */
public enum Proxy {
    /**
     * The reference scheduler's proxy: GPU/VM and node cost until the first expected completion
     * H, tardiness w·max(0, now + H − d) of scheduled jobs, and a worst-case penalty
     * 100·w·max(0, now + slowest remaining time − d) for each waiting job.
     */
    MYOPIC,
    /**
     * Ours: the whole remaining cost of every scheduled job at its share of the node price, its
     * tardiness at its expected completion, and for each waiting job its cheapest cost plus the
     * tardiness it gets if it starts at the next completion in its slowest configuration.
     */
    FULL_HORIZON,
    /** Cost of each job alone in its configuration plus its tardiness at completion (the baselines' report). */
    FIRST_PRINCIPLE
}
