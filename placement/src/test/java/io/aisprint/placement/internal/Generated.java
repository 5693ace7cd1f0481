package io.aisprint.placement.internal;

import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.SystemJsonReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Seeded random systems shaped like the SPACE4AI-D anchors: a chain of components with a few
 * skip branches, one to three deployments of one to three partitions (some with early exits), two
 * edge layers, two VM layers and a FaaS layer, partial compatibility, a network that does not always
 * join every pair of layers, and local and path constraints tight enough that many placements break them.
 */
final class Generated {
    private static final String[] EDGE_LAYERS = {"devices", "gateways"};
    private static final String[] CLOUD_LAYERS = {"vms", "gpus"};

    private Generated() {
    }

    static SystemDescription system(SplittableRandom random, int components) {
        List<String> resources = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        StringBuilder edge = new StringBuilder();
        StringBuilder cloud = new StringBuilder();
        for (int l = 0; l < 4; l++) {
            boolean isEdge = l < 2;
            String layer = isEdge ? EDGE_LAYERS[l] : CLOUD_LAYERS[l - 2];
            StringBuilder target = isEdge ? edge : cloud;
            target.append(target.length() == 0 ? "" : ",").append(q(layer)).append(":{");
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String name = layer + i;
                resources.add(name);
                kinds.add(isEdge ? "QTedge" : "QTcloud");
                target.append(i == 0 ? "" : ",").append(q(name)).append(String.format(Locale.ROOT,
                        ":{\"number\":%d,\"cost\":%.3f,\"memory\":%d,\"n_cores\":1}", 1 + random.nextInt(4),
                        0.2 + random.nextDouble() * 4, 1024 * (2 + random.nextInt(8))));
            }
            target.append('}');
        }
        StringBuilder faas = new StringBuilder("\"functions\":{");
        int functions = 1 + random.nextInt(3);
        for (int i = 0; i < functions; i++) {
            String name = "fn" + i;
            resources.add(name);
            kinds.add("PACSLTK");
            faas.append(q(name)).append(String.format(Locale.ROOT, ":{\"cost\":%.4f,\"memory\":%d,\"idle_time_before_kill\":600},",
                    0.01 + random.nextDouble() * 0.05, 2048 * (2 + random.nextInt(4))));
        }
        faas.append("\"transition_cost\":0}");

        List<List<Integer>> next = new ArrayList<>();
        for (int c = 0; c < components; c++) {
            List<Integer> successors = new ArrayList<>();
            if (c + 1 < components) {
                successors.add(c + 1);
                if (c + 2 < components && random.nextInt(4) == 0) {
                    successors.add(c + 2 + random.nextInt(components - c - 2));
                }
            }
            next.add(successors);
        }
        StringBuilder dag = new StringBuilder();
        StringBuilder parts = new StringBuilder();
        StringBuilder compatibility = new StringBuilder();
        StringBuilder performance = new StringBuilder();
        for (int c = 0; c < components; c++) {
            List<Integer> successors = next.get(c);
            if (!successors.isEmpty()) {
                dag.append(dag.length() == 0 ? "" : ",").append(q("c" + c)).append(":{\"next\":[");
                StringBuilder probabilities = new StringBuilder();
                for (int i = 0; i < successors.size(); i++) {
                    dag.append(i == 0 ? "" : ",").append(q("c" + successors.get(i)));
                    probabilities.append(i == 0 ? "" : ",").append(successors.size() == 1 ? "1.0" : i == 0 ? "0.7" : "0.3");
                }
                dag.append("],\"transition_probability\":[").append(probabilities).append("]}");
            }
            parts.append(c == 0 ? "" : ",").append(q("c" + c)).append(":{");
            compatibility.append(c == 0 ? "" : ",").append(q("c" + c)).append(":{");
            performance.append(c == 0 ? "" : ",").append(q("c" + c)).append(":{");
            int deployments = 1 + random.nextInt(3);
            boolean firstPartition = true;
            for (int d = 0; d < deployments; d++) {
                int length = d == 0 ? 1 : 1 + random.nextInt(3);
                parts.append(d == 0 ? "" : ",").append(q("s" + d)).append(":{");
                for (int h = 0; h < length; h++) {
                    String name = "h" + d + "_" + h;
                    boolean last = h + 1 == length;
                    StringBuilder targets = new StringBuilder();
                    StringBuilder sizes = new StringBuilder();
                    if (last) {
                        for (int i = 0; i < successors.size(); i++) {
                            targets.append(i == 0 ? "" : ",").append(q("c" + successors.get(i)));
                            sizes.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 8));
                        }
                    } else {
                        targets.append(q("h" + d + "_" + (h + 1)));
                        sizes.append(String.format(Locale.ROOT, "%.2f", random.nextDouble() * 8));
                    }
                    double exit = !last && random.nextInt(3) == 0 ? 0.1 + random.nextDouble() * 0.4 : 0.0;
                    parts.append(h == 0 ? "" : ",").append(q(name)).append(":{\"next\":[").append(targets)
                            .append("],\"data_size\":[").append(sizes).append(String.format(Locale.ROOT,
                                    "],\"early_exit_probability\":%.3f}", exit));
                    compatibility.append(firstPartition ? "" : ",").append(q(name)).append(":[");
                    performance.append(firstPartition ? "" : ",").append(q(name)).append(":{");
                    firstPartition = false;
                    boolean any = false;
                    for (int r = 0; r < resources.size(); r++) {
                        // Every partition can run as a function, as in the anchors; other resources at random.
                        boolean pick = kinds.get(r).equals("PACSLTK") || random.nextBoolean();
                        if (!pick) {
                            continue;
                        }
                        compatibility.append(any ? "," : "").append("{\"resource\":").append(q(resources.get(r)))
                                .append(String.format(Locale.ROOT, ",\"memory\":%d}", 128 * (1 + random.nextInt(8))));
                        String model = kinds.get(r);
                        performance.append(any ? "," : "").append(q(resources.get(r))).append(model.equals("PACSLTK")
                                ? String.format(Locale.ROOT, ":{\"model\":\"PACSLTK\",\"demandWarm\":%.3f,\"demandCold\":%.3f}",
                                        0.05 + random.nextDouble() * 0.5, 0.6 + random.nextDouble() * 2)
                                : String.format(Locale.ROOT, ":{\"model\":%s,\"demand\":%.4f}", q(model),
                                        0.02 + random.nextDouble() * 0.45));
                        any = true;
                    }
                    compatibility.append(']');
                    performance.append('}');
                }
                parts.append('}');
            }
            parts.append('}');
            compatibility.append('}');
            performance.append('}');
        }
        StringBuilder locals = new StringBuilder();
        for (int c = 0; c < components; c++) {
            if (random.nextInt(3) == 0) {
                locals.append(locals.length() == 0 ? "" : ",").append(q("c" + c))
                        .append(String.format(Locale.ROOT, ":{\"local_res_time\":%.3f}", 0.2 + random.nextDouble() * 1.5));
            }
        }
        StringBuilder globals = new StringBuilder();
        int paths = components > 1 ? 1 + random.nextInt(3) : 0;
        for (int i = 0; i < paths; i++) {
            int from = random.nextInt(components - 1);
            int to = from + 1 + random.nextInt(components - from - 1);
            StringBuilder members = new StringBuilder();
            for (int c = from; c <= to; c++) {
                members.append(c == from ? "" : ",").append(q("c" + c));
            }
            globals.append(i == 0 ? "" : ",").append(q("p" + i)).append(":{\"components\":[").append(members)
                    .append(String.format(Locale.ROOT, "],\"global_res_time\":%.3f}", 0.5 * (to - from + 1) + random.nextDouble() * 3));
        }
        // The devices layer sometimes reaches the cloud only through the gateways: NO_NETWORK_PATH happens.
        String internet = random.nextBoolean() ? "\"devices\",\"gateways\",\"vms\",\"gpus\",\"functions\"" : "\"gateways\",\"vms\",\"gpus\",\"functions\"";
        String json = "{\"DirectedAcyclicGraph\":{" + dag + "},\"Components\":{" + parts + "},\"EdgeResources\":{" + edge
                + "},\"CloudResources\":{" + cloud + "},\"FaaSResources\":{" + faas + "},\"CompatibilityMatrix\":{"
                + compatibility + "},\"Performance\":{" + performance + "},\"Lambda\":1.0,\"LocalConstraints\":{" + locals
                + "},\"GlobalConstraints\":{" + globals + "},\"NetworkTechnology\":{"
                + "\"lan\":{\"computationallayers\":[\"devices\",\"gateways\"],\"AccessDelay\":0.002,\"Bandwidth\":100},"
                + "\"internet\":{\"computationallayers\":[" + internet + "],\"AccessDelay\":0.02,\"Bandwidth\":40}},\"Time\":1}";
        return SystemJsonReader.read(json, "generated.json", null);
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }
}
