package io.aisprint.deploy.deployers;

import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.Deployer;
import io.aisprint.deploy.DeploymentHandle;
import io.aisprint.deploy.DeploymentRequest;
import io.aisprint.deploy.DeploymentStatus;
import io.aisprint.runtime.NodeSpec;
import io.aisprint.runtime.TaskRuntime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deploys onto the embedded runtime: each instance is a node of the runtime's pool with the
 * function's cores and memory, labelled with the deployment's name, so tasks constrained to that
 * label run there; resizing adds or removes nodes.
 */
public final class EmbeddedDeployer implements Deployer {
    public static final String LABEL = "deployment";

    private final TaskRuntime runtime;
    private final Map<String, DeploymentRequest> deployments = new LinkedHashMap<>();

    public EmbeddedDeployer(TaskRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public synchronized DeploymentHandle create(DeploymentRequest request) {
        if (deployments.containsKey(request.name())) {
            throw new DeployException(DeployException.Code.REMOTE, "", request.name(), "is already deployed on the embedded runtime");
        }
        deployments.put(request.name(), request);
        for (int i = 1; i <= request.instances(); i++) {
            runtime.addNode(node(request, i));
        }
        return new DeploymentHandle(request.name(), request.name());
    }

    @Override
    public synchronized DeploymentStatus status(DeploymentHandle handle) {
        known(handle);
        List<String> nodes = nodes(handle.name());
        return new DeploymentStatus(DeploymentStatus.State.CONFIGURED, nodes.size(), Map.of("nodes", String.join(",", nodes)));
    }

    @Override
    public synchronized void scale(DeploymentHandle handle, int instances) {
        DeploymentRequest request = known(handle);
        List<String> nodes = nodes(handle.name());
        for (int i = nodes.size() + 1; i <= instances; i++) {
            runtime.addNode(node(request, i));
        }
        for (int i = nodes.size(); i > instances; i--) {
            runtime.removeNode(handle.name() + "-" + i);
        }
    }

    @Override
    public synchronized void delete(DeploymentHandle handle) {
        known(handle);
        nodes(handle.name()).forEach(runtime::removeNode);
        deployments.remove(handle.name());
    }

    @Override
    public synchronized List<DeploymentHandle> list() {
        return deployments.keySet().stream().map(name -> new DeploymentHandle(name, name)).toList();
    }

    private DeploymentRequest known(DeploymentHandle handle) {
        DeploymentRequest request = deployments.get(handle.name());
        if (request == null) {
            throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, "", handle.name(), "is not deployed on the embedded runtime");
        }
        return request;
    }

    private List<String> nodes(String name) {
        List<String> names = new ArrayList<>();
        for (NodeSpec node : runtime.nodes()) {
            if (name.equals(node.labels().get(LABEL))) {
                names.add(node.name());
            }
        }
        return names;
    }

    private static NodeSpec node(DeploymentRequest request, int index) {
        Map<String, Object> function = request.function();
        int cores = function.get("cpu") instanceof Number cpu ? (int) Math.max(1, Math.ceil(cpu.doubleValue())) : 1;
        long memory = Long.MAX_VALUE / 4;
        if (function.get("memory") instanceof String text && text.endsWith("Mi")) {
            memory = (long) Double.parseDouble(text.substring(0, text.length() - 2));
        }
        return new NodeSpec(request.name() + "-" + index, cores, memory, 0, null, Map.of(LABEL, request.name()));
    }
}
