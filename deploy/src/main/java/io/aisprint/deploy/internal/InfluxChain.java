package io.aisprint.deploy.internal;

import static io.aisprint.deploy.internal.Trees.of;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Points each layer's monitoring at an InfluxDB further up the continuum, so that metrics flow
 * edge → cloud (toscarizer's gen_next_layer_influx). Layers are numbered; a layer reports to the
 * last layer, in the order components first appear, with a higher number and a known InfluxDB:
 * the InfluxDB of an IM-built cluster, or the one physical_nodes.yaml names for an existing cluster.
 */
public final class InfluxChain {
    /** The clusters of one layer number, in component order. */
    public record LayerClusters(int number, List<Cluster> clusters) {
    }

    private InfluxChain() {
    }

    public static Map<Integer, LayerClusters> link(List<Cluster> clusters, String appName) {
        Map<Integer, LayerClusters> layers = new LinkedHashMap<>();
        Map<Integer, Endpoint> endpoints = new LinkedHashMap<>();
        for (Cluster cluster : clusters) {
            LayerClusters layer = layers.computeIfAbsent(cluster.layerNumber(), n -> new LayerClusters(n, new ArrayList<>()));
            layer.clusters().add(cluster);
            if (layer.clusters().size() == 1) {
                Endpoint endpoint = endpointOf(cluster);
                if (endpoint != null) {
                    endpoints.put(cluster.layerNumber(), endpoint);
                }
            }
        }
        for (LayerClusters layer : layers.values()) {
            Endpoint next = null;
            for (Integer number : layers.keySet()) {
                if (number > layer.number() && endpoints.containsKey(number)) {
                    next = endpoints.get(number);
                }
            }
            if (next == null) {
                continue;
            }
            for (Cluster cluster : layer.clusters()) {
                cluster.inputs().put("top_influx_url", of("default", next.url(), "type", "string"));
                cluster.inputs().put("top_influx_token", of("default", next.token(), "type", "string"));
                cluster.inputs().put("top_influx_org", of("default", "ai-sprint", "type", "string"));
                cluster.inputs().put("top_influx_bucket", of("default", appName + "-bucket", "type", "string"));
            }
        }
        return layers;
    }

    private record Endpoint(Object url, Object token) {
    }

    private static Endpoint endpointOf(Cluster cluster) {
        return switch (cluster.kind()) {
            case IM_BUILT -> new Endpoint("https://influx." + cluster.inputText("cluster_name") + "."
                    + cluster.inputText("domain_name"), cluster.input("local_influx_token"));
            case EXISTING -> cluster.inputs().containsKey("influx_endpoint") && cluster.inputs().containsKey("influx_token")
                    ? new Endpoint(cluster.input("influx_endpoint"), cluster.input("influx_token")) : null;
            case LAMBDA -> null;
        };
    }
}
