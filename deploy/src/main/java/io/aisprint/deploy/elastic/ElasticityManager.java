package io.aisprint.deploy.elastic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Decides, one scheduling period at a time ({@link #step()}), which of a fixed set of worker nodes
 * are on: enough for the unfinished work plus the spare ones, within the policy's bounds; nodes
 * not needed for {@code idleTime} are powered off, the most recently powered on first. A node
 * counts as on once the {@link WorkloadView} sees it serving; one that never shows up within
 * {@code maxWaitPowerOn} is powered off again and may be tried later.
 */
public final class ElasticityManager {
    /** CLUES's node states, reduced to the ones this manager uses. */
    public enum NodeState { OFF, POWERING_ON, IDLE, USED }

    /** One decision taken in a step. */
    public record Action(Instant at, String node, boolean on, String reason) {
    }

    private static final class Node {
        NodeState state = NodeState.OFF;
        Instant since;
        Instant idleSince;
        long onOrder;
    }

    private final ElasticityPolicy policy;
    private final PowerManager power;
    private final WorkloadView view;
    private final Clock clock;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final List<Action> history = new ArrayList<>();
    private long order;

    public ElasticityManager(ElasticityPolicy policy, PowerManager power, WorkloadView view, Clock clock, List<String> nodeNames) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.power = Objects.requireNonNull(power, "power");
        this.view = Objects.requireNonNull(view, "view");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (nodeNames.size() < policy.maxNodes()) {
            throw new IllegalArgumentException(nodeNames.size() + " node names for maxNodes " + policy.maxNodes());
        }
        nodeNames.forEach(name -> nodes.put(name, new Node()));
    }

    /** One scheduling period: observe, then power nodes on or off. Returns what it did. */
    public synchronized List<Action> step() {
        Instant now = clock.instant();
        Set<String> live = view.liveNodes();
        int unfinished = Math.max(0, view.unfinishedTasks());
        List<Action> actions = new ArrayList<>();
        observe(now, live, actions);

        int busyNodes = (unfinished + policy.slotsPerNode() - 1) / policy.slotsPerNode();
        int target = Math.min(policy.maxNodes(), Math.max(policy.minNodes(), busyNodes + policy.spareNodes()));
        int onOrBooting = count(NodeState.IDLE) + count(NodeState.USED) + count(NodeState.POWERING_ON);
        for (Map.Entry<String, Node> entry : nodes.entrySet()) {
            if (onOrBooting >= target) {
                break;
            }
            Node node = entry.getValue();
            if (node.state == NodeState.OFF) {
                node.state = NodeState.POWERING_ON;
                node.since = now;
                node.onOrder = ++order;
                onOrBooting++;
                power.powerOn(entry.getKey());
                actions.add(new Action(now, entry.getKey(), true, unfinished + " unfinished tasks need " + target + " nodes"));
            }
        }

        // the earliest powered-on nodes carry the work; the later ones are idle
        List<Map.Entry<String, Node>> serving = new ArrayList<>(nodes.entrySet().stream()
                .filter(e -> e.getValue().state == NodeState.IDLE || e.getValue().state == NodeState.USED).toList());
        serving.sort((a, b) -> Long.compare(a.getValue().onOrder, b.getValue().onOrder));
        int keep = Math.max(policy.minNodes(), Math.min(policy.maxNodes(), busyNodes + policy.spareNodes()));
        int on = serving.size();
        for (int i = 0; i < serving.size(); i++) {
            Node node = serving.get(i).getValue();
            if (i < busyNodes) {
                node.state = NodeState.USED;
                node.idleSince = null;
                continue;
            }
            if (node.state != NodeState.IDLE || node.idleSince == null) {
                node.state = NodeState.IDLE;
                node.idleSince = now;
            }
        }
        for (int i = serving.size() - 1; i >= 0 && on > keep; i--) {
            Map.Entry<String, Node> entry = serving.get(i);
            Node node = entry.getValue();
            if (node.state == NodeState.IDLE && !Duration.between(node.idleSince, now).minus(policy.idleTime()).isNegative()) {
                node.state = NodeState.OFF;
                node.since = now;
                on--;
                power.powerOff(entry.getKey());
                actions.add(new Action(now, entry.getKey(), false, "idle for " + Duration.between(node.idleSince, now).toMillis() + " ms"));
            }
        }
        history.addAll(actions);
        return actions;
    }

    private void observe(Instant now, Set<String> live, List<Action> actions) {
        for (Map.Entry<String, Node> entry : nodes.entrySet()) {
            Node node = entry.getValue();
            boolean serving = live.contains(entry.getKey());
            if (node.state == NodeState.POWERING_ON && serving) {
                node.state = NodeState.IDLE;
                node.idleSince = now;
            } else if (node.state == NodeState.POWERING_ON
                    && Duration.between(node.since, now).compareTo(policy.maxWaitPowerOn()) > 0) {
                node.state = NodeState.OFF;
                power.powerOff(entry.getKey());
                actions.add(new Action(now, entry.getKey(), false, "did not join within " + policy.maxWaitPowerOn()));
            } else if ((node.state == NodeState.IDLE || node.state == NodeState.USED) && !serving) {
                // it died or left on its own: CLUES marks it off and may power it on again
                node.state = NodeState.OFF;
                node.since = now;
            }
        }
    }

    private int count(NodeState state) {
        return (int) nodes.values().stream().filter(n -> n.state == state).count();
    }

    public synchronized Map<String, NodeState> states() {
        Map<String, NodeState> states = new LinkedHashMap<>();
        nodes.forEach((name, node) -> states.put(name, node.state));
        return states;
    }

    public synchronized List<Action> history() {
        return List.copyOf(history);
    }
}
