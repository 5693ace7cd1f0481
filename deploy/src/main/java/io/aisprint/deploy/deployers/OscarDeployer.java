package io.aisprint.deploy.deployers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.Deployer;
import io.aisprint.deploy.DeploymentHandle;
import io.aisprint.deploy.DeploymentRequest;
import io.aisprint.deploy.DeploymentStatus;
import io.aisprint.deploy.FdlGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client of OSCAR's REST API: services are created, read, updated and deleted under
 * {@code /system/services} (Basic auth), jobs are submitted with {@code POST /job/<service>}
 * (asynchronous, one Kubernetes Job per call) and {@code POST /run/<service>} (synchronous). The
 * instances of a deployment are the service's warm instances, {@code synchronous.min_scale}.
 */
public final class OscarDeployer implements Deployer {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final RestCalls rest;

    public OscarDeployer(String url, String user, String password) {
        this.url = url.replaceAll("/+$", "");
        String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        this.rest = new RestCalls("OSCAR at " + this.url, Map.of("Authorization", "Basic " + basic));
    }

    @Override
    public String kind() {
        return "oscar";
    }

    @Override
    public DeploymentHandle create(DeploymentRequest request) {
        Map<String, Object> function = request.function();
        if (function.isEmpty()) {
            throw new DeployException(DeployException.Code.INVALID_FIELD, "", request.name(),
                    "the TOSCA document holds no tosca.nodes.aisprint.FaaS.Function");
        }
        Map<String, Object> service = new LinkedHashMap<>(FdlGenerator.service(function));
        service.put("synchronous", Map.of("min_scale", request.instances(), "max_scale", Math.max(1, request.instances())));
        rest.send("POST", url + "/system/services", "application/json", null, write(service));
        return new DeploymentHandle(request.name(), String.valueOf(service.get("name")));
    }

    @Override
    public DeploymentStatus status(DeploymentHandle handle) {
        JsonNode service = read(rest.send("GET", url + "/system/services/" + handle.id(), null, "application/json", null));
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("oscar_service_url", url + "/run/" + handle.id());
        if (service.hasNonNull("token")) {
            outputs.put("oscar_service_cred", service.get("token").asText());
        }
        return new DeploymentStatus(DeploymentStatus.State.CONFIGURED, service.path("synchronous").path("min_scale").asInt(0), outputs);
    }

    @Override
    public void scale(DeploymentHandle handle, int instances) {
        ObjectNode service = (ObjectNode) read(rest.send("GET", url + "/system/services/" + handle.id(), null, "application/json", null));
        ObjectNode synchronous = service.putObject("synchronous");
        synchronous.put("min_scale", instances);
        synchronous.put("max_scale", Math.max(1, instances));
        rest.send("PUT", url + "/system/services", "application/json", null, service.toString());
    }

    @Override
    public void delete(DeploymentHandle handle) {
        rest.send("DELETE", url + "/system/services/" + handle.id(), null, null, null);
    }

    @Override
    public List<DeploymentHandle> list() {
        List<DeploymentHandle> handles = new ArrayList<>();
        for (JsonNode service : read(rest.send("GET", url + "/system/services", null, "application/json", null))) {
            String name = service.path("name").asText();
            handles.add(new DeploymentHandle(name, name));
        }
        return handles;
    }

    /** Starts an asynchronous job with the given input (what a MinIO upload event does). */
    public void submitJob(DeploymentHandle handle, String body) {
        rest.send("POST", url + "/job/" + handle.id(), "application/json", null, body);
    }

    /** Runs the service synchronously and returns its output. */
    public String run(DeploymentHandle handle, String body) {
        return rest.send("POST", url + "/run/" + handle.id(), "application/json", null, body);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a service tree always serialises", e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new DeployException(DeployException.Code.REMOTE, "", "", "OSCAR answered something that is not JSON: " + text);
        }
    }
}
