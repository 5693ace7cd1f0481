package io.aisprint.deploy.elastic;

import io.aisprint.deploy.DeploymentHandle;
import io.aisprint.deploy.deployers.ImDeployer;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Powers worker VMs on and off through the IM, as CLUES's {@code im} power manager does: the
 * cluster's infrastructure is resized to the number of nodes that are on (raising
 * {@code scalable.count}, or lowering it with the newest VMs in {@code removal_list}).
 */
public final class ImPowerManager implements PowerManager {
    private final ImDeployer im;
    private final DeploymentHandle cluster;
    private final Set<String> on = new LinkedHashSet<>();

    public ImPowerManager(ImDeployer im, DeploymentHandle cluster) {
        this.im = im;
        this.cluster = cluster;
    }

    @Override
    public synchronized void powerOn(String node) {
        if (on.add(node)) {
            im.scale(cluster, on.size());
        }
    }

    @Override
    public synchronized void powerOff(String node) {
        if (on.remove(node)) {
            im.scale(cluster, on.size());
        }
    }
}
