package io.aisprint.deploy.internal;

import static io.aisprint.deploy.internal.Trees.listOf;
import static io.aisprint.deploy.internal.Trees.of;

import io.aisprint.deploy.DeployException;
import io.aisprint.deploy.SecretSource;
import io.aisprint.deploy.ToscaOptions;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Builds the cluster TOSCA of one component from its computational layer (toscarizer's
 * gen_tosca_cluster): a whole OSCAR cluster for {@code Virtual} and {@code PhysicalToBeProvisioned}
 * layers, only inputs naming the existing cluster for {@code PhysicalAlreadyProvisioned}, and the
 * AWS inputs for {@code NativeCloudFunction}. Secrets are drawn in toscarizer's order, so a
 * numbered secret source reproduces its fixtures.
 */
public final class ClusterBuilder {
    private static final Pattern DISK_SIZE = Pattern.compile("^\\d+( GB)?$");

    private final DeploymentInputs inputs;
    private final ToscaOptions options;
    private final SecretSource secrets;

    public ClusterBuilder(DeploymentInputs inputs, ToscaOptions options, SecretSource secrets) {
        this.inputs = inputs;
        this.options = options;
        this.secrets = secrets;
    }

    public Cluster build(DeploymentInputs.Placed placed, String qosConstraints) {
        DeploymentInputs.Layer layer = placed.layer();
        String component = placed.component();
        Map<String, Object> tosca = ClusterTemplates.document("OSCAR " + component);
        Cluster bare = new Cluster(component, kindOf(layer), layer.number(), tosca);
        bare.inputs().put("cluster_name", ClusterTemplates.typed("string", clusterName()));
        bare.inputs().put("layer_num", ClusterTemplates.typed("integer", layer.number()));
        return switch (layer.type()) {
            case "Virtual", "PhysicalToBeProvisioned" -> imBuilt(placed, qosConstraints);
            case "PhysicalAlreadyProvisioned" -> existing(bare, placed);
            case "NativeCloudFunction" -> lambda(bare, placed);
            default -> throw new DeployException(DeployException.Code.UNKNOWN_LAYER_TYPE, layer.file(), layer.field() + ".type",
                    "unknown layer type '" + layer.type() + "'");
        };
    }

    private static Cluster.Kind kindOf(DeploymentInputs.Layer layer) {
        return switch (layer.type()) {
            case "PhysicalAlreadyProvisioned" -> Cluster.Kind.EXISTING;
            case "NativeCloudFunction" -> Cluster.Kind.LAMBDA;
            default -> Cluster.Kind.IM_BUILT;
        };
    }

    private String clusterName() {
        return "oscar-cluster-" + secrets.next(8);
    }

    private Cluster imBuilt(DeploymentInputs.Placed placed, String qosConstraints) {
        DeploymentInputs.Layer layer = placed.layer();
        boolean elastic = options.elastic() > 0;
        boolean physical = layer.type().equals("PhysicalToBeProvisioned");
        if (elastic && physical) {
            throw new DeployException(DeployException.Code.UNSUPPORTED, layer.file(), layer.field() + ".type",
                    "--elastic powers nodes on and off through the IM, which a PhysicalToBeProvisioned layer's "
                            + "existing machines do not allow\nMaybe deploy without --elastic, or use a Virtual layer.");
        }
        Cluster cluster = new Cluster(placed.component(), Cluster.Kind.IM_BUILT, layer.number(),
                ClusterTemplates.cluster("OSCAR " + placed.component()));
        Map<String, Object> elasticFrontEnd = null;
        if (elastic) {
            elasticFrontEnd = ClusterTemplates.elasticFrontEnd(options.imAuth(), "wn_node");
            cluster.nodes().put("elastic_cluster_front_end", elasticFrontEnd);
            cluster.setInput("max_wn_num", options.elastic());
        }
        if (Trees.truthy(options.domain())) {
            cluster.setInput("domain_name", options.domain());
        }
        if (Trees.truthy(inputs.dag().name())) {
            cluster.setInput("app_name", inputs.dag().name());
        }
        if (Trees.truthy(options.influxUrl())) {
            cluster.setInput("top_influx_url", options.influxUrl());
        }
        if (Trees.truthy(options.influxToken())) {
            cluster.setInput("top_influx_token", options.influxToken());
        }
        if (Trees.truthy(qosConstraints)) {
            cluster.setInput("qos_constraints", qosConstraints);
        }
        cluster.setInput("layer_num", layer.number());
        cluster.setInput("cluster_name", clusterName());
        cluster.setInput("admin_token", secrets.next(16));
        cluster.setInput("oscar_password", secrets.next(16));
        cluster.setInput("minio_password", secrets.next(16));
        cluster.setInput("local_influx_token", secrets.next(16));
        cluster.setInput("local_influx_pass", secrets.next(16));
        cluster.setInput("fe_os_image", null);

        Map.Entry<String, Map<String, Object>> resource = chosenResource(placed);
        PhysicalNodes physicalNodes = new PhysicalNodes(inputs, layer, String.valueOf(resource.getValue().get("name")));
        if (physical) {
            physicalNodes.requireFile();
            addNetworks(cluster);
            addPort(cluster, "front", "pub_network", physicalNodes.value("fe_node", "public_ip"), 1);
            addPort(cluster, "front", "priv_network", physicalNodes.value("fe_node", "private_ip"), 0);
            setCredentials(Trees.map(cluster.nodes().get("front"), "", ""),
                    physicalNodes.value("fe_node", "ssh_user"), physicalNodes.value("fe_node", "ssh_key"));
        }
        String resourceId = resource.getKey();
        Map<String, Object> res = resource.getValue();
        Map<String, Object> worker = ClusterTemplates.workerCompute(elastic);
        fillWorker(worker, res, layer, cluster);
        if (physical) {
            // existing machines each have their own address: one worker node per machine
            Trees.at(Trees.at(Trees.at(worker, "capabilities"), "scalable"), "properties").put("count", 1);
            int total = ((Number) Trees.require(res, "totalNodes", layer.file(), layer.field() + ".Resources." + resourceId)).intValue();
            for (int i = 0; i < total; i++) {
                String name = "wn_" + resourceId + "_" + (i + 1);
                Map<String, Object> compute = Trees.copy(worker);
                setCredentials(compute, physicalNodes.worker(i, "ssh_user"), physicalNodes.worker(i, "ssh_key"));
                addPort(cluster, name, "priv_network", physicalNodes.worker(i, "private_ip"), 0);
                Map<String, Object> software = ClusterTemplates.workerSoftware(false);
                software.put("requirements", listOf(of("host", name)));
                cluster.nodes().put("wn_node_" + resourceId + "_" + (i + 1), software);
                cluster.nodes().put(name, compute);
            }
        } else {
            Map<String, Object> software = ClusterTemplates.workerSoftware(elastic);
            software.put("requirements", listOf(of("host", "wn_" + resourceId)));
            cluster.nodes().put("wn_node_" + resourceId, software);
            cluster.nodes().put("wn_" + resourceId, worker);
            if (elastic) {
                if (layer.resources().size() > 1) {
                    throw new DeployException(DeployException.Code.UNSUPPORTED, layer.file(), layer.field() + ".Resources",
                            "Elastic option cannot be used with heterogeneous WNs: the layer has "
                                    + layer.resources().size() + " resources and CLUES grows one kind of worker node"
                                    + "\nMaybe deploy without --elastic, or keep one resource in this layer.");
                }
                Trees.map(Trees.list(elasticFrontEnd.get("requirements"), "", "").get(1), "", "")
                        .put("wn", "wn_node_" + resourceId);
            }
        }
        return cluster;
    }

    private Map.Entry<String, Map<String, Object>> chosenResource(DeploymentInputs.Placed placed) {
        DeploymentInputs.Layer layer = placed.layer();
        for (Map.Entry<String, Object> entry : layer.resources().entrySet()) {
            Map<String, Object> res = Trees.map(entry.getValue(), layer.file(), layer.field() + ".Resources." + entry.getKey());
            if (placed.resource().equals(String.valueOf(res.get("name")).trim())) {
                return Map.entry(entry.getKey(), res);
            }
        }
        throw new DeployException(DeployException.Code.UNKNOWN_RESOURCE, placed.file(), placed.containerField(),
                "Resource " + placed.resource() + " not found in Compute Layer " + layer.number());
    }

    private void fillWorker(Map<String, Object> worker, Map<String, Object> res, DeploymentInputs.Layer layer, Cluster cluster) {
        Map<String, Object> capabilities = Trees.at(worker, "capabilities");
        Map<String, Object> host = Trees.at(Trees.at(capabilities, "host"), "properties");
        Map<String, Object> os = Trees.at(Trees.at(capabilities, "os"), "properties");
        Trees.at(Trees.at(capabilities, "scalable"), "properties").put("count", res.get("totalNodes"));
        if (Trees.truthy(res.get("flavorName"))) {
            host.put("instance_type", res.get("flavorName"));
        }
        host.put("mem_size", PythonText.str(res.get("memorySize")) + " MB");
        host.put("preemtible_instance", res.getOrDefault("onSpot", false));
        os.put("distribution", res.get("operatingSystemDistribution"));
        os.put("version", res.get("operatingSystemVersion"));
        os.put("image", res.get("operatingSystemImageId"));
        if (Trees.truthy(res.get("storageSize"))) {
            String disk = PythonText.str(res.get("storageSize"));
            if (!DISK_SIZE.matcher(disk).matches()) {
                throw new DeployException(DeployException.Code.INVALID_FIELD, layer.file(),
                        layer.field() + ".Resources." + res.get("name") + ".storageSize",
                        "'" + disk + "' is not a valid size (expected '100' or '100 GB')");
            }
            host.put("disk_size", disk.endsWith("GB") ? disk : disk + " GB");
        }
        String image = res.get("operatingSystemImageId") == null ? "" : String.valueOf(res.get("operatingSystemImageId"));
        if (image.startsWith("aws") && "SSD".equals(res.get("storageType"))) {
            host.put("disk_type", "gp3");
        }
        if (cluster.input("fe_os_image") == null) {
            // the front end runs the image of the first worker
            cluster.setInput("fe_os_image", res.get("operatingSystemImageId"));
        }
        double cores = 0;
        boolean allWhole = true;
        boolean sgx = false;
        Object processors = res.get("processors");
        if (processors instanceof Map<?, ?> map) {
            for (Object processor : map.values()) {
                if (processor instanceof Map<?, ?> p) {
                    Object units = p.get("computingUnits");
                    if (units instanceof Number n) {
                        cores += n.doubleValue();
                        allWhole &= !(units instanceof Double);
                    }
                    sgx |= Trees.truthy(p.get("SGXFlag"));
                }
            }
        }
        host.put("num_cpus", allWhole ? (Object) (int) cores : (Object) cores);
        host.put("sgx", sgx);
        addGpus(host, res, layer);
    }

    private static void addGpus(Map<String, Object> host, Map<String, Object> res, DeploymentInputs.Layer layer) {
        int gpus = 0;
        String architecture = null;
        if (res.get("accelerators") instanceof Map<?, ?> accelerators) {
            for (Object accelerator : accelerators.values()) {
                if (accelerator instanceof Map<?, ?> a && a.get("processors") instanceof Map<?, ?> processors) {
                    for (Object processor : processors.values()) {
                        if (processor instanceof Map<?, ?> p && "GPU".equals(p.get("type"))) {
                            gpus += p.get("computingUnits") instanceof Number n ? n.intValue() : 0;
                            architecture = p.get("architecture") == null ? null : String.valueOf(p.get("architecture"));
                        }
                    }
                }
            }
        }
        if (gpus == 0) {
            return;
        }
        host.put("num_gpus", gpus);
        if (architecture != null) {
            String[] parts = architecture.trim().split("\\s+");
            if (parts.length != 2) {
                throw new DeployException(DeployException.Code.INVALID_FIELD, layer.file(),
                        layer.field() + ".Resources." + res.get("name") + ".accelerators",
                        "GPU architecture '" + architecture + "' must have the format 'VENDOR MODEL'");
            }
            host.put("gpu_vendor", parts[0]);
            host.put("gpu_model", parts[1]);
        }
    }

    private Cluster existing(Cluster cluster, DeploymentInputs.Placed placed) {
        DeploymentInputs.Layer layer = placed.layer();
        if (layer.resources().size() != 1) {
            throw new DeployException(DeployException.Code.UNSUPPORTED, layer.file(), layer.field() + ".Resources",
                    "PhysicalAlreadyProvisioned ComputeLayer must only have 1 resource (it has " + layer.resources().size()
                            + "): functions go to the one existing OSCAR cluster of the layer");
        }
        Map<String, Object> res = Trees.map(layer.resources().values().iterator().next(), layer.file(), layer.field());
        PhysicalNodes physicalNodes = new PhysicalNodes(inputs, layer, String.valueOf(res.get("name")).trim());
        physicalNodes.requireFile();
        put(cluster, "minio_endpoint", physicalNodes.value("minio", "endpoint"));
        put(cluster, "influx_endpoint", physicalNodes.value("influx", "endpoint"));
        put(cluster, "influx_token", physicalNodes.value("influx", "token"));
        put(cluster, "minio_ak", physicalNodes.value("minio", "access_key"));
        put(cluster, "minio_sk", physicalNodes.value("minio", "secret_key"));
        put(cluster, "oscar_name", physicalNodes.value("oscar", "name"));
        return cluster;
    }

    private Cluster lambda(Cluster cluster, DeploymentInputs.Placed placed) {
        DeploymentInputs.Layer layer = placed.layer();
        cluster.inputs().put("aws", ClusterTemplates.typed("boolean", true));
        put(cluster, "top_influx_url", options.influxUrl());
        put(cluster, "top_influx_token", options.influxToken());
        Map<String, Object> res = Trees.map(layer.resources().values().iterator().next(), layer.file(), layer.field());
        PhysicalNodes physicalNodes = new PhysicalNodes(inputs, layer, String.valueOf(res.get("name")).trim());
        physicalNodes.requireFile();
        put(cluster, "aws_region", physicalNodes.value("aws", "region"));
        put(cluster, "aws_bucket", physicalNodes.value("aws", "bucket"));
        put(cluster, "aws_ak", physicalNodes.value("aws", "access_key"));
        put(cluster, "aws_sk", physicalNodes.value("aws", "secret_key"));
        return cluster;
    }

    private static void put(Cluster cluster, String name, Object value) {
        cluster.inputs().put(name, of("default", value, "type", "string"));
    }

    private static void addNetworks(Cluster cluster) {
        cluster.nodes().put("pub_network", of("type", "tosca.nodes.network.Network", "properties", of("network_type", "public")));
        cluster.nodes().put("priv_network", of("type", "tosca.nodes.network.Network", "properties", of("network_type", "private")));
    }

    private static void addPort(Cluster cluster, String node, String network, Object ip, int order) {
        cluster.nodes().put(node + "_" + network + "_port", of(
                "type", "tosca.nodes.network.Port",
                "properties", of("order", order, "ip_address", ip),
                "requirements", listOf(of("binding", node), of("link", network))));
    }

    private static void setCredentials(Map<String, Object> compute, Object user, Object key) {
        Map<String, Object> os = Trees.at(Trees.at(Trees.at(compute, "capabilities"), "os"), "properties");
        os.put("credential", of("user", user, "token_type", "private_key", "token", key));
    }

    /** Looks values up in physical_nodes.yaml for one resource of one layer; absent values are null, as in toscarizer. */
    private static final class PhysicalNodes {
        private final DeploymentInputs inputs;
        private final DeploymentInputs.Layer layer;
        private final Map<?, ?> resource;

        PhysicalNodes(DeploymentInputs inputs, DeploymentInputs.Layer layer, String resourceName) {
            this.inputs = inputs;
            this.layer = layer;
            this.resource = find(inputs.physicalNodes(), layer.number(), resourceName);
        }

        void requireFile() {
            if (inputs.physicalNodes().isEmpty()) {
                throw new DeployException(DeployException.Code.UNREADABLE_INPUT, inputs.physicalNodesFile(), "",
                        "computational layer " + layer.number() + " is of type " + layer.type()
                                + ", which needs this file (addresses and credentials of the existing machines), but it does not exist");
            }
        }

        Object value(String nodeType, String key) {
            return resource != null && resource.get(nodeType) instanceof Map<?, ?> map ? map.get(key) : null;
        }

        Object worker(int index, String key) {
            if (resource != null && resource.get("wns") instanceof List<?> list && index < list.size()
                    && list.get(index) instanceof Map<?, ?> map) {
                return map.get(key);
            }
            return null;
        }

        private static Map<?, ?> find(Map<String, Object> physical, int number, String resourceName) {
            if (!(physical.get("ComputationalLayers") instanceof Map<?, ?> layers)) {
                return null;
            }
            for (Object layer : layers.values()) {
                if (layer instanceof Map<?, ?> l && l.get("number") instanceof Number n && n.intValue() == number
                        && l.get("Resources") instanceof Map<?, ?> resources) {
                    for (Object r : resources.values()) {
                        if (r instanceof Map<?, ?> res && resourceName.equals(String.valueOf(res.get("name")).trim())) {
                            return res;
                        }
                    }
                }
            }
            return null;
        }
    }
}
