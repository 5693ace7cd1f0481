package io.aisprint.deploy.deployers;

import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.Deployer;
import io.aisprint.deploy.DeploymentHandle;
import io.aisprint.deploy.DeploymentRequest;
import io.aisprint.deploy.DeploymentStatus;
import io.aisprint.deploy.elastic.ProcessPowerManager;
import io.aisprint.runtime.NodeSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Deploys a component as cluster workers: each instance is an {@code aisprint worker} process
 * ({@code <name>-<i>}, labelled {@code deployment=<name>}, with the function's cores and memory)
 * that joins the application's cluster; the deployment is CONFIGURED once every instance serves
 * in the pool the driver sees. Resizing starts or stops worker processes, newest first.
 */
public final class ClusterDeployer implements Deployer {
    public static final String LABEL = "deployment";

    private final Supplier<List<NodeSpec>> liveWorkers;
    private final ProcessPowerManager processes;
    private final Map<String, NodeSpec> specs = new ConcurrentHashMap<>();
    private final Map<String, List<String>> deployments = new LinkedHashMap<>();
    private final Map<String, DeploymentRequest> requests = new LinkedHashMap<>();

    /**
     * @param liveWorkers the workers serving now (the cluster driver's view)
     * @param command     the command line that starts a worker with the given name, cores, memory and labels
     */
    public ClusterDeployer(Supplier<List<NodeSpec>> liveWorkers, Function<NodeSpec, List<String>> command, Path logs) {
        this.liveWorkers = Objects.requireNonNull(liveWorkers, "liveWorkers");
        Objects.requireNonNull(command, "command");
        this.processes = new ProcessPowerManager(node -> command.apply(specs.get(node)), logs);
    }

    @Override
    public String kind() {
        return "cluster";
    }

    @Override
    public synchronized DeploymentHandle create(DeploymentRequest request) {
        if (deployments.containsKey(request.name())) {
            throw new DeployException(DeployException.Code.REMOTE, "", request.name(), "is already deployed on the cluster");
        }
        deployments.put(request.name(), new ArrayList<>());
        requests.put(request.name(), request);
        resize(request.name(), request.instances());
        return new DeploymentHandle(request.name(), request.name());
    }

    @Override
    public synchronized DeploymentStatus status(DeploymentHandle handle) {
        List<String> wanted = known(handle);
        List<String> serving = liveWorkers.get().stream()
                .filter(n -> handle.name().equals(n.labels().get(LABEL))).map(NodeSpec::name).toList();
        DeploymentStatus.State state = serving.containsAll(wanted) ? DeploymentStatus.State.CONFIGURED
                : DeploymentStatus.State.PENDING;
        return new DeploymentStatus(state, wanted.size(), Map.of("workers", String.join(",", serving)));
    }

    @Override
    public synchronized void scale(DeploymentHandle handle, int instances) {
        known(handle);
        resize(handle.name(), instances);
    }

    @Override
    public synchronized void delete(DeploymentHandle handle) {
        known(handle);
        resize(handle.name(), 0);
        deployments.remove(handle.name());
        requests.remove(handle.name());
    }

    @Override
    public synchronized List<DeploymentHandle> list() {
        return deployments.keySet().stream().map(name -> new DeploymentHandle(name, name)).toList();
    }

    @Override
    public void close() {
        processes.close();
    }

    private void resize(String name, int instances) {
        List<String> workers = deployments.get(name);
        DeploymentRequest request = requests.get(name);
        while (workers.size() < instances) {
            String worker = name + "-" + (workers.size() + 1);
            specs.put(worker, spec(worker, request));
            processes.powerOn(worker);
            workers.add(worker);
        }
        while (workers.size() > instances) {
            processes.powerOff(workers.remove(workers.size() - 1));
        }
    }

    private List<String> known(DeploymentHandle handle) {
        List<String> workers = deployments.get(handle.name());
        if (workers == null) {
            throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, "", handle.name(), "is not deployed on the cluster");
        }
        return workers;
    }

    private static NodeSpec spec(String worker, DeploymentRequest request) {
        Map<String, Object> function = request.function();
        int cores = function.get("cpu") instanceof Number cpu ? (int) Math.max(1, Math.ceil(cpu.doubleValue())) : 1;
        long memory = 1024;
        if (function.get("memory") instanceof String text && text.endsWith("Mi")) {
            memory = (long) Double.parseDouble(text.substring(0, text.length() - 2));
        }
        return new NodeSpec(worker, cores, memory, 0, null, Map.of(LABEL, request.name()));
    }
}
