package io.aisprint.security.net;

import io.aisprint.security.net.LocatedYaml.Mapping;
import io.aisprint.security.net.LocatedYaml.Node;
import io.aisprint.security.net.LocatedYaml.Scalar;
import io.aisprint.security.net.LocatedYaml.Sequence;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads a network policy or a scenario from YAML strictly: every problem (unknown key, missing
 * key, bad address or port, unknown name, duplicate) is collected with its file and line and
 * reported at once.
 */
public final class PolicyFile {
    private static final Set<String> TOP = new LinkedHashSet<>(List.of("services", "devices", "grants", "acls"));
    private static final Set<String> SERVICE = new LinkedHashSet<>(List.of("name", "address", "port", "protocol", "site", "via"));
    private static final Set<String> DEVICE = new LinkedHashSet<>(List.of("sim", "address", "slice", "groups"));
    private static final Set<String> GRANT = new LinkedHashSet<>(List.of("device", "service", "action"));
    private static final Set<String> ACL = new LinkedHashSet<>(List.of("priority", "source", "destination", "protocol", "port", "action"));
    private static final Set<String> SCENARIO = new LinkedHashSet<>(List.of("attempts"));
    private static final Set<String> ATTEMPT = new LinkedHashSet<>(List.of("device", "service", "expect"));
    /** The transport nodes between the breakout UPF and the MEC site (see docs/security.md). */
    public static final List<String> TRANSPORT_NODES = List.of("r1", "r2");

    private PolicyFile() {
    }

    public static NetworkPolicy read(Path file) {
        return policy(LocatedYaml.read(file), file.toString());
    }

    public static NetworkPolicy parse(String yaml, String name) {
        return policy(LocatedYaml.parse(yaml, name), name);
    }

    public static List<Attempt> readScenario(Path file, NetworkPolicy policy) {
        return scenario(LocatedYaml.read(file), file.toString(), policy);
    }

    public static List<Attempt> parseScenario(String yaml, String name, NetworkPolicy policy) {
        return scenario(LocatedYaml.parse(yaml, name), name, policy);
    }

    private static NetworkPolicy policy(Node root, String name) {
        List<String> problems = new ArrayList<>();
        Mapping top = top(root, "the policy", TOP, problems);
        List<Service> services = list(top, "services", true, problems, (m, path) -> service(m, path, problems));
        List<Device> devices = list(top, "devices", true, problems, (m, path) -> device(m, path, problems));
        Set<String> serviceNames = unique(services.stream().map(Service::name).toList(), top, "services", "service name", problems);
        Set<String> sims = unique(devices.stream().map(Device::sim).toList(), top, "devices", "device sim", problems);
        // Names of entries that had other problems still count, so one bad address does not also fail every grant naming it.
        serviceNames.addAll(rawNames(top, "services", "name"));
        Set<String> subjects = new HashSet<>(sims);
        subjects.addAll(rawNames(top, "devices", "sim"));
        devices.forEach(d -> subjects.addAll(d.groups()));
        List<Grant> grants = list(top, "grants", false, problems, (m, path) -> {
            m.checkKeys(path, GRANT, problems);
            String device = text(m, "device", path, true, problems);
            String service = text(m, "service", path, true, problems);
            String action = text(m, "action", path, false, problems);
            refer(m, "device", device, subjects, "device sim or group", problems);
            refer(m, "service", service, serviceNames, "service name", problems);
            if (action != null && !action.equals("allow") && !action.equals("deny")) {
                problems.add(m.fields().get("action").where() + ": " + path + ".action is '" + action + "'; expected allow or deny");
            }
            return device == null || service == null ? null : new Grant(device, service, !"deny".equals(action));
        });
        List<AclRule> acls = list(top, "acls", false, problems, (m, path) -> acl(m, path, problems));
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new NetworkPolicy(services, devices, grants, acls);
    }

    private static List<Attempt> scenario(Node root, String name, NetworkPolicy policy) {
        List<String> problems = new ArrayList<>();
        Mapping top = top(root, "the scenario", SCENARIO, problems);
        Set<String> sims = new HashSet<>(policy.devices().stream().map(Device::sim).toList());
        Set<String> services = new HashSet<>(policy.services().stream().map(Service::name).toList());
        List<Attempt> attempts = list(top, "attempts", true, problems, (m, path) -> {
            m.checkKeys(path, ATTEMPT, problems);
            String device = text(m, "device", path, true, problems);
            String service = text(m, "service", path, true, problems);
            String expect = text(m, "expect", path, true, problems);
            refer(m, "device", device, sims, "device sim of the policy", problems);
            refer(m, "service", service, services, "service name of the policy", problems);
            if (expect != null && !expect.equals("allow") && !expect.equals("deny")) {
                problems.add(m.fields().get("expect").where() + ": " + path + ".expect is '" + expect + "'; expected allow or deny");
                return null;
            }
            return device == null || service == null || expect == null ? null : new Attempt(device, service, expect.equals("allow"));
        });
        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return attempts;
    }

    private static Service service(Mapping m, String path, List<String> problems) {
        m.checkKeys(path, SERVICE, problems);
        String name = text(m, "name", path, true, problems);
        Ipv4Prefix address = parsed(m, "address", path, true, problems, Ipv4Prefix::parse);
        PortRange port = parsed(m, "port", path, true, problems, PortRange::parse);
        Protocol protocol = parsed(m, "protocol", path, false, problems, Protocol::parse);
        String site = text(m, "site", path, false, problems);
        String via = text(m, "via", path, false, problems);
        if (via != null && !TRANSPORT_NODES.contains(via)) {
            problems.add(m.fields().get("via").where() + ": " + path + ".via is '" + via + "'; expected one of " + TRANSPORT_NODES);
        }
        if (name == null || address == null || port == null) {
            return null;
        }
        return new Service(name, address, port, protocol == null ? Protocol.TCP : protocol, site == null ? "mec" : site, via == null ? "r1" : via);
    }

    private static Device device(Mapping m, String path, List<String> problems) {
        m.checkKeys(path, DEVICE, problems);
        String sim = text(m, "sim", path, true, problems);
        Ipv4Prefix address = parsed(m, "address", path, true, problems, Ipv4Prefix::parse);
        Integer slice = parsed(m, "slice", path, false, problems, Integer::parseInt);
        List<String> groups = new ArrayList<>();
        Node groupNode = m.fields().get("groups");
        if (groupNode instanceof Sequence sequence) {
            for (Node item : sequence.items()) {
                if (item instanceof Scalar s && s.text() != null) {
                    groups.add(s.text());
                } else {
                    problems.add(item.where() + ": " + path + ".groups must list group names");
                }
            }
        } else if (groupNode != null) {
            problems.add(groupNode.where() + ": " + path + ".groups must be a list of group names");
        }
        return sim == null || address == null ? null : new Device(sim, address, slice == null ? 1 : slice, groups);
    }

    private static AclRule acl(Mapping m, String path, List<String> problems) {
        m.checkKeys(path, ACL, problems);
        Integer priority = parsed(m, "priority", path, true, problems, Integer::parseInt);
        Ipv4Prefix source = parsed(m, "source", path, false, problems, Ipv4Prefix::parse);
        Ipv4Prefix destination = parsed(m, "destination", path, false, problems, Ipv4Prefix::parse);
        Protocol protocol = parsed(m, "protocol", path, false, problems, Protocol::parse);
        PortRange port = parsed(m, "port", path, false, problems, PortRange::parse);
        String action = text(m, "action", path, true, problems);
        if (action != null && !List.of("drop", "punt", "pass").contains(action)) {
            problems.add(m.fields().get("action").where() + ": " + path + ".action is '" + action + "'; expected drop, punt or pass");
            return null;
        }
        return priority == null || action == null ? null : new AclRule(priority, source, destination, protocol, port, action);
    }

    private interface ItemReader<T> {
        T read(Mapping item, String path);
    }

    private static <T> List<T> list(Mapping top, String key, boolean required, List<String> problems, ItemReader<T> reader) {
        Node node = top.fields().get(key);
        List<T> result = new ArrayList<>();
        if (node == null || node instanceof Scalar s && s.text() == null) {
            if (required) {
                problems.add(top.where() + ": missing key '" + key + "'; expected a list");
            }
            return result;
        }
        if (!(node instanceof Sequence sequence)) {
            problems.add(node.where() + ": '" + key + "' must be a list");
            return result;
        }
        for (int i = 0; i < sequence.items().size(); i++) {
            String path = key + "[" + i + "]";
            Mapping item = mapping(sequence.items().get(i), path, problems);
            T value = item == null ? null : reader.read(item, path);
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    private static Mapping top(Node root, String what, Set<String> keys, List<String> problems) {
        Mapping top = mapping(root, what, problems);
        if (top == null) {
            throw invalid(problems);
        }
        top.checkKeys(what, keys, problems);
        return top;
    }

    private static Mapping mapping(Node node, String path, List<String> problems) {
        if (node instanceof Mapping m) {
            return m;
        }
        problems.add(node.where() + ": " + path + " must be a mapping of keys to values");
        return null;
    }

    private static String text(Mapping m, String key, String path, boolean required, List<String> problems) {
        Node node = m.fields().get(key);
        if (node == null || node instanceof Scalar s && s.text() == null) {
            if (required) {
                problems.add(m.where() + ": " + path + " has no '" + key + "'");
            }
            return null;
        }
        if (node instanceof Scalar s) {
            return s.text();
        }
        problems.add(node.where() + ": " + path + "." + key + " must be a single value");
        return null;
    }

    private static <T> T parsed(Mapping m, String key, String path, boolean required, List<String> problems, Function<String, T> parser) {
        String text = text(m, key, path, required, problems);
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (IllegalArgumentException e) {
            String detail = e instanceof NumberFormatException ? "'" + text + "' is not a whole number" : e.getMessage();
            problems.add(m.fields().get(key).where() + ": " + path + "." + key + ": " + detail);
            return null;
        }
    }

    private static void refer(Mapping m, String key, String value, Set<String> known, String what, List<String> problems) {
        if (value != null && !known.contains(value)) {
            problems.add(m.fields().get(key).where() + ": '" + value + "' is not a known " + what);
        }
    }

    private static Set<String> unique(List<String> names, Mapping top, String key, String what, List<String> problems) {
        Set<String> seen = new LinkedHashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                problems.add(top.fields().get(key).where() + ": duplicate " + what + " '" + name + "'");
            }
        }
        return seen;
    }

    private static Set<String> rawNames(Mapping top, String key, String field) {
        Set<String> names = new HashSet<>();
        if (top.fields().get(key) instanceof Sequence sequence) {
            for (Node item : sequence.items()) {
                if (item instanceof Mapping m && m.fields().get(field) instanceof Scalar name && name.text() != null) {
                    names.add(name.text());
                }
            }
        }
        return names;
    }

    /** All problems, in file order. */
    private static NetException invalid(List<String> problems) {
        List<String> sorted = new ArrayList<>(problems);
        sorted.sort(java.util.Comparator.comparingInt(PolicyFile::lineOf));
        return new NetException(NetException.Code.INVALID_POLICY, String.join("\n", sorted));
    }

    private static int lineOf(String problem) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^[^\\s]*?:(\\d+):").matcher(problem);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : Integer.MAX_VALUE;
    }
}
