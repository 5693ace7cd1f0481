package io.aisprint.deploy.deployers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.Deployer;
import io.aisprint.deploy.DeploymentHandle;
import io.aisprint.deploy.DeploymentRequest;
import io.aisprint.deploy.DeploymentStatus;
import io.aisprint.deploy.ToscaTypeConformance;
import io.aisprint.deploy.internal.Trees;
import io.aisprint.deploy.internal.YamlFiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client of the Infrastructure Manager's REST API (IM 2.x): {@code POST /infrastructures} with
 * the TOSCA document ({@code text/yaml}, asynchronous), {@code GET …/state} and {@code …/outputs},
 * resizing by posting the document again with the workers' {@code scalable.count} changed (and,
 * when shrinking, a {@code removal_list} of the newest worker VMs), and {@code DELETE}. Every call
 * carries the {@code AUTHORIZATION} header: the auth file on one line, lines joined by {@code \n}.
 */
public final class ImDeployer implements Deployer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final RestCalls rest;
    private final Map<String, Map<String, Object>> lastTosca = new ConcurrentHashMap<>();

    /** @param authLine the auth file with its lines joined by the two characters {@code \n} */
    public ImDeployer(String url, String authLine) {
        this.url = url.replaceAll("/+$", "");
        this.rest = new RestCalls("the IM at " + this.url, Map.of("AUTHORIZATION", authLine));
    }

    @Override
    public String kind() {
        return "im";
    }

    @Override
    public DeploymentHandle create(DeploymentRequest request) {
        Map<String, Object> tosca = ToscaTypeConformance.apply(request.tosca());
        if (tosca.isEmpty()) {
            throw new DeployException(DeployException.Code.INVALID_FIELD, "", request.name(), "the request carries no TOSCA document");
        }
        setWorkers(tosca, request.instances(), List.of());
        String uri = rest.send("POST", url + "/infrastructures?async=1", "text/yaml", "text/plain", YamlFiles.dump(tosca)).strip();
        lastTosca.put(uri, tosca);
        return new DeploymentHandle(request.name(), uri);
    }

    @Override
    public DeploymentStatus status(DeploymentHandle handle) {
        JsonNode state = json(rest.send("GET", handle.id() + "/state", null, "application/json", null)).path("state");
        DeploymentStatus.State value = parseState(state.path("state").asText("unknown"));
        Map<String, String> outputs = new LinkedHashMap<>();
        if (value == DeploymentStatus.State.CONFIGURED) {
            JsonNode answer = json(rest.send("GET", handle.id() + "/outputs", null, "application/json", null)).path("outputs");
            answer.fields().forEachRemaining(e -> outputs.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        Map<String, Object> tosca = lastTosca.get(handle.id());
        return new DeploymentStatus(value, tosca == null ? state.path("vm_states").size() : workers(tosca), outputs);
    }

    @Override
    public void scale(DeploymentHandle handle, int instances) {
        Map<String, Object> tosca = lastTosca.get(handle.id());
        if (tosca == null) {
            throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, "", handle.name(), "was not created by this client");
        }
        int current = workers(tosca);
        List<String> removal = List.of();
        if (instances < current) {
            // the IM numbers VMs in creation order: the newest workers go first
            List<String> vms = vmIds(handle);
            removal = new ArrayList<>(vms.subList(Math.max(0, vms.size() - (current - instances)), vms.size()));
        }
        Map<String, Object> next = Trees.copy(tosca);
        setWorkers(next, instances, removal);
        rest.send("POST", handle.id(), "text/yaml", "text/plain", YamlFiles.dump(next));
        setWorkers(next, instances, List.of());
        lastTosca.put(handle.id(), next);
    }

    @Override
    public void delete(DeploymentHandle handle) {
        rest.send("DELETE", handle.id(), null, "text/plain", null);
        lastTosca.remove(handle.id());
    }

    @Override
    public List<DeploymentHandle> list() {
        List<DeploymentHandle> handles = new ArrayList<>();
        JsonNode list = json(rest.send("GET", url + "/infrastructures", null, "application/json", null)).path("uri-list");
        for (JsonNode entry : list) {
            String uri = entry.path("uri").asText();
            Map<String, Object> tosca = lastTosca.get(uri);
            String name = tosca == null ? uri : String.valueOf(Trees.at(tosca, "metadata").getOrDefault("infra_name", uri));
            handles.add(new DeploymentHandle(name.replaceFirst("^OSCAR ", ""), uri));
        }
        return handles;
    }

    private List<String> vmIds(DeploymentHandle handle) {
        List<String> ids = new ArrayList<>();
        for (String line : rest.send("GET", handle.id(), null, "text/uri-list", null).split("\\R")) {
            if (!line.isBlank()) {
                ids.add(line.strip().replaceAll(".*/vms/", ""));
            }
        }
        return ids;
    }

    /** The scalable worker nodes: every Compute except the front end. */
    private static List<Map<String, Object>> workerScalables(Map<String, Object> tosca) {
        List<Map<String, Object>> scalables = new ArrayList<>();
        Map<String, Object> nodes = Trees.at(Trees.at(tosca, "topology_template"), "node_templates");
        for (Map.Entry<String, Object> node : nodes.entrySet()) {
            if (node.getValue() instanceof Map<?, ?> tree && "tosca.nodes.indigo.Compute".equals(tree.get("type"))
                    && !node.getKey().equals("front") && tree.get("capabilities") instanceof Map<?, ?> capabilities
                    && capabilities.get("scalable") instanceof Map<?, ?> scalable && scalable.get("properties") instanceof Map<?, ?> properties) {
                @SuppressWarnings("unchecked")
                Map<String, Object> typed = (Map<String, Object>) properties;
                scalables.add(typed);
            }
        }
        return scalables;
    }

    private static int workers(Map<String, Object> tosca) {
        return workerScalables(tosca).stream().mapToInt(p -> p.get("count") instanceof Number n ? n.intValue() : 1).sum();
    }

    /** Sets the worker count on the (single) scalable worker node; removal ids apply to it. */
    private static void setWorkers(Map<String, Object> tosca, int instances, List<String> removal) {
        Iterator<Map<String, Object>> scalables = workerScalables(tosca).iterator();
        if (!scalables.hasNext()) {
            return;
        }
        Map<String, Object> properties = scalables.next();
        properties.put("count", instances);
        if (removal.isEmpty()) {
            properties.remove("removal_list");
        } else {
            properties.put("removal_list", new ArrayList<Object>(removal));
        }
    }

    private static DeploymentStatus.State parseState(String state) {
        try {
            return DeploymentStatus.State.valueOf(state.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return DeploymentStatus.State.UNKNOWN;
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new DeployException(DeployException.Code.REMOTE, "", "", "the IM answered something that is not JSON: " + text);
        }
    }
}
