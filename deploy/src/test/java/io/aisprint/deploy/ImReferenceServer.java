package io.aisprint.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.aisprint.deploy.internal.YamlFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A server implementing the Infrastructure Manager REST API as documented in
 * shared/design/deploy-monitor-reference.md §A.1–A.2 (not the IM itself, which is GPL Python and
 * not packaged for Debian): the AUTHORIZATION header must hold an InfrastructureManager line;
 * {@code POST /infrastructures} takes TOSCA and creates one VM per Compute instance
 * ({@code scalable.count}); the state goes pending → running → configured over successive
 * {@code GET …/state}; {@code POST /infrastructures/<id>} applies a new document (more VMs for a
 * raised count, the VMs of {@code removal_list} removed for a lowered one); outputs resolve
 * {@code get_input} and {@code concat}; {@code DELETE} removes it.
 */
final class ImReferenceServer extends ReferenceHttpServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STATES = List.of("pending", "running", "configured");

    private static final class Infrastructure {
        Map<String, Object> tosca;
        final List<String> vms = new ArrayList<>();
        int nextVm;
        int polls;
    }

    private final Map<String, Infrastructure> infrastructures = new LinkedHashMap<>();
    final List<String> authorizations = new ArrayList<>();
    /** What happened, in order: "create <infra_name>", "state <infra_name> <state>". */
    final List<String> log = new ArrayList<>();

    @Override
    synchronized void handle(HttpExchange exchange, String body) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("AUTHORIZATION");
        authorizations.add(auth);
        if (auth == null || !validAuth(auth)) {
            reply(exchange, 401, "text/plain", "No authentication data provided for the IM");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts.length == 1 && parts[0].equals("infrastructures")) {
            if (method.equals("POST")) {
                Infrastructure infrastructure = new Infrastructure();
                apply(infrastructure, body);
                String id = UUID.randomUUID().toString();
                infrastructures.put(id, infrastructure);
                log.add("create " + infraName(infrastructure));
                reply(exchange, 200, "text/plain", url() + "/infrastructures/" + id);
            } else {
                List<Map<String, String>> uris = new ArrayList<>();
                infrastructures.keySet().forEach(id -> uris.add(Map.of("uri", url() + "/infrastructures/" + id)));
                reply(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("uri-list", uris)));
            }
            return;
        }
        Infrastructure infrastructure = parts.length >= 2 ? infrastructures.get(parts[1]) : null;
        if (infrastructure == null) {
            reply(exchange, 404, "text/plain", "Invalid infrastructure ID or access not granted.");
            return;
        }
        String property = parts.length >= 3 ? parts[2] : "";
        switch (method + " " + property) {
            case "GET state" -> {
                String state = STATES.get(Math.min(infrastructure.polls++, STATES.size() - 1));
                log.add("state " + infraName(infrastructure) + " " + state);
                Map<String, String> vmStates = new LinkedHashMap<>();
                infrastructure.vms.forEach(vm -> vmStates.put(vm, state));
                reply(exchange, 200, "application/json",
                        JSON.writeValueAsString(Map.of("state", Map.of("state", state, "vm_states", vmStates))));
            }
            case "GET outputs" -> reply(exchange, 200, "application/json",
                    JSON.writeValueAsString(Map.of("outputs", outputs(infrastructure.tosca))));
            case "GET " -> {
                StringBuilder list = new StringBuilder();
                infrastructure.vms.forEach(vm -> list.append(url()).append(path).append("/vms/").append(vm).append('\n'));
                reply(exchange, 200, "text/uri-list", list.toString());
            }
            case "POST " -> {
                apply(infrastructure, body);
                infrastructure.polls = 1;
                reply(exchange, 200, "text/plain", "");
            }
            case "DELETE " -> {
                infrastructures.remove(parts[1]);
                reply(exchange, 200, "text/plain", "");
            }
            default -> reply(exchange, 404, "text/plain", "unknown path " + path);
        }
    }

    /** The VM ids of every infrastructure, in creation order. */
    synchronized List<List<String>> vms() {
        return infrastructures.values().stream().map(i -> List.copyOf(i.vms)).toList();
    }

    @SuppressWarnings("unchecked")
    private static String infraName(Infrastructure infrastructure) {
        Object metadata = infrastructure.tosca.get("metadata");
        return metadata instanceof Map<?, ?> m ? String.valueOf(((Map<String, Object>) m).get("infra_name")) : "?";
    }

    /** The auth file on one line, lines joined by the two characters \n, one of them for the IM itself. */
    private static boolean validAuth(String header) {
        for (String line : header.split("\\\\n")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : line.split(";")) {
                String[] keyValue = pair.split(" = ", 2);
                if (keyValue.length == 2) {
                    fields.put(keyValue[0].trim(), keyValue[1].trim());
                }
            }
            if ("InfrastructureManager".equals(fields.get("type"))
                    && (fields.containsKey("token") || fields.containsKey("username") && fields.containsKey("password"))) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private void apply(Infrastructure infrastructure, String body) {
        Map<String, Object> tosca = (Map<String, Object>) YamlFiles.parse(body, "request");
        if (!"tosca_simple_yaml_1_0".equals(tosca.get("tosca_definitions_version"))) {
            throw new IllegalArgumentException("not a TOSCA document");
        }
        Map<String, Object> nodes = (Map<String, Object>) ((Map<String, Object>) tosca.get("topology_template")).get("node_templates");
        int wanted = 0;
        List<String> removal = new ArrayList<>();
        for (Object node : nodes.values()) {
            Map<String, Object> tree = (Map<String, Object>) node;
            if (!"tosca.nodes.indigo.Compute".equals(tree.get("type"))) {
                continue;
            }
            Map<String, Object> properties = Map.of();
            if (tree.get("capabilities") instanceof Map<?, ?> capabilities && capabilities.get("scalable") instanceof Map<?, ?> scalable
                    && scalable.get("properties") instanceof Map<?, ?> p) {
                properties = (Map<String, Object>) p;
            }
            wanted += properties.get("count") instanceof Number n ? n.intValue() : 1;
            if (properties.get("removal_list") instanceof List<?> list) {
                list.forEach(id -> removal.add(String.valueOf(id)));
            }
        }
        if (!removal.isEmpty() && infrastructure.vms.size() - removal.size() != wanted) {
            throw new IllegalArgumentException("removal_list " + removal + " does not match the lowered count " + wanted);
        }
        infrastructure.vms.removeAll(removal);
        while (infrastructure.vms.size() < wanted) {
            infrastructure.vms.add(String.valueOf(infrastructure.nextVm++));
        }
        infrastructure.tosca = tosca;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> outputs(Map<String, Object> tosca) {
        Map<String, Object> topology = (Map<String, Object>) tosca.get("topology_template");
        Map<String, Object> inputs = (Map<String, Object>) topology.getOrDefault("inputs", Map.of());
        Map<String, Object> outputs = new LinkedHashMap<>();
        ((Map<String, Object>) topology.getOrDefault("outputs", Map.of())).forEach((name, output) ->
                outputs.put(name, resolve(((Map<String, Object>) output).get("value"), inputs)));
        return outputs;
    }

    @SuppressWarnings("unchecked")
    private static Object resolve(Object value, Map<String, Object> inputs) {
        if (value instanceof Map<?, ?> function) {
            if (function.get("get_input") != null) {
                Object input = inputs.get(String.valueOf(function.get("get_input")));
                return input instanceof Map<?, ?> m ? m.get("default") : null;
            }
            if (function.get("concat") instanceof List<?> parts) {
                StringBuilder text = new StringBuilder();
                parts.forEach(part -> text.append(resolve(part, inputs)));
                return text.toString();
            }
            if (function.get("get_attribute") instanceof List<?> attribute) {
                return attribute.get(0) + "." + attribute.get(1);
            }
        }
        return value;
    }
}
