package io.aisprint.deploy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code aisprint deploy}'s generation step: reads the application once, generates every file of
 * the target in memory (so bad input stops it before anything is written), then writes them all
 * through {@link OutputFolder}.
 */
public final class DeploymentGenerator {
    private DeploymentGenerator() {
    }

    public static Map<String, String> files(Path appDir, DeploymentTarget target, ToscaOptions options, SecretSource secrets,
                                            ContainerRecipes.Registry registry) {
        Objects.requireNonNull(target, "target");
        return switch (target) {
            case TOSCA -> DeploymentFiles.tosca(ToscaGenerator.generate(appDir, options, secrets));
            case FDL -> DeploymentFiles.fdl(ToscaGenerator.generate(appDir, options, secrets));
            case K8S -> KubernetesManifests.files(appDir, options.optimal());
            case CONTAINERS -> ContainerRecipes.files(appDir, registry);
        };
    }

    /** Generates and writes; {@code out} null means the deployment folder toscarizer writes into. */
    public static List<Path> write(Path appDir, DeploymentTarget target, ToscaOptions options, SecretSource secrets,
                                   ContainerRecipes.Registry registry, Path out) {
        Map<String, String> files = files(appDir, target, options, secrets, registry);
        Path folder = out != null ? out : defaultFolder(appDir, target, options);
        return OutputFolder.write(folder, files);
    }

    public static Path defaultFolder(Path appDir, DeploymentTarget target, ToscaOptions options) {
        return target == DeploymentTarget.CONTAINERS ? appDir.resolve("aisprint/designs")
                : DeploymentFiles.defaultFolder(appDir, options.optimal());
    }
}
