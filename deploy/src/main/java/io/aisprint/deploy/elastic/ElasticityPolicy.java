package io.aisprint.deploy.elastic;

import java.time.Duration;
import java.util.Objects;

/**
 * CLUES's scheduling policies in one record: power nodes on for pending work
 * ({@code PowOn_Requests}), power them off after {@code idleTime} without work
 * ({@code PowOff_IDLE}), keep {@code spareNodes} idle nodes on ({@code PowOn_Free},
 * {@code EXTRA_NODES_FREE}), give up on a node that has not joined after {@code maxWaitPowerOn}
 * ({@code MAX_WAIT_POWERON}).
 *
 * @param slotsPerNode tasks one node runs at once (its cores)
 */
public record ElasticityPolicy(int minNodes, int maxNodes, int spareNodes, int slotsPerNode, Duration idleTime,
                               Duration maxWaitPowerOn) {
    public ElasticityPolicy {
        Objects.requireNonNull(idleTime, "idleTime");
        Objects.requireNonNull(maxWaitPowerOn, "maxWaitPowerOn");
        if (minNodes < 0 || maxNodes < Math.max(1, minNodes) || spareNodes < 0 || slotsPerNode < 1) {
            throw new IllegalArgumentException("need 0 <= minNodes (" + minNodes + ") <= maxNodes (" + maxNodes
                    + "), maxNodes >= 1, spareNodes (" + spareNodes + ") >= 0, slotsPerNode (" + slotsPerNode + ") >= 1");
        }
    }

    /** CLUES's example defaults as toscarizer's elastic clusters set them: 300 s idle, 3000 s to power on, one spare. */
    public static ElasticityPolicy toscarizerDefaults(int maxNodes, int slotsPerNode) {
        return new ElasticityPolicy(0, maxNodes, 1, slotsPerNode, Duration.ofSeconds(300), Duration.ofSeconds(3000));
    }
}
