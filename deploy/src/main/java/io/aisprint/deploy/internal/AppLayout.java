package io.aisprint.deploy.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where an AI-SPRINT application directory keeps what the deployment tools read, for the base
 * deployment ({@code --base}: the first candidates of {@code candidate_deployments.yaml}) or the
 * optimal one ({@code --optimal}: the designer's {@code production_deployment.yaml}), the same
 * layout toscarizer reads.
 */
public record AppLayout(Path appDir, boolean optimal, Path deploymentsFile, Path resourcesFile, Path dagFile,
                        Path qosFile, Path deploymentDir) {
    public static final String CANDIDATE_DEPLOYMENTS = "common_config/candidate_deployments.yaml";
    public static final String CANDIDATE_RESOURCES = "common_config/candidate_resources.yaml";
    public static final String PHYSICAL_NODES = "common_config/physical_nodes.yaml";
    public static final String CONTAINERS = "aisprint/designs/containers.yaml";
    public static final String COMPONENT_PARTITIONS = "aisprint/designs/component_partitions.yaml";
    public static final String DEPLOYMENTS = "aisprint/deployments";
    public static final String PRODUCTION = DEPLOYMENTS + "/optimal_deployment/production_deployment.yaml";

    public static AppLayout of(Path appDir, boolean optimal) {
        if (!optimal) {
            Path base = appDir.resolve(DEPLOYMENTS).resolve("base");
            return new AppLayout(appDir, false, appDir.resolve(CANDIDATE_DEPLOYMENTS), appDir.resolve(CANDIDATE_RESOURCES),
                    dagOrCommon(appDir, base.resolve("application_dag.yaml")), base.resolve("ams/qos_constraints.yaml"), base);
        }
        Path production = appDir.resolve(PRODUCTION);
        Path optimalDir = production.getParent();
        Path named = optimalDir;
        if (Files.isRegularFile(production)) {
            Object root = YamlFiles.read(production);
            if (root instanceof Map<?, ?> map && map.get("System") instanceof Map<?, ?> system
                    && system.get("DeploymentName") != null) {
                // the designer names the deployment whose DAG (partitions) and QoS files the optimal one uses
                named = appDir.resolve(DEPLOYMENTS).resolve(String.valueOf(system.get("DeploymentName")));
            }
        }
        Path dag = named.resolve("application_dag.yaml");
        if (!Files.isRegularFile(dag)) {
            dag = dagOrCommon(appDir, optimalDir.resolve("application_dag.yaml"));
        }
        return new AppLayout(appDir, true, production, production, dag, named.resolve("ams/qos_constraints.yaml"), optimalDir);
    }

    /** Applications written by {@code aisprint design} keep their DAG only in common_config. */
    private static Path dagOrCommon(Path appDir, Path preferred) {
        Path common = appDir.resolve("common_config/application_dag.yaml");
        return Files.isRegularFile(preferred) || !Files.isRegularFile(common) ? preferred : common;
    }

    public Path physicalNodesFile() {
        return appDir.resolve(PHYSICAL_NODES);
    }

    public Path containersFile() {
        return appDir.resolve(CONTAINERS);
    }
}
