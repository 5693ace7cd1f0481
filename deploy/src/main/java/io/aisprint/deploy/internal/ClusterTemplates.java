package io.aisprint.deploy.internal;

import static io.aisprint.deploy.internal.Trees.listOf;
import static io.aisprint.deploy.internal.Trees.of;

import java.util.List;
import java.util.Map;

/**
 * The TOSCA building blocks of an IM-deployed OSCAR cluster, as toscarizer emits them: a Kubernetes
 * front end on a {@code tosca.nodes.indigo.Compute} with a block storage at {@code /pv}, OSCAR,
 * the AI-SPRINT monitoring recipe, worker nodes, and for elastic clusters the CLUES front end.
 * Each call builds a fresh tree that the caller fills in.
 */
public final class ClusterTemplates {
    public static final String EC3_TYPES = "https://raw.githubusercontent.com/grycap/ec3/tosca/tosca/custom_types.yaml";
    static final String ARTIFACTS = "https://raw.githubusercontent.com/grycap/ec3/tosca/tosca/artifacts/";
    static final String KUBERNETES_VERSION = "1.23.6";

    private ClusterTemplates() {
    }

    /** The empty TOSCA document every cluster starts from. */
    public static Map<String, Object> document(String infraName) {
        return of(
                "tosca_definitions_version", "tosca_simple_yaml_1_0",
                "imports", listOf(of("ec3_custom_types", EC3_TYPES)),
                "metadata", of("infra_name", infraName),
                "topology_template", of("node_templates", of(), "inputs", of()));
    }

    /** The whole cluster: front end, Kubernetes, OSCAR, monitoring, and their inputs and outputs. */
    public static Map<String, Object> cluster(String infraName) {
        Map<String, Object> tosca = document(infraName);
        tosca.put("description", "Template for launching an OSCAR Virtual Cluster");
        Map<String, Object> topology = Trees.at(tosca, "topology_template");
        topology.put("inputs", clusterInputs());
        topology.put("node_templates", of(
                "oscar", oscar(),
                "monitoring", monitoring(),
                "lrms_front_end", frontEnd(),
                "front", front(),
                "my_block_storage", of("type", "tosca.nodes.BlockStorage",
                        "properties", of("size", input("storage_size")))));
        topology.put("outputs", clusterOutputs());
        return tosca;
    }

    private static Map<String, Object> clusterInputs() {
        return of(
                "layer_num", typed("integer", 0),
                "fe_cpus", typed("integer", 4),
                "fe_mem", typed("scalar-unit.size", "4 GB"),
                "fe_disk", typed("scalar-unit.size", "40 GB"),
                "storage_size", typed("string", "100 GB"),
                "fe_os_image", typed("string", ""),
                "admin_token", typed("string", "not_very_secret_token"),
                "oscar_password", typed("string", "oscar123"),
                "minio_password", typed("string", "minio123"),
                "cert_user_email", typed("string", "jhondoe@server.com"),
                "cluster_name", typed("string", "oscar"),
                "domain_name", typed("string", "im.grycap.net"),
                "max_wn_num", of("type", "integer", "description", "Maximum Number of WNs in the OSCAR cluster",
                        "default", 1, "required", true),
                "top_influx_url", described("URL of the Top level InfluxDB instance", "https://influx.oncloudandheat.com"),
                "top_influx_token", described("Token to access the Top level InfluxDB API", ""),
                "top_influx_org", described("Organization configured in the Top level InfluxDB", "aisprint"),
                "top_influx_bucket", described("Bucket to store the data in the Top level InfluxDB", "bucket"),
                "qos_constraints", described("App QoS Constraints", ""),
                "app_name", described("App name", ""),
                "local_influx_token", described("API TOKEN for the local influx endpoint", "aisprintTOKEN"),
                "local_influx_pass", described("Admin pass for the local influx endpoint", "aisprintPASS"));
    }

    private static Map<String, Object> oscar() {
        return of(
                "type", "tosca.nodes.indigo.OSCAR",
                "properties", of(
                        "minio_secretkey", input("minio_password"),
                        "password", input("oscar_password"),
                        "dns_host", hostName("", "."),
                        "minio_dns_host", hostName("minio.", "."),
                        "minio_dns_host_console", hostName("console.minio.", ".")),
                "capabilities", of("endpoint", of("properties", of("ports", of(
                        "http_port", of("protocol", "tcp", "source", 80),
                        "https_port", of("protocol", "tcp", "source", 443),
                        "minio_port", of("protocol", "tcp", "source", 30300))))),
                "requirements", listOf(of("host", "lrms_front_end")));
    }

    private static Map<String, Object> monitoring() {
        Map<String, Object> inputs = of(
                "REMOTE_INFLUX_URL", input("top_influx_url"),
                "REMOTE_INFLUX_TOKEN", input("top_influx_token"),
                "REMOTE_INFLUX_BUCKET", input("top_influx_bucket"),
                "REMOTE_INFLUX_ORG", input("top_influx_org"),
                "QOS_CONSTRAINTS", input("qos_constraints"),
                "APP_NAME", input("app_name"),
                "LOCAL_INFLUX_PASS", input("local_influx_pass"),
                "LOCAL_INFLUX_TOKEN", input("local_influx_token"),
                "LOCAL_INFLUX_HOSTNAME", hostName("influx.", "."));
        return of(
                "type", "tosca.nodes.SoftwareComponent",
                "requirements", listOf(of("host", "lrms_front_end")),
                "interfaces", of("Standard", of("configure", of(
                        "implementation", ARTIFACTS + "ai-monitoring/ai-sprint-monit-site.yaml",
                        "inputs", inputs))));
    }

    private static Map<String, Object> frontEnd() {
        return of(
                "type", "tosca.nodes.indigo.LRMS.FrontEnd.Kubernetes",
                "artifacts", kubeRole(),
                "capabilities", of("endpoint", of("properties", of("port", 30443, "protocol", "tcp"))),
                "properties", of(
                        "admin_username", "kubeuser",
                        "admin_token", input("admin_token"),
                        "install_kubeapps", false,
                        "install_metrics", true,
                        "install_nfs_client", true,
                        "install_ingress", true,
                        "version", KUBERNETES_VERSION,
                        "cert_manager", true,
                        "cert_user_email", input("cert_user_email"),
                        "public_dns_name", hostName("", ".")),
                "requirements", listOf(of("host", "front")));
    }

    private static Map<String, Object> front() {
        return of(
                "type", "tosca.nodes.indigo.Compute",
                "capabilities", of(
                        "endpoint", of("properties", of(
                                "dns_name", "kubeserver",
                                "additional_dns_names", listOf(hostName("", "@"), hostName("minio.", "@"),
                                        hostName("console.minio.", "@"), hostName("influx.", "@")),
                                "network_name", "PUBLIC")),
                        "host", of("properties", of(
                                "num_cpus", input("fe_cpus"),
                                "mem_size", input("fe_mem"),
                                "disk_size", input("fe_disk"))),
                        "os", of("properties", of("type", "linux", "image", input("fe_os_image")))),
                "requirements", listOf(of("local_storage", of(
                        "node", "my_block_storage",
                        "capability", "tosca.capabilities.Attachment",
                        "relationship", of("type", "tosca.relationships.AttachesTo",
                                "properties", of("location", "/pv", "device", "hdb"))))));
    }

    private static Map<String, Object> clusterOutputs() {
        return of(
                "dashboard_endpoint", value(url("https://", "/dashboard/")),
                "oscarui_endpoint", value(url("https://", "/")),
                "minio_endpoint", value(url("https://minio.", "/")),
                "console_minio_endpoint", value(url("https://console.minio.", "/")),
                "admin_token", value(input("admin_token")),
                "oscar_password", value(input("oscar_password")),
                "minio_password", value(input("minio_password")),
                "influx_endpoint", value(hostName("https://influx.", ".")),
                "influx_password", value(input("local_influx_pass")),
                "influx_token", value(input("local_influx_token")),
                "fe_node_ip", value(of("get_attribute", listOf("front", "public_address", 0))),
                "fe_node_creds", value(of("get_attribute", listOf("front", "endpoint", "credential", 0))));
    }

    /** The Kubernetes worker software ({@code wn_node}) on its compute node ({@code wn}); elastic adds CLUES limits. */
    public static Map<String, Object> workerSoftware(boolean elastic) {
        Map<String, Object> node = of(
                "type", "tosca.nodes.indigo.LRMS.WorkerNode.Kubernetes",
                "artifacts", kubeRole(),
                "properties", of(
                        "front_end_ip", of("get_attribute", listOf("front", "private_address", 0)),
                        "version", KUBERNETES_VERSION),
                "requirements", listOf(of("host", "wn")));
        if (elastic) {
            node.put("capabilities", of("wn", of("properties", of(
                    "max_instances", input("max_wn_num"), "min_instances", 0))));
        }
        return node;
    }

    public static Map<String, Object> workerCompute(boolean elastic) {
        Map<String, Object> capabilities = of(
                "scalable", of("properties", of("count", 1)),
                "host", of("properties", of(
                        "num_cpus", 2, "mem_size", "4 GB", "sgx", false, "preemtible_instance", false, "num_gpus", 0)),
                "os", of("properties", of(
                        "distribution", "ubuntu", "type", "linux", "version", 20.04, "image", "empty")));
        if (elastic) {
            capabilities.put("endpoint", of("properties", of("dns_name", "vnode-#N#.localdomain")));
        }
        return of("type", "tosca.nodes.indigo.Compute", "capabilities", capabilities);
    }

    /** CLUES on the front end, powering worker nodes on and off through the IM (ec3's ElasticCluster). */
    public static Map<String, Object> elasticFrontEnd(String imAuth, String workerNode) {
        List<Object> options = listOf(
                option("scheduling", "IDLE_TIME", "300"),
                option("scheduling", "RECONSIDER_JOB_TIME", "60"),
                option("monitoring", "MAX_WAIT_POWERON", "3000"),
                option("monitoring", "MAX_WAIT_POWEROFF", "600"),
                option("monitoring", "PERIOD_LIFECYCLE", "20"),
                option("monitoring", "PERIOD_MONITORING_NODES", "20"),
                option("client", "CLUES_REQUEST_WAIT_TIMEOUT", "3000"),
                // the last two keep one slot free at all times (CLUES_Scheduler_PowOn_Free)
                option("scheduling", "SCHEDULER_CLASSES", "clueslib.schedulers.CLUES_Scheduler_PowOn_Requests, "
                        + "clueslib.schedulers.CLUES_Scheduler_Reconsider_Jobs, clueslib.schedulers.CLUES_Scheduler_PowOff_IDLE, "
                        + "clueslib.schedulers.CLUES_Scheduler_PowOn_Free"),
                option("scheduling", "EXTRA_SLOTS_FREE", "1"));
        return of(
                "type", "tosca.nodes.ec3.ElasticCluster",
                "properties", of(
                        "im_auth", imAuth,
                        "powermanager_plugin", "im",
                        "kube_token", input("admin_token"),
                        "config_options", options),
                "requirements", listOf(of("lrms", "lrms_front_end"), of("wn", workerNode)),
                "interfaces", of("Standard", of("configure", of("implementation", ARTIFACTS + "use_external_im.yml"))));
    }

    public static Map<String, Object> input(String name) {
        return of("get_input", name);
    }

    public static Map<String, Object> typed(String type, Object value) {
        return of("type", type, "default", value);
    }

    private static Map<String, Object> described(String description, Object value) {
        return of("type", "string", "description", description, "default", value);
    }

    private static Map<String, Object> value(Object value) {
        return of("value", value);
    }

    private static Map<String, Object> option(String section, String option, String value) {
        return of("section", section, "option", option, "value", value);
    }

    private static Map<String, Object> kubeRole() {
        return of("kube_role", of("file", "grycap.kubernetes,ai-sprint", "type", "tosca.artifacts.AnsibleGalaxy.role"));
    }

    /** {@code concat: [prefix, cluster_name, separator, domain_name]} (the prefix left out when empty). */
    private static Map<String, Object> hostName(String prefix, String separator) {
        List<Object> parts = listOf();
        if (!prefix.isEmpty()) {
            parts.add(prefix);
        }
        parts.add(input("cluster_name"));
        parts.add(separator);
        parts.add(input("domain_name"));
        return of("concat", parts);
    }

    private static Map<String, Object> url(String prefix, String suffix) {
        Map<String, Object> concat = hostName(prefix, ".");
        Trees.list(concat.get("concat"), "", "").add(suffix);
        return concat;
    }
}
