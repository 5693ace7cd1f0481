package io.aisprint.deploy;

import io.aisprint.deploy.internal.AppLayout;
import io.aisprint.deploy.internal.YamlFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files {@code aisprint deploy} writes, as {@code relative path → content}, in the layout
 * toscarizer writes under the deployment folder: {@code im/<component>.yaml} (TOSCA, in the form
 * the IM's parser accepts) and {@code oscar/fdl.yaml}.
 */
public final class DeploymentFiles {
    private DeploymentFiles() {
    }

    /** The deployment folder toscarizer writes into: {@code aisprint/deployments/base} or {@code …/optimal_deployment}. */
    public static Path defaultFolder(Path appDir, boolean optimal) {
        return AppLayout.of(appDir, optimal).deploymentDir();
    }

    public static Map<String, String> tosca(Map<String, Map<String, Object>> documents) {
        Map<String, String> files = new LinkedHashMap<>();
        documents.forEach((component, document) ->
                files.put("im/" + component + ".yaml", YamlFiles.dump(ToscaTypeConformance.apply(document))));
        return files;
    }

    public static Map<String, String> fdl(Map<String, Map<String, Object>> documents) {
        return Map.of("oscar/fdl.yaml", YamlFiles.dump(FdlGenerator.generate(documents)));
    }
}
