package io.aisprint.placement;

import io.aisprint.model.Placement;
import io.aisprint.model.SystemDescription;
import io.aisprint.model.io.ProductionDeploymentWriter;
import io.aisprint.model.io.SolutionJsonWriter;
import java.nio.file.Path;

/**
 * Writes a designed placement as {@code solution.json} (SPACE4AI-D C++ layout) and AI-SPRINT's
 * {@code production_deployment.yaml}, each atomically.
 */
public final class DeploymentFiles {
    public static final String SOLUTION = "solution.json";
    public static final String PRODUCTION_DEPLOYMENT = "production_deployment.yaml";

    private DeploymentFiles() {
    }

    public static void write(SystemDescription system, Placement placement, Path directory) {
        write(system, placement, directory, java.util.Map.of());
    }

    /** With the container images by component or partition name, so that production_deployment.yaml names them. */
    public static void write(SystemDescription system, Placement placement, Path directory, java.util.Map<String, String> images) {
        SolutionJsonWriter.write(system, placement, directory.resolve(SOLUTION));
        ProductionDeploymentWriter.write(system, placement, system.application().name(),
                directory.resolve(PRODUCTION_DEPLOYMENT), images);
    }
}
