package io.aisprint.deploy.elastic;

import java.util.Set;

/** What the elasticity manager observes (CLUES's LRMS plug-in): the work not yet finished and the nodes serving. */
public interface WorkloadView {
    /** Tasks submitted and not finished (waiting or running). */
    int unfinishedTasks();

    /** Names of the worker nodes that are in the pool now. */
    Set<String> liveNodes();
}
